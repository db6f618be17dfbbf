package org.hearth.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.hearth.ingest.control.ControlMessage;
import org.hearth.installer.control.RegistryControl;
import org.junit.jupiter.api.Test;

/** What the live job makes of each message on the control topic. */
class ControlStreamTest {

    @Test
    void read_takesTheRegistryTextOfWhatKitApplyPublishes() {
        byte[] payload = RegistryControl.of(3, Instant.parse("2026-11-23T10:00:00Z"), "homes:\n  - id: h1\n").toJson();

        assertThat(ControlStream.read(payload)).isEqualTo(ControlMessage.homes("homes:\n  - id: h1\n"));
    }

    @Test
    void read_takesTheThresholdsTextOfWhatThresholdsApplyPublishes() {
        byte[] payload = RegistryControl.thresholds(2, Instant.parse("2026-12-05T10:00:00Z"), "version: 1\n").toJson();

        assertThat(ControlStream.read(payload)).isEqualTo(ControlMessage.thresholds("version: 1\n"));
    }

    @Test
    void read_ignoresAClearedTopicAndRefusesWhatIsNotAControlFile() {
        assertThat(ControlStream.read(new byte[0])).isNull();
        assertThatThrownBy(() -> ControlStream.read("{\"kind\":\"AWAY\",\"version\":1,\"text\":\"x\"}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not HOMES or THRESHOLDS");
        assertThatThrownBy(() -> ControlStream.read("not json".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a registry control message");
    }
}
