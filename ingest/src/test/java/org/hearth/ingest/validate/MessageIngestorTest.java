package org.hearth.ingest.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hearth.ingest.testing.TestKit.CLOCK;
import static org.hearth.ingest.testing.TestKit.ROUTES;
import static org.hearth.ingest.testing.TestKit.msg;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.hearth.ingest.deadletter.DeadLetter;
import org.hearth.ingest.deadletter.DeadLetterReason;
import org.hearth.ingest.decode.DecodeResult;
import org.hearth.ingest.source.MqttMessage;
import org.hearth.ingest.testing.TestKit;
import org.junit.jupiter.api.Test;

class MessageIngestorTest {

    private final MessageIngestor live = new MessageIngestor(ROUTES, ValidationPolicy.live(), CLOCK);
    private final MessageIngestor replay = new MessageIngestor(ROUTES, ValidationPolicy.replay(), CLOCK);

    @Test
    void ingest_passesAValidEvent() {
        DecodeResult r = live.ingest(msg("hearth/h1/kitchen-plug", "{\"ts\":\"2026-11-23T09:59:00Z\",\"kind\":\"power\",\"value\":2150}"));
        assertThat(r.deadLetters()).isEmpty();
        assertThat(r.events()).hasSize(1);
    }

    @Test
    void ingest_outOfRangeValuesAreDeadLettered() {
        assertThat(reason(live, "hearth/h1/kitchen-plug", "{\"ts\":\"2026-11-23T09:59:00Z\",\"kind\":\"power\",\"value\":-3}"))
                .isEqualTo(DeadLetterReason.OUT_OF_RANGE);
        assertThat(reason(live, "hearth/h1/pir-kitchen", "{\"ts\":\"2026-11-23T09:59:00Z\",\"kind\":\"motion\",\"value\":7}"))
                .isEqualTo(DeadLetterReason.OUT_OF_RANGE);
    }

    @Test
    void ingest_anImplausibleBatteryIsDroppedAndReportedButTheMovementIsKept() {
        DecodeResult r = live.ingest(msg("hearth/h1/pir-kitchen",
                "{\"ts\":\"2026-11-23T09:59:00Z\",\"kind\":\"motion\",\"value\":1,\"battery\":140}"));

        assertThat(r.events()).singleElement().satisfies(e -> {
            assertThat(e.value()).isEqualTo(1);
            assertThat(e.battery()).isNull();
        });
        assertThat(r.deadLetters()).singleElement().satisfies(d -> {
            assertThat(d.reason()).isEqualTo(DeadLetterReason.DROPPED_FIELD);
            assertThat(d.detail()).contains("battery 140%");
        });
    }

    @Test
    void ingest_timestampsTooFarAheadOrBehindAreDeadLetteredLiveButNotInReplay() {
        String ahead = "{\"ts\":\"2026-11-23T10:06:00Z\",\"kind\":\"motion\",\"value\":1}";
        String behind = "{\"ts\":\"2025-11-23T00:00:00Z\",\"kind\":\"motion\",\"value\":1}";
        String slightlyAhead = "{\"ts\":\"2026-11-23T10:04:00Z\",\"kind\":\"motion\",\"value\":1}";

        assertThat(reason(live, "hearth/h1/pir-kitchen", ahead)).isEqualTo(DeadLetterReason.TIMESTAMP_IN_FUTURE);
        assertThat(reason(live, "hearth/h1/pir-kitchen", behind)).isEqualTo(DeadLetterReason.TIMESTAMP_TOO_OLD);
        assertThat(live.ingest(msg("hearth/h1/pir-kitchen", slightlyAhead)).events()).hasSize(1);
        assertThat(replay.ingest(msg("hearth/h1/pir-kitchen", ahead)).events()).hasSize(1);
        assertThat(replay.ingest(msg("hearth/h1/pir-kitchen", behind)).events()).hasSize(1);
        // 1970 (a device that lost its time) is before any plausible reading, in replay too (DoorLimitsTest).
        assertThat(reason(replay, "hearth/h1/pir-kitchen", "{\"ts\":\"1970-01-01T00:00:00Z\",\"kind\":\"motion\",\"value\":1}"))
                .isEqualTo(DeadLetterReason.TIMESTAMP_TOO_OLD);
    }

    @Test
    void ingest_payloadOver64KiBIsDeadLetteredWholeWithoutParsing() {
        char[] filler = new char[64 * 1024];
        Arrays.fill(filler, 'x');
        String payload = "{\"ts\":\"2026-11-23T09:59:00Z\",\"kind\":\"motion\",\"value\":1,\"pad\":\"" + new String(filler) + "\"}";

        DecodeResult r = live.ingest(msg("hearth/h1/pir-kitchen", payload));

        assertThat(r.deadLetters()).singleElement().satisfies(d -> {
            assertThat(d.reason()).isEqualTo(DeadLetterReason.PAYLOAD_TOO_LARGE);
            assertThat(d.payloadBytes()).isEqualTo(payload.length());
            assertThat(d.payload()).isEqualTo(payload);
        });
    }

    @Test
    void ingest_binaryGarbageIsKeptByteForByteAsBase64() {
        byte[] garbage = {(byte) 0xff, (byte) 0xfe, 0, 1, 2, (byte) 0x80};
        DecodeResult r = live.ingest(new MqttMessage("hearth/h1/bed", garbage, TestKit.NOW));

        DeadLetter d = r.deadLetters().get(0);
        assertThat(d.reason()).isEqualTo(DeadLetterReason.MALFORMED_JSON);
        assertThat(d.encoding()).isEqualTo(DeadLetter.BASE64);
        assertThat(d.originalPayload()).isEqualTo(garbage);
        assertThat(DeadLetter.of(msg("t", "héllo"), DeadLetterReason.UNKNOWN_TOPIC, "x").originalPayload())
                .isEqualTo("héllo".getBytes(StandardCharsets.UTF_8));
    }

    private static DeadLetterReason reason(MessageIngestor ingestor, String topic, String payload) {
        DecodeResult r = ingestor.ingest(msg(topic, payload));
        assertThat(r.events()).isEmpty();
        assertThat(r.deadLetters()).hasSize(1);
        return r.deadLetters().get(0).reason();
    }
}
