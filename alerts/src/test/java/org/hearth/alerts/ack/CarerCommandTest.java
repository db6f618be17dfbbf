package org.hearth.alerts.ack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.hearth.alerts.route.AwayKind;
import org.hearth.alerts.route.AwayMode;
import org.junit.jupiter.api.Test;

class CarerCommandTest {

    private static final Instant AT = Instant.parse("2026-11-23T09:10:00Z");

    @Test
    void read_tellsAcknowledgementsFromAwayCommandsAndRoundTrips() throws Exception {
        Acknowledgement ack = new Acknowledgement("h1", "4821", "carer-1", AT);
        AwayCommand away = AwayCommand.away("h1", AwayKind.HOSPITAL, AT.plus(Duration.ofDays(5)), "carer-0", AT);
        AwayCommand back = AwayCommand.back("h1", "installer", AT);
        assertThat(CarerCommand.read(ack.payload())).isEqualTo(ack);
        assertThat(CarerCommand.read(away.payload())).isEqualTo(away);
        assertThat(CarerCommand.read(back.payload())).isEqualTo(back);
        assertThat(new String(away.payload(), StandardCharsets.UTF_8))
                .isEqualTo("{\"homeId\":\"h1\",\"command\":\"away\",\"kind\":\"hospital\",\"until\":\"2026-11-28T09:10:00Z\","
                        + "\"by\":\"carer-0\",\"at\":\"2026-11-23T09:10:00Z\"}");
    }

    @Test
    void read_refusesWhatIsNeither() {
        assertThatThrownBy(() -> CarerCommand.read("{\"homeId\":\"h1\"}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IOException.class).hasMessageContaining("neither");
        assertThatThrownBy(() -> CarerCommand.read("[1]".getBytes(StandardCharsets.UTF_8))).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> CarerCommand.read("{\"homeId\":\"h1\",\"command\":\"away\",\"kind\":\"holiday\",\"by\":\"carer-0\",\"at\":\"2026-11-23T09:10:00Z\"}"
                .getBytes(StandardCharsets.UTF_8))).isInstanceOf(IOException.class).hasMessageContaining("must have an end");
    }

    @Test
    void applyTo_backCutsTheRunningModeShortAndKeepsItsPast() {
        AwayMode holiday = new AwayMode("h1", AwayKind.HOLIDAY, AT, AT.plus(Duration.ofDays(3)), "carer-0");
        AwayMode cut = AwayCommand.back("h1", "carer-1", AT.plus(Duration.ofDays(1))).applyTo(holiday);
        assertThat(cut.until()).isEqualTo(AT.plus(Duration.ofDays(1)));
        assertThat(cut.activeAt(AT.plusSeconds(60))).isTrue();
        assertThat(cut.activeAt(AT.plus(Duration.ofDays(1)))).isFalse();
        assertThat(AwayCommand.back("h1", "carer-1", AT.plus(Duration.ofDays(4))).applyTo(holiday)).isSameAs(holiday);
        assertThat(AwayCommand.back("h1", "carer-1", AT).applyTo(holiday)).isNull();
        assertThat(AwayCommand.back("h1", "carer-1", AT).applyTo(null)).isNull();
    }
}
