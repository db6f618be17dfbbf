package org.hearth.ingest.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hearth.ingest.testing.TestKit.CLOCK;
import static org.hearth.ingest.testing.TestKit.NOW;
import static org.hearth.ingest.testing.TestKit.ROUTES;
import static org.hearth.ingest.testing.TestKit.msg;

import java.time.Instant;
import org.hearth.ingest.deadletter.DeadLetterReason;
import org.hearth.ingest.decode.DecodeResult;
import org.hearth.ingest.decode.PayloadJson;
import org.hearth.ingest.source.MqttMessage;
import org.junit.jupiter.api.Test;

/** Each limit at the door (ingest/README.md), and what happens just beyond it. */
class DoorLimitsTest {

    private static final String PIR = "hearth/h1/pir-kitchen";
    private static final String TS = "\"ts\":\"2026-11-23T09:59:00Z\"";

    private final MessageIngestor live = new MessageIngestor(ROUTES, ValidationPolicy.live(), CLOCK);
    private final MessageIngestor replay = new MessageIngestor(ROUTES, ValidationPolicy.replay(), CLOCK);

    @Test
    void nestingDeeperThanTheLimit_isJsonOverLimitsInEveryFormat() {
        String deep = "[".repeat(PayloadJson.MAX_NESTING_DEPTH + 1) + "]".repeat(PayloadJson.MAX_NESTING_DEPTH + 1);
        String inside = "[".repeat(PayloadJson.MAX_NESTING_DEPTH - 1) + "]".repeat(PayloadJson.MAX_NESTING_DEPTH - 1);

        assertThat(reason(live, PIR, "{" + TS + ",\"kind\":\"motion\",\"value\":1,\"x\":" + deep + "}"))
                .isEqualTo(DeadLetterReason.JSON_OVER_LIMITS);
        assertThat(reason(live, "zigbee2mqtt/h2/hall/pir", "{\"occupancy\":true,\"x\":" + deep + "}"))
                .isEqualTo(DeadLetterReason.JSON_OVER_LIMITS);
        assertThat(reason(live, "shellyplus1pm-441793d69718/status/switch:0", "{\"apower\":1,\"x\":" + deep + "}"))
                .isEqualTo(DeadLetterReason.JSON_OVER_LIMITS);
        assertThat(reason(live, "tele/livingroom-lamp/SENSOR", "{\"ENERGY\":{\"Power\":3},\"x\":" + deep + "}"))
                .isEqualTo(DeadLetterReason.JSON_OVER_LIMITS);
        assertThat(live.ingest(msg(PIR, "{" + TS + ",\"kind\":\"motion\",\"value\":1,\"x\":" + inside + "}")).events()).hasSize(1);
    }

    @Test
    void numbersNamesAndStringsOverTheirLengths_areJsonOverLimits() {
        MessageIngestor roomy = new MessageIngestor(ROUTES, ValidationPolicy.live().withMaxPayloadBytes(1 << 20), CLOCK);
        String longNumber = "1" + "0".repeat(PayloadJson.MAX_NUMBER_CHARS + 1);
        String longName = "n".repeat(PayloadJson.MAX_NAME_CHARS + 1);
        String longString = "s".repeat(PayloadJson.MAX_STRING_CHARS + 1);

        assertThat(reason(live, PIR, "{" + TS + ",\"kind\":\"motion\",\"value\":" + longNumber + "}")).isEqualTo(DeadLetterReason.JSON_OVER_LIMITS);
        assertThat(reason(live, PIR, "{" + TS + ",\"kind\":\"motion\",\"value\":1,\"" + longName + "\":0}")).isEqualTo(DeadLetterReason.JSON_OVER_LIMITS);
        assertThat(reason(roomy, PIR, "{" + TS + ",\"kind\":\"motion\",\"value\":1,\"x\":\"" + longString + "\"}")).isEqualTo(DeadLetterReason.JSON_OVER_LIMITS);
        assertThat(reason(live, PIR, "{" + TS + ",\"kind\":\"motion\",\"value\":1,\"x\":[" + "0,".repeat((int) PayloadJson.MAX_TOKENS) + "0]}"))
                .isEqualTo(DeadLetterReason.JSON_OVER_LIMITS);
    }

    @Test
    void nanInfinityAndNumbersThatOverflow_areRefused() {
        assertThat(reason(live, PIR, "{" + TS + ",\"kind\":\"motion\",\"value\":NaN}")).isEqualTo(DeadLetterReason.MALFORMED_JSON);
        assertThat(reason(live, PIR, "{" + TS + ",\"kind\":\"motion\",\"value\":Infinity}")).isEqualTo(DeadLetterReason.MALFORMED_JSON);
        assertThat(reason(live, PIR, "{" + TS + ",\"kind\":\"motion\",\"value\":-Infinity}")).isEqualTo(DeadLetterReason.MALFORMED_JSON);
        // 1e400 is valid JSON that no double holds: Infinity, which a heartbeat's open range would accept.
        assertThat(reason(live, PIR, "{" + TS + ",\"kind\":\"heartbeat\",\"value\":1e400}")).isEqualTo(DeadLetterReason.OUT_OF_RANGE);
        assertThat(reason(live, PIR, "{" + TS + ",\"kind\":\"motion\",\"value\":-1e400}")).isEqualTo(DeadLetterReason.OUT_OF_RANGE);
        // 2^64 + 50 would wrap to a battery of 50 through intValue(). It is dropped (a dropped-field dead letter),
        // never read as 50, and the movement beside it is kept (issue 16: a bad optional field costs no reading).
        DecodeResult hugeBattery = live.ingest(msg(PIR, "{" + TS + ",\"kind\":\"motion\",\"value\":1,\"battery\":18446744073709551666}"));
        assertThat(hugeBattery.events()).singleElement().satisfies(e -> assertThat(e.battery()).isNull());
        assertThat(hugeBattery.deadLetters()).singleElement().extracting(d -> d.reason()).isEqualTo(DeadLetterReason.DROPPED_FIELD);
    }

    @Test
    void duplicateKeysAndTrailingTokens_areMalformed() {
        assertThat(reason(live, PIR, "{" + TS + ",\"kind\":\"motion\",\"value\":1,\"value\":0}")).isEqualTo(DeadLetterReason.MALFORMED_JSON);
        assertThat(reason(live, PIR, "{" + TS + ",\"kind\":\"motion\",\"value\":1}{\"value\":0}")).isEqualTo(DeadLetterReason.MALFORMED_JSON);
        assertThat(live.ingest(msg(PIR, "{" + TS + ",\"kind\":\"motion\",\"value\":1}\n")).events()).hasSize(1);
    }

    @Test
    void aTopicOverTheLimit_isDeadLetteredUnrouted() {
        String topic = "hearth/h1/" + "x".repeat(ValidationPolicy.DEFAULT_MAX_TOPIC_CHARS);
        DecodeResult r = live.ingest(msg(topic, "{}"));

        assertThat(r.deadLetters()).singleElement().satisfies(d -> {
            assertThat(d.reason()).isEqualTo(DeadLetterReason.TOPIC_TOO_LONG);
            assertThat(d.topic()).isEqualTo(topic);
        });
        assertThat(reason(replay, topic, "{}")).isEqualTo(DeadLetterReason.TOPIC_TOO_LONG);
    }

    @Test
    void timestampsOutsideThePlausibleYears_areRefusedEvenInReplay() {
        assertThat(reason(replay, PIR, "{\"ts\":\"1999-12-31T23:59:59Z\",\"kind\":\"motion\",\"value\":1}")).isEqualTo(DeadLetterReason.TIMESTAMP_TOO_OLD);
        assertThat(reason(replay, PIR, "{\"ts\":\"2100-01-01T00:00:00Z\",\"kind\":\"motion\",\"value\":1}")).isEqualTo(DeadLetterReason.TIMESTAMP_IN_FUTURE);
        assertThat(reason(replay, PIR, "{\"ts\":\"+999999999-12-31T23:59:59Z\",\"kind\":\"motion\",\"value\":1}")).isEqualTo(DeadLetterReason.TIMESTAMP_IN_FUTURE);
        assertThat(reason(replay, PIR, "{\"ts\":\"-999999999-01-01T00:00:00Z\",\"kind\":\"motion\",\"value\":1}")).isEqualTo(DeadLetterReason.TIMESTAMP_TOO_OLD);
        assertThat(replay.ingest(msg(PIR, "{\"ts\":\"2008-02-27T12:45:00Z\",\"kind\":\"motion\",\"value\":1}")).events()).hasSize(1);
    }

    @Test
    void aFloodingDevice_isThrottledAndKeptWhileOtherDevicesPass() {
        ValidationPolicy.DeviceRate rate = ValidationPolicy.DeviceRate.DEFAULT;
        int passed = 0;
        int throttled = 0;
        for (int i = 0; i < rate.burst() + 200; i++) {
            DecodeResult r = live.ingest(at(PIR, "{" + TS + ",\"kind\":\"motion\",\"value\":1}", NOW));
            passed += r.events().size();
            throttled += (int) r.deadLetters().stream().filter(d -> d.reason() == DeadLetterReason.RATE_LIMITED).count();
        }
        // Another home's sensor at the same instant is not slowed or refused.
        assertThat(live.ingest(at("hearth/h1/bed", "{" + TS + ",\"kind\":\"bed\",\"value\":1}", NOW)).events()).hasSize(1);
        // Two seconds later the flooding device has earned 2 x perSecond messages back.
        int later = 0;
        for (int i = 0; i < 4 * rate.perSecond(); i++) {
            later += live.ingest(at(PIR, "{" + TS + ",\"kind\":\"motion\",\"value\":1}", NOW.plusSeconds(2))).events().size();
        }

        assertThat(passed).isEqualTo(rate.burst());
        assertThat(throttled).isEqualTo(200);
        assertThat(later).isEqualTo((int) (2 * rate.perSecond()));
        assertThat(replayAdmitsAll(rate.burst() + 200)).isTrue();
    }

    private boolean replayAdmitsAll(int n) {
        for (int i = 0; i < n; i++) {
            if (replay.ingest(at(PIR, "{" + TS + ",\"kind\":\"motion\",\"value\":1}", NOW)).events().isEmpty()) {
                return false;
            }
        }
        return true;
    }

    private static MqttMessage at(String topic, String payload, Instant receivedAt) {
        return MqttMessage.of(topic, payload, receivedAt);
    }

    private static DeadLetterReason reason(MessageIngestor ingestor, String topic, String payload) {
        DecodeResult r = ingestor.ingest(msg(topic, payload));
        assertThat(r.events()).as("events from " + payload.substring(0, Math.min(80, payload.length()))).isEmpty();
        assertThat(r.deadLetters()).hasSize(1);
        return r.deadLetters().get(0).reason();
    }
}
