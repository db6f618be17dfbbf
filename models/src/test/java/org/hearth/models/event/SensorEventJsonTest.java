package org.hearth.models.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.hearth.models.json.HearthJson;
import org.junit.jupiter.api.Test;

class SensorEventJsonTest {

    @Test
    void nativeMessage_readsTheDesignExample() throws Exception {
        NativeMessage message = HearthJson.json().readValue(
                "{\"ts\": \"2026-11-23T07:12:03.120Z\", \"kind\": \"motion\", \"value\": 1, \"battery\": 87}",
                NativeMessage.class);

        SensorEvent event = message.toEvent("h1", "pir-kitchen");
        assertThat(event).isEqualTo(new SensorEvent("h1", "pir-kitchen",
                Instant.parse("2026-11-23T07:12:03.120Z"), SensorKind.MOTION, 1, 87, null));
        assertThat(event.isOn()).isTrue();
    }

    @Test
    void replayLine_roundTripsWithTheSameBytes() throws Exception {
        String line = "{\"homeId\":\"h1\",\"sensorId\":\"kitchen-plug\",\"ts\":\"2026-11-23T07:12:03Z\",\"kind\":\"power\",\"value\":2150.0}";
        SensorEvent event = HearthJson.json().readValue(line, SensorEvent.class);

        assertThat(event.kind()).isEqualTo(SensorKind.POWER);
        assertThat(event.value()).isEqualTo(2150.0);
        assertThat(HearthJson.json().writeValueAsString(event)).isEqualTo(line);
    }

    @Test
    void kind_unknownNameListsTheAcceptedOnes() {
        assertThatThrownBy(() -> SensorKind.fromWireName("smoke"))
                .hasMessageContaining("unknown kind 'smoke'")
                .hasMessageContaining("motion, contact, power, bed, button, temperature, humidity, heartbeat");
    }

    @Test
    void kind_rejectsImplausibleValues() {
        assertThat(SensorKind.MOTION.accepts(1)).isTrue();
        assertThat(SensorKind.MOTION.accepts(7)).isFalse();
        assertThat(SensorKind.POWER.accepts(-3)).isFalse();
        assertThat(SensorKind.TEMPERATURE.accepts(Double.NaN)).isFalse();
    }

    @org.junit.jupiter.api.Test
    void dedupeKey_twoReadingsUnderOneDeviceTimestampAreNotCopiesOfEachOther() {
        // Zigbee2MQTT's timed-out occupancy:false repeats the last_seen of the true before it.
        java.time.Instant t = java.time.Instant.parse("2026-11-23T09:58:00Z");
        SensorEvent on = SensorEvent.of("h2", "pir-hall", t, SensorKind.MOTION, 1);
        SensorEvent off = SensorEvent.of("h2", "pir-hall", t, SensorKind.MOTION, 0);

        org.assertj.core.api.Assertions.assertThat(off.dedupeKey()).isNotEqualTo(on.dedupeKey());
        org.assertj.core.api.Assertions.assertThat(SensorEvent.of("h2", "pir-hall", t, SensorKind.MOTION, 1).dedupeKey())
                .as("a redelivery is still a copy").isEqualTo(on.dedupeKey());
    }
}
