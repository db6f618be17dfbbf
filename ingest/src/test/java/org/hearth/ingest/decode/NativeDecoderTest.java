package org.hearth.ingest.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hearth.ingest.testing.TestKit.ROUTES;
import static org.hearth.ingest.testing.TestKit.msg;

import java.time.Instant;
import org.hearth.ingest.deadletter.DeadLetterReason;
import org.hearth.models.event.SensorEvent;
import org.hearth.models.event.SensorKind;
import org.junit.jupiter.api.Test;

class NativeDecoderTest {

    private final MessageDecoder decoder = new MessageDecoder(ROUTES);

    @Test
    void decode_hearthsOwnTopicsAreIgnoredNotDeadLettered() {
        for (String topic : new String[] {"hearth/status/h1", "hearth/control/registry", "hearth/ack/h1", "hearth/cmd/h1"}) {
            assertThat(decoder.decode(msg(topic, "{\"any\": 1}")).isIgnored()).as(topic).isTrue();
        }
        assertThat(decoder.decode(msg("hearth/nohome/pir", "{}")).isIgnored()).isFalse();
    }

    @Test
    void decode_readsTheDesignContractExample() {
        // DESIGN.md, Contracts: the native sensor message.
        DecodeResult r = decoder.decode(msg("hearth/h1/pir-kitchen",
                "{\"ts\": \"2026-11-23T07:12:03.120Z\", \"kind\": \"motion\", \"value\": 1, \"battery\": 87}"));

        assertThat(r.deadLetters()).isEmpty();
        assertThat(r.events()).containsExactly(new SensorEvent("h1", "pir-kitchen",
                Instant.parse("2026-11-23T07:12:03.120Z"), SensorKind.MOTION, 1, 87, null));
    }

    @Test
    void decode_acceptsHeartbeatWithoutValueOnAnySensor() {
        DecodeResult r = decoder.decode(msg("hearth/h1/bed", "{\"ts\":\"2026-11-23T07:00:00Z\",\"kind\":\"heartbeat\"}"));
        assertThat(r.events()).singleElement().extracting(SensorEvent::kind).isEqualTo(SensorKind.HEARTBEAT);
    }

    @Test
    void decode_unknownHomeIsDeadLettered() {
        assertThat(reason("hearth/h9/bed", "{\"ts\":\"2026-11-23T07:00:00Z\",\"kind\":\"bed\",\"value\":1}"))
                .isEqualTo(DeadLetterReason.UNKNOWN_HOME);
    }

    @Test
    void decode_unknownSensorIsDeadLettered() {
        assertThat(reason("hearth/h1/sofa", "{\"ts\":\"2026-11-23T07:00:00Z\",\"kind\":\"bed\",\"value\":1}"))
                .isEqualTo(DeadLetterReason.UNKNOWN_SENSOR);
    }

    @Test
    void decode_unknownTopicShapeIsDeadLettered() {
        assertThat(reason("hearth/h1/bed/extra", "{}")).isEqualTo(DeadLetterReason.UNKNOWN_TOPIC);
        assertThat(reason("somewhere/else/entirely/x", "{}")).isEqualTo(DeadLetterReason.UNKNOWN_TOPIC);
    }

    @Test
    void decode_malformedJsonIsDeadLettered() {
        assertThat(reason("hearth/h1/bed", "{\"ts\": \"2026-11-23T07:00:00Z\", \"kind\": ")).isEqualTo(DeadLetterReason.MALFORMED_JSON);
        assertThat(reason("hearth/h1/bed", "")).isEqualTo(DeadLetterReason.MALFORMED_JSON);
    }

    @Test
    void decode_missingFieldsAreNamed() {
        DecodeResult r = decoder.decode(msg("hearth/h1/bed", "{\"kind\":\"bed\",\"value\":1}"));
        assertThat(r.deadLetters()).singleElement().satisfies(d -> {
            assertThat(d.reason()).isEqualTo(DeadLetterReason.MISSING_FIELD);
            assertThat(d.detail()).contains("'ts'");
        });
        assertThat(reason("hearth/h1/bed", "{\"ts\":\"2026-11-23T07:00:00Z\",\"value\":1}")).isEqualTo(DeadLetterReason.MISSING_FIELD);
        assertThat(reason("hearth/h1/bed", "{\"ts\":\"2026-11-23T07:00:00Z\",\"kind\":\"bed\"}")).isEqualTo(DeadLetterReason.MISSING_FIELD);
    }

    @Test
    void decode_wrongTypedFieldsAreDeadLettered() {
        assertThat(reason("hearth/h1/bed", "{\"ts\":\"2026-11-23T07:00:00Z\",\"kind\":\"bed\",\"value\":\"one\"}")).isEqualTo(DeadLetterReason.WRONG_TYPE);
        assertThat(reason("hearth/h1/bed", "{\"ts\":1700000000,\"kind\":\"bed\",\"value\":1}")).isEqualTo(DeadLetterReason.WRONG_TYPE);
        assertThat(reason("hearth/h1/bed", "{\"ts\":\"yesterday\",\"kind\":\"bed\",\"value\":1}")).isEqualTo(DeadLetterReason.WRONG_TYPE);
        assertThat(reason("hearth/h1/bed", "{\"ts\":\"2026-11-23T07:00:00Z\",\"kind\":\"bedd\",\"value\":1}")).isEqualTo(DeadLetterReason.WRONG_TYPE);
        assertThat(reason("hearth/h1/bed", "[1,2,3]")).isEqualTo(DeadLetterReason.WRONG_TYPE);
    }

    @Test
    void decode_aBadOptionalFieldIsDroppedAndReportedButTheReadingIsKept() {
        String payload = "{\"ts\":\"2026-11-23T07:00:00Z\",\"kind\":\"bed\",\"value\":1,\"battery\":\"full\"}";
        DecodeResult r = decoder.decode(msg("hearth/h1/bed", payload));

        assertThat(r.events()).containsExactly(SensorEvent.of("h1", "bed", Instant.parse("2026-11-23T07:00:00Z"), SensorKind.BED, 1));
        assertThat(r.deadLetters()).singleElement().satisfies(d -> {
            assertThat(d.reason()).isEqualTo(DeadLetterReason.DROPPED_FIELD);
            assertThat(d.detail()).contains("'battery'").contains("readings were kept");
            assertThat(d.payload()).isEqualTo(payload);
        });
    }

    @Test
    void decode_kindDifferentFromRegistryIsDeadLettered() {
        DecodeResult r = decoder.decode(msg("hearth/h1/bed", "{\"ts\":\"2026-11-23T07:00:00Z\",\"kind\":\"motion\",\"value\":1}"));
        assertThat(r.events()).isEmpty();
        assertThat(r.deadLetters()).singleElement().satisfies(d -> {
            assertThat(d.reason()).isEqualTo(DeadLetterReason.KIND_MISMATCH);
            assertThat(d.detail()).contains("registered as bed");
        });
    }

    private DeadLetterReason reason(String topic, String payload) {
        DecodeResult r = decoder.decode(msg(topic, payload));
        assertThat(r.events()).isEmpty();
        assertThat(r.deadLetters()).hasSize(1);
        assertThat(r.deadLetters().get(0).topic()).isEqualTo(topic);
        assertThat(r.deadLetters().get(0).payload()).isEqualTo(payload);
        return r.deadLetters().get(0).reason();
    }
}
