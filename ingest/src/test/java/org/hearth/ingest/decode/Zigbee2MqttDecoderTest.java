package org.hearth.ingest.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hearth.ingest.testing.TestKit.NOW;
import static org.hearth.ingest.testing.TestKit.ROUTES;
import static org.hearth.ingest.testing.TestKit.msg;

import java.time.Instant;
import org.hearth.ingest.deadletter.DeadLetterReason;
import org.hearth.models.event.SensorEvent;
import org.hearth.models.event.SensorKind;
import org.junit.jupiter.api.Test;

/**
 * Payloads from Zigbee2MQTT's own documentation:
 * https://www.zigbee2mqtt.io/guide/usage/mqtt_topics_and_messages.html (device messages),
 * https://www.zigbee2mqtt.io/guide/configuration/device-availability.html (availability),
 * https://www.zigbee2mqtt.io/devices/MCCGQ11LM.html ("contact: Indicates if the contact is closed (= true)").
 */
class Zigbee2MqttDecoderTest {

    private final MessageDecoder decoder = new MessageDecoder(ROUTES);

    @Test
    void decode_occupancyBecomesMotionAtReceiveTime() {
        // "Xiaomi MiJia human body movement sensor (RTCGQ01LM) {"occupancy": true}"; the device also carries temperature
        // and humidity sensors, which this payload lacks: each gap is its own dead letter, the motion still counts.
        DecodeResult r = decoder.decode(msg("zigbee2mqtt/h2/hall/pir", "{\"occupancy\": true}"));

        assertThat(r.events()).containsExactly(SensorEvent.of("h2", "pir-hall", NOW, SensorKind.MOTION, 1));
        assertThat(r.deadLetters()).extracting(d -> d.reason()).containsOnly(DeadLetterReason.MISSING_FIELD);
        assertThat(r.deadLetters()).extracting(d -> d.detail()).anyMatch(s -> s.contains("hall-temp"));
    }

    @Test
    void decode_oneDeviceGivesOneEventPerRegisteredSensor() {
        // "Xiaomi MiJia temperature & humidity sensor (WSDCGQ01LM) {"temperature": 27.34, "humidity": 44.72}" plus occupancy.
        DecodeResult r = decoder.decode(msg("zigbee2mqtt/h2/hall/pir",
                "{\"temperature\": 27.34, \"humidity\": 44.72, \"occupancy\": false, \"battery\": 91, \"linkquality\": 120}"));

        assertThat(r.deadLetters()).isEmpty();
        assertThat(r.events()).containsExactlyInAnyOrder(
                new SensorEvent("h2", "pir-hall", NOW, SensorKind.MOTION, 0, 91, 120),
                new SensorEvent("h2", "hall-temp", NOW, SensorKind.TEMPERATURE, 27.34, 91, 120),
                new SensorEvent("h2", "hall-humidity", NOW, SensorKind.HUMIDITY, 44.72, 91, 120));
    }

    @Test
    void decode_contactTrueMeansClosedSoHearthValueIsZero() {
        // Published state of an Aqara contact sensor with last_seen enabled (as logged by Zigbee2MQTT).
        DecodeResult closed = decoder.decode(msg("zigbee2mqtt/h2/front_door",
                "{\"contact\":true,\"last_seen\":\"2024-04-08T21:21:36.794Z\",\"linkquality\":144}"));
        DecodeResult open = decoder.decode(msg("zigbee2mqtt/h2/front_door", "{\"contact\":false}"));

        assertThat(closed.events()).containsExactly(new SensorEvent("h2", "front-door",
                Instant.parse("2024-04-08T21:21:36.794Z"), SensorKind.CONTACT, 0, null, 144));
        assertThat(open.events()).singleElement().satisfies(e -> assertThat(e.isOn()).as("open").isTrue());
    }

    @Test
    void decode_powerFromAPlug() {
        DecodeResult r = decoder.decode(msg("zigbee2mqtt/h2/kettle_plug", "{\"state\":\"ON\",\"power\":2150.5,\"linkquality\":90}"));
        assertThat(r.events()).containsExactly(new SensorEvent("h2", "kettle", NOW, SensorKind.POWER, 2150.5, null, 90));
    }

    @Test
    void decode_buttonActionIsAPressAndNoActionIsNothing() {
        // "Xiaomi MiJia wireless switch (WXKG01LM) {"action": "single"}"
        assertThat(decoder.decode(msg("zigbee2mqtt/h2/help_button", "{\"action\": \"single\"}")).events())
                .containsExactly(SensorEvent.of("h2", "help", NOW, SensorKind.BUTTON, 1));
        DecodeResult batteryOnly = decoder.decode(msg("zigbee2mqtt/h2/help_button", "{\"battery\": 80}"));
        assertThat(batteryOnly.isIgnored()).isTrue();
    }

    @Test
    void decode_availabilityInBothPayloadStyles() {
        // Legacy payload "online"/"offline"; Zigbee2MQTT 2.x publishes {"state":"online"}.
        DecodeResult legacy = decoder.decode(msg("zigbee2mqtt/h2/front_door/availability", "offline"));
        DecodeResult json = decoder.decode(msg("zigbee2mqtt/h2/hall/pir/availability", "{\"state\":\"online\"}"));

        assertThat(legacy.events()).containsExactly(SensorEvent.of("h2", "front-door", NOW, SensorKind.AVAILABILITY, 0));
        assertThat(json.events()).extracting(SensorEvent::sensorId).containsExactlyInAnyOrder("pir-hall", "hall-temp", "hall-humidity");
        assertThat(json.events()).allSatisfy(e -> {
            assertThat(e.kind()).isEqualTo(SensorKind.AVAILABILITY);
            assertThat(e.value()).isEqualTo(1);
        });
    }

    @Test
    void decode_bridgeAndCommandTopicsAreIgnoredNotDeadLettered() {
        assertThat(decoder.decode(msg("zigbee2mqtt/h2/bridge/state", "{\"state\":\"online\"}")).isIgnored()).isTrue();
        assertThat(decoder.decode(msg("zigbee2mqtt/h2/kettle_plug/set", "{\"state\":\"OFF\"}")).isIgnored()).isTrue();
    }

    @Test
    void decode_unknownDeviceAndBadPayloadsAreDeadLettered() {
        // "IKEA TRADFRI LED bulb ... {"state": "ON", "brightness": 215, "color_temp": 325}" — not part of the kit.
        assertThat(decoder.decode(msg("zigbee2mqtt/h2/lounge_bulb", "{\"state\": \"ON\", \"brightness\": 215, \"color_temp\": 325}"))
                .deadLetters()).singleElement().extracting(d -> d.reason()).isEqualTo(DeadLetterReason.UNKNOWN_DEVICE);
        assertThat(decoder.decode(msg("zigbee2mqtt/h2/front_door", "{\"contact\":\"open\"}")).deadLetters())
                .singleElement().extracting(d -> d.reason()).isEqualTo(DeadLetterReason.WRONG_TYPE);
        assertThat(decoder.decode(msg("zigbee2mqtt/h2/front_door/availability", "maybe")).deadLetters())
                .singleElement().extracting(d -> d.reason()).isEqualTo(DeadLetterReason.MALFORMED_JSON);
        assertThat(decoder.decode(msg("zigbee2mqtt/h2/kettle_plug", "{\"state\":\"ON\"}")).deadLetters())
                .singleElement().extracting(d -> d.reason()).isEqualTo(DeadLetterReason.MISSING_FIELD);
    }
}
