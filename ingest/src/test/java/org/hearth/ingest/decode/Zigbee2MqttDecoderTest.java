package org.hearth.ingest.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hearth.ingest.testing.TestKit.NOW;
import static org.hearth.ingest.testing.TestKit.ROUTES;
import static org.hearth.ingest.testing.TestKit.msg;

import java.time.Instant;
import org.hearth.ingest.deadletter.DeadLetterReason;
import org.hearth.ingest.source.MqttMessage;
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
        assertThat(decoder.decode(msg("zigbee2mqtt/h2/bridge/info", "{\"version\":\"2.1.1\"}")).isIgnored()).isTrue();
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

    @Test
    void decode_fractionalBatteryNeverCostsTheMovement() {
        // zigbee-herdsman-converters: battery = batteryPercentageRemaining / 2 (e.g. 195 -> 97.5); Zigbee2MQTT then
        // repeats it in every message of the device. IKEA E1525 motion sensor state as Zigbee2MQTT publishes it.
        DecodeResult r = decoder.decode(msg("zigbee2mqtt/h2/hall/pir", """
                {"battery":97.5,"illuminance_above_threshold":false,"linkquality":87,"occupancy":true,
                 "requested_brightness_level":76,"requested_brightness_percent":30,"temperature":19.5,"humidity":48}"""));

        assertThat(r.deadLetters()).isEmpty();
        assertThat(r.events()).contains(new SensorEvent("h2", "pir-hall", NOW, SensorKind.MOTION, 1, 98, 87));
    }

    @Test
    void decode_anUnreadableBatteryIsDroppedAndCountedButTheReadingsStay() {
        DecodeResult r = decoder.decode(msg("zigbee2mqtt/h2/front_door", "{\"contact\":false,\"battery\":\"low\",\"linkquality\":90}"));

        assertThat(r.events()).containsExactly(new SensorEvent("h2", "front-door", NOW, SensorKind.CONTACT, 1, null, 90));
        assertThat(r.deadLetters()).singleElement().satisfies(d -> {
            assertThat(d.reason()).isEqualTo(DeadLetterReason.DROPPED_FIELD);
            assertThat(d.detail()).contains("front_door").contains("'battery'");
        });
    }

    @Test
    void decode_zigbee2mqttsOwnOccupancyFalseIsDatedAtTheTimeoutNotAtTheOldLastSeen() {
        // With last_seen on, Zigbee2MQTT publishes occupancy:true, then after occupancy_timeout (90 s by default)
        // occupancy:false merged into the cached state, repeating the true's last_seen.
        String lastSeen = "2026-11-23T09:58:00.000Z";
        Instant seen = Instant.parse(lastSeen);
        DecodeResult moved = decoder.decode(MqttMessage.of("zigbee2mqtt/h2/hall/pir",
                "{\"occupancy\":true,\"battery\":100,\"linkquality\":120,\"last_seen\":\"" + lastSeen + "\"}", seen.plusMillis(80)));
        DecodeResult stopped = decoder.decode(MqttMessage.of("zigbee2mqtt/h2/hall/pir",
                "{\"occupancy\":false,\"battery\":100,\"linkquality\":120,\"last_seen\":\"" + lastSeen + "\"}", seen.plusMillis(90_150)));
        // The same false from a broker backlog, received at reconnect an hour later: no later than the timeout.
        DecodeResult backlog = decoder.decode(MqttMessage.of("zigbee2mqtt/h2/hall/pir",
                "{\"occupancy\":false,\"last_seen\":\"" + lastSeen + "\"}", seen.plusSeconds(3600)));

        SensorEvent on = motion(moved);
        SensorEvent off = motion(stopped);
        assertThat(on.ts()).isEqualTo(seen);
        assertThat(off.ts()).isEqualTo(seen.plusMillis(90_000));
        assertThat(off.dedupeKey()).isNotEqualTo(on.dedupeKey());
        assertThat(motion(backlog).ts()).isEqualTo(seen.plusSeconds(90));
    }

    @Test
    void decode_bridgeStateIsTheHubsAvailabilityInBothSpellings() {
        // Zigbee2MQTT >= 1.29 / 2.x: {"state":"online"}; older: the plain word. "offline" is also its MQTT last will.
        assertThat(decoder.decode(msg("zigbee2mqtt/h2/bridge/state", "{\"state\":\"offline\"}")).events())
                .containsExactly(SensorEvent.of("h2", "hub", NOW, SensorKind.AVAILABILITY, 0));
        assertThat(decoder.decode(msg("zigbee2mqtt/h2/bridge/state", "online")).events())
                .containsExactly(SensorEvent.of("h2", "hub", NOW, SensorKind.AVAILABILITY, 1));
    }

    private static SensorEvent motion(DecodeResult r) {
        return r.events().stream().filter(e -> e.kind() == SensorKind.MOTION).findFirst().orElseThrow();
    }
}
