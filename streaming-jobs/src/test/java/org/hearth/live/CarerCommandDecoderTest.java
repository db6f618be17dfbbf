package org.hearth.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.hearth.alerts.ack.Acknowledgement;
import org.hearth.alerts.ack.AwayCommand;
import org.hearth.alerts.route.AwayKind;
import org.hearth.ingest.control.ControlMessage;
import org.hearth.ingest.deadletter.DeadLetter;
import org.hearth.ingest.deadletter.DeadLetterReason;
import org.hearth.ingest.source.MqttMessage;
import org.hearth.job.CarerAck;
import org.hearth.models.alert.Rule;
import org.junit.jupiter.api.Test;

class CarerCommandDecoderTest {

    private static final Instant AT = Instant.parse("2026-11-23T09:12:00Z");

    @Test
    void decode_fansAnAcknowledgementOutToEveryTextedRuleOfTheHome() throws Exception {
        List<Object> out = new ArrayList<>();
        Acknowledgement ack = new Acknowledgement("h1", "4821", "carer-1", AT);
        assertThat(CarerCommandDecoder.decode(new MqttMessage("hearth/ack/h1", ack.payload(), AT), out)).isNull();
        assertThat(out).allSatisfy(o -> assertThat(o).isInstanceOfSatisfying(CarerAck.class, c -> {
            assertThat(c.ack()).isEqualTo(ack);
            assertThat(c.lifecycleKey()).isEqualTo("h1|" + c.rule().wireName());
        }));
        assertThat(out).extracting(o -> ((CarerAck) o).rule()).contains(Rule.STILLNESS, Rule.HELP_BUTTON, Rule.HUB_OFFLINE)
                .doesNotContain(Rule.KETTLE_TREND).doesNotHaveDuplicates();
    }

    @Test
    void decode_turnsAnAwayCommandIntoAControlMessageForTheLifecycle() throws Exception {
        List<Object> out = new ArrayList<>();
        AwayCommand away = AwayCommand.away("h1", AwayKind.VISITOR, AT.plus(Duration.ofDays(2)), "carer-0", AT);
        assertThat(CarerCommandDecoder.decode(new MqttMessage("hearth/ack/h1", away.payload(), AT), out)).isNull();
        assertThat(out).containsExactly(ControlMessage.away(away.json()));
        assertThat(((ControlMessage) out.get(0)).kind()).isEqualTo(ControlMessage.Kind.AWAY);
    }

    @Test
    void decode_keepsWhatItCannotUseAsADeadLetter() throws Exception {
        List<Object> out = new ArrayList<>();
        DeadLetter junk = CarerCommandDecoder.decode(MqttMessage.of("hearth/ack/h1", "{not json", AT), out);
        assertThat(junk.reason()).isEqualTo(DeadLetterReason.MALFORMED_JSON);
        assertThat(junk.payload()).isEqualTo("{not json");

        byte[] forH2 = new Acknowledgement("h2", "4821", "carer-0", AT).payload();
        DeadLetter wrongHome = CarerCommandDecoder.decode(new MqttMessage("hearth/ack/h1", forH2, AT), out);
        assertThat(wrongHome.reason()).isEqualTo(DeadLetterReason.UNKNOWN_HOME);
        assertThat(wrongHome.detail()).contains("'h2'").contains("'h1'");

        DeadLetter wrongTopic = CarerCommandDecoder.decode(new MqttMessage("hearth/h1/ack", forH2, AT), out);
        assertThat(wrongTopic.reason()).isEqualTo(DeadLetterReason.UNKNOWN_TOPIC);
        assertThat(out).isEmpty();
    }
}
