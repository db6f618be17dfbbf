package org.hearth.simulator.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.hearth.models.event.SensorEvent;
import org.hearth.models.event.SensorKind;
import org.hearth.simulator.calibration.KettleParameters;
import org.hearth.simulator.home.HomeFactory;
import org.hearth.simulator.home.HubStyle;
import org.hearth.simulator.home.SimHome;
import org.junit.jupiter.api.Test;

class MqttMessagesTest {

    private static final Instant TS = Instant.parse("2026-11-23T07:12:03.120Z");
    private final MqttMessages messages = new MqttMessages();

    private static SimHome home(HubStyle style) {
        return new HomeFactory(1, style, KettleParameters.committed()).create(0);
    }

    private static String text(MqttMessages.Message m) {
        return new String(m.payload(), StandardCharsets.UTF_8);
    }

    @Test
    void of_nativeHomePublishesTheNativeContract() {
        MqttMessages.Message m = messages.of(home(HubStyle.NATIVE), new SensorEvent("h1", "pir-kitchen", TS, SensorKind.MOTION, 1, 87, null));

        assertThat(m.topic()).isEqualTo("hearth/h1/pir-kitchen");
        assertThat(text(m)).isEqualTo("{\"ts\":\"2026-11-23T07:12:03.120Z\",\"kind\":\"motion\",\"value\":1.0,\"battery\":87}");
    }

    @Test
    void of_zigbeeHomePublishesZigbee2mqttStateByFriendlyName() {
        SimHome home = home(HubStyle.ZIGBEE2MQTT);

        MqttMessages.Message door = messages.of(home, new SensorEvent("h1", "front-door", TS, SensorKind.CONTACT, 1, 90, 120));
        MqttMessages.Message plug = messages.of(home, SensorEvent.of("h1", "kitchen-plug", TS, SensorKind.POWER, 2150.5));
        MqttMessages.Message motion = messages.of(home, new SensorEvent("h1", "pir-bathroom", TS, SensorKind.MOTION, 0, 50, 80));
        MqttMessages.Message hub = messages.of(home, SensorEvent.of("h1", "hub", TS, SensorKind.HEARTBEAT, 1));

        assertThat(door.topic()).isEqualTo("zigbee2mqtt/h1/front_door");
        assertThat(text(door)).isEqualTo("{\"contact\":false,\"battery\":90,\"linkquality\":120,\"last_seen\":\"2026-11-23T07:12:03.120Z\"}");
        assertThat(text(plug)).startsWith("{\"power\":2150.5,\"state\":\"ON\"");
        assertThat(text(motion)).startsWith("{\"occupancy\":false,\"battery\":50");
        MqttMessages.Message doorReport = messages.of(home, new SensorEvent("h1", "front-door", TS, SensorKind.HEARTBEAT, 1, 90, 120));
        MqttMessages.Message plugReport = messages.of(home, SensorEvent.of("h1", "kitchen-plug", TS, SensorKind.HEARTBEAT, 1));
        assertThat(doorReport.topic()).isEqualTo("zigbee2mqtt/h1/front_door");
        assertThat(text(doorReport)).as("a periodic report repeats the last state").startsWith("{\"contact\":false,\"battery\":90");
        assertThat(text(plugReport)).startsWith("{\"power\":2150.5,\"state\":\"ON\"");
        assertThat(hub.topic()).isEqualTo("zigbee2mqtt/h1/bridge/state");
        assertThat(text(hub)).isEqualTo("{\"state\":\"online\"}");
    }
}
