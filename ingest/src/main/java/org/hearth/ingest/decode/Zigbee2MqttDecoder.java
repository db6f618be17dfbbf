package org.hearth.ingest.decode;

import static org.hearth.ingest.deadletter.DeadLetterReason.MISSING_FIELD;
import static org.hearth.ingest.deadletter.DeadLetterReason.UNKNOWN_DEVICE;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.OptionalDouble;
import org.hearth.ingest.source.MqttMessage;

/**
 * Zigbee2MQTT: device state on {@code {base}/{friendly_name}} and availability on
 * {@code {base}/{friendly_name}/availability}. Friendly names may contain slashes.
 *
 * <p>Mapping per registered kind: motion and bed ← {@code occupancy} (or {@code presence}, or
 * {@code state} ON/OFF); contact ← {@code contact}, inverted because Zigbee2MQTT's
 * {@code contact: true} means the magnet touches, i.e. CLOSED, while Hearth's 1 means open;
 * power ← {@code power}; button ← a non-empty {@code action} (a message without one is not a
 * press, so it gives no event); temperature, humidity ← same-named fields; heartbeat ← any
 * message. {@code battery} and {@code linkquality} ride along on every event. The time is
 * {@code last_seen} when the bridge is configured to send it, else the receive time.
 *
 * <p>The bridge's own topics ({@code {base}/bridge/...}) and command topics ({@code .../set},
 * {@code .../get}) are not sensor data: they are ignored (counted, not dead-lettered).
 */
final class Zigbee2MqttDecoder {

    private static final String AVAILABILITY = "/availability";

    private final RoutingTable table;

    Zigbee2MqttDecoder(RoutingTable table) {
        this.table = table;
    }

    DecodeResult decode(MqttMessage message, String base) {
        String rest = message.topic().substring(base.length() + 1);
        if (rest.equals("bridge") || rest.startsWith("bridge/") || rest.endsWith("/set") || rest.endsWith("/get")
                || rest.contains("/set/") || rest.contains("/get/")) {
            return DecodeResult.ignored();
        }
        if (rest.endsWith(AVAILABILITY)) {
            DeviceBinding device = device(base, rest.substring(0, rest.length() - AVAILABILITY.length()));
            return DeviceReadings.availability(device, DeviceReadings.online(message.payload()), message.receivedAt());
        }
        DeviceBinding device = device(base, rest);
        JsonNode obj = Fields.object(message.payload());
        Instant ts = Fields.has(obj, "last_seen")
                ? Fields.localOrOffsetInstant(obj, "last_seen", device.zone())
                : message.receivedAt();
        return DeviceReadings.perSensor(message, device, ts,
                Fields.optionalInt(obj, "battery"), Fields.optionalInt(obj, "linkquality"),
                sensor -> switch (sensor.kind()) {
                    case MOTION, BED -> OptionalDouble.of(occupancy(obj));
                    case CONTACT -> OptionalDouble.of(Fields.bool(obj, "contact") ? 0 : 1);
                    case POWER -> OptionalDouble.of(Fields.number(obj, "power"));
                    case BUTTON -> action(obj);
                    case TEMPERATURE -> OptionalDouble.of(Fields.number(obj, "temperature"));
                    case HUMIDITY -> OptionalDouble.of(Fields.number(obj, "humidity"));
                    case HEARTBEAT -> OptionalDouble.of(1);
                    case AVAILABILITY -> OptionalDouble.empty();
                });
    }

    private DeviceBinding device(String base, String name) {
        return table.zigbeeDevice(base, name).orElseThrow(() ->
                new FieldProblem(UNKNOWN_DEVICE, "no sensor is bound to zigbee2mqtt device '" + name + "' under '" + base + "'"));
    }

    private static double occupancy(JsonNode obj) {
        if (Fields.has(obj, "occupancy")) {
            return Fields.bool(obj, "occupancy") ? 1 : 0;
        }
        if (Fields.has(obj, "presence")) {
            return Fields.bool(obj, "presence") ? 1 : 0;
        }
        if (Fields.has(obj, "state")) {
            return Fields.onOff(obj, "state");
        }
        throw new FieldProblem(MISSING_FIELD, "missing field 'occupancy' (or 'presence' or 'state')");
    }

    private static OptionalDouble action(JsonNode obj) {
        if (!Fields.has(obj, "action")) {
            return OptionalDouble.empty();
        }
        return Fields.text(obj, "action").isEmpty() ? OptionalDouble.empty() : OptionalDouble.of(1);
    }
}
