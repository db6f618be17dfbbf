package org.hearth.simulator.output;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
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
 * ISO 8601 as Zigbee2MQTT does when so configured, so event time survives); their hub heartbeat is
 * {@code {base}/bridge/state} {@code {"state":"online"}}. Every other home publishes native messages
 * on {@code hearth/{homeId}/{sensorId}}.
 */
public final class MqttMessages {

    /** A topic and its payload. */
    public record Message(String topic, byte[] payload) {}

    private final ObjectMapper json = HearthJson.json();

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
        switch (event.kind()) {
            case MOTION, BED -> body.put("occupancy", event.isOn());
            case CONTACT -> body.put("contact", !event.isOn());
            case POWER -> {
                body.put("power", event.value());
                body.put("state", event.value() > 0 ? "ON" : "OFF");
            }
            case BUTTON -> body.put("action", "single");
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
