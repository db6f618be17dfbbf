package org.hearth.simulator.output;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import org.hearth.models.event.SensorKind;
import org.hearth.models.event.NativeMessage;
import org.hearth.models.event.SensorEvent;
import org.hearth.models.json.HearthJson;
import org.hearth.models.registry.Hub;
import org.hearth.models.registry.HubFormat;
import org.hearth.models.registry.Sensor;
import org.hearth.simulator.home.SimHome;

/**
 * What a home's hub would publish for a reading. Homes whose registry entry has a Zigbee2MQTT hub
 * publish Zigbee2MQTT messages on {@code {base}/{friendly_name}} (occupancy, contact with true =
 * closed, power and state, action for the button, battery, linkquality, and {@code last_seen} in
 * ISO 8601 as Zigbee2MQTT does when so configured, so event time survives). Zigbee2MQTT has no
 * heartbeat: a device's hourly report repeats its last state with battery and link quality, and
 * the hub's heartbeat is the bridge's {@code {base}/bridge/state} {@code {"state":"online"}}.
 * Keeps the last value per sensor, so use one instance per run. Every other home publishes native messages
 * on {@code hearth/{homeId}/{sensorId}}.
 */
public final class MqttMessages {

    /** A topic and its payload. */
    public record Message(String topic, byte[] payload) {}

    private final ObjectMapper json = HearthJson.json();
    /** Last reported value per home/sensor, for Zigbee2MQTT's full-state periodic reports. */
    private final Map<String, Double> lastValue = new HashMap<>();

    public Message of(SimHome home, SensorEvent event) {
        Hub zigbee = home.registry().hubs().stream().filter(h -> h.format() == HubFormat.ZIGBEE2MQTT).findFirst().orElse(null);
        try {
            if (zigbee == null) {
                return new Message("hearth/" + event.homeId() + "/" + event.sensorId(), json.writeValueAsBytes(NativeMessage.of(event)));
            }
            return zigbee(zigbee, home.registry().sensor(event.sensorId()).orElseThrow(), event);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Message zigbee(Hub hub, Sensor sensor, SensorEvent event) throws com.fasterxml.jackson.core.JsonProcessingException {
        ObjectNode body = json.createObjectNode();
        if (sensor.device() == null) {
            body.put("state", "online");
            return new Message(hub.base() + "/bridge/state", json.writeValueAsBytes(body));
        }
        String key = event.homeId() + '/' + event.sensorId();
        double value;
        if (event.kind() == SensorKind.HEARTBEAT) {
            // Zigbee2MQTT has no heartbeat: a device's periodic report repeats its whole state.
            value = lastValue.getOrDefault(key, 0.0);
        } else {
            value = event.value();
            lastValue.put(key, value);
        }
        switch (sensor.kind()) {
            case MOTION, BED -> body.put("occupancy", value >= 0.5);
            case CONTACT -> body.put("contact", value < 0.5);
            case POWER -> {
                body.put("power", value);
                body.put("state", value > 0 ? "ON" : "OFF");
            }
            case BUTTON -> {
                if (event.kind() == SensorKind.BUTTON) {
                    body.put("action", "single");
                }
            }
            default -> { }
        }
        if (event.battery() != null) {
            body.put("battery", event.battery());
        }
        if (event.linkQuality() != null) {
            body.put("linkquality", event.linkQuality());
        }
        body.put("last_seen", event.ts().toString());
        return new Message(hub.base() + "/" + sensor.device(), json.writeValueAsBytes(body));
    }
}
