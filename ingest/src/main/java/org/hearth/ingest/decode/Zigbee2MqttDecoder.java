package org.hearth.ingest.decode;

import static org.hearth.ingest.deadletter.DeadLetterReason.MISSING_FIELD;
import static org.hearth.ingest.deadletter.DeadLetterReason.UNKNOWN_DEVICE;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.OptionalDouble;
import org.hearth.ingest.source.MqttMessage;
import org.hearth.models.event.SensorEvent;
import org.hearth.models.event.SensorKind;

/**
 * Zigbee2MQTT: device state on {@code {base}/{friendly_name}} and availability on
 * {@code {base}/{friendly_name}/availability}. Friendly names may contain slashes.
 *
 * <p>Mapping per registered kind: motion and bed ← {@code occupancy} (or {@code presence}, or
 * {@code state} ON/OFF); contact ← {@code contact}, inverted because Zigbee2MQTT's
 * {@code contact: true} means the magnet touches, i.e. CLOSED, while Hearth's 1 means open;
 * power ← {@code power}; button ← a non-empty {@code action} (a message without one is not a
 * press, so it gives no event); temperature, humidity ← same-named fields; heartbeat ← any
 * message. {@code battery} (fractional: {@code batteryPercentageRemaining / 2}, rounded here) and
 * {@code linkquality} ride along on every event; an unreadable one is dropped, never the readings.
 * The time is {@code last_seen} when the bridge is configured to send it, else the receive time;
 * Zigbee2MQTT's own timed-out {@code occupancy: false} is dated by {@link #timedOutAt}.
 *
 * <p>{@code {base}/bridge/state} is the hub's availability (see {@link #bridgeState}). The
 * bridge's other topics ({@code {base}/bridge/...}) and command topics ({@code .../set},
 * {@code .../get}) are not sensor data: they are ignored (counted, not dead-lettered).
 */
final class Zigbee2MqttDecoder {

    private static final String AVAILABILITY = "/availability";
    private static final String BRIDGE_STATE = "bridge/state";

    private final RoutingTable table;

    Zigbee2MqttDecoder(RoutingTable table) {
        this.table = table;
    }

    DecodeResult decode(MqttMessage message, RoutingTable.ZigbeeBase zigbeeBase) {
        String topic = message.topic();
        String base = zigbeeBase.base();
        // The rest of the topic after "{base}/", read in place: most messages are a device's state.
        int rest = base.length() + 1;
        if (restEquals(topic, rest, BRIDGE_STATE)) {
            return bridgeState(message, zigbeeBase);
        }
        if (restEquals(topic, rest, "bridge") || topic.startsWith("bridge/", rest) || restEndsWith(topic, rest, "/set")
                || restEndsWith(topic, rest, "/get") || topic.indexOf("/set/", rest) >= 0 || topic.indexOf("/get/", rest) >= 0) {
            return DecodeResult.ignored();
        }
        if (restEndsWith(topic, rest, AVAILABILITY)) {
            DeviceBinding device = device(zigbeeBase, topic, rest, topic.length() - AVAILABILITY.length());
            return DeviceReadings.availability(device, DeviceReadings.online(message.payload()), message.receivedAt());
        }
        return state(message, device(zigbeeBase, topic, rest, topic.length()));
    }

    /**
     * A device's state on {@code {base}/{friendly_name}}. {@code RoutingTable.zigbeeDeviceAt} sends
     * a topic straight here when {@link #decode} could only have come to the same device.
     */
    DecodeResult state(MqttMessage message, DeviceBinding device) {
        JsonNode obj = Fields.object(message.payload());
        Instant lastSeen = Fields.has(obj, "last_seen") ? Fields.localOrOffsetInstant(obj, "last_seen", device.zone()) : null;
        Instant ts = lastSeen != null ? lastSeen : message.receivedAt();
        DeviceReadings.Dating dating = (sensor, value) -> isTimedOutOccupancy(sensor, value, obj, lastSeen)
                ? timedOutAt(lastSeen, message.receivedAt(), device.occupancyTimeoutSeconds())
                : ts;
        return DeviceReadings.perSensor(message, device, dating, Extras.read(obj, "battery", "linkquality"),
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

    /**
     * {@code {base}/bridge/state}: Zigbee2MQTT's own availability, {@code {"state":"online"}} (1.x
     * since 1.29 and 2.x) or the legacy plain {@code online}/{@code offline}; {@code offline} is also
     * its MQTT last will, so the broker publishes it when the bridge dies. It becomes an
     * availability event of the home's hub, which the detection job turns into {@code hub-offline}
     * at once rather than after the silence timeout. There is no timestamp: receive time.
     */
    private DecodeResult bridgeState(MqttMessage message, RoutingTable.ZigbeeBase base) {
        SensorBinding hub = table.zigbeeBridge(base);
        boolean online = DeviceReadings.online(message.payload());
        return DecodeResult.of(SensorEvent.of(hub.homeId(), hub.sensorId(), message.receivedAt(),
                SensorKind.AVAILABILITY, online ? 1 : 0));
    }

    /**
     * Zigbee2MQTT publishes {@code occupancy: false} itself when {@code occupancy_timeout} runs out
     * after the last movement, merged into the device's cached state, so it repeats that
     * movement's {@code last_seen}. Dated at {@code last_seen} it would land back at the movement
     * (and, before the value joined the de-duplication key, be dropped as a copy of it).
     */
    private static boolean isTimedOutOccupancy(SensorBinding sensor, double value, JsonNode obj, Instant lastSeen) {
        return lastSeen != null && value == 0 && (sensor.kind() == SensorKind.MOTION || sensor.kind() == SensorKind.BED)
                && Fields.has(obj, "occupancy");
    }

    /**
     * When a timed-out {@code occupancy: false} happened: the receive time, kept between
     * {@code last_seen} and {@code last_seen + occupancy_timeout}. Live, Zigbee2MQTT publishes it at
     * the timeout, so the receive time is right; from a broker backlog the receive time is the
     * reconnect, so the bound gives the timeout's end instead. A device that reports its own
     * {@code false} refreshes {@code last_seen}, and the receive time is within milliseconds of it.
     */
    static Instant timedOutAt(Instant lastSeen, Instant receivedAt, int timeoutSeconds) {
        Instant latest = lastSeen.plusSeconds(timeoutSeconds);
        if (receivedAt.isBefore(lastSeen)) {
            return lastSeen;
        }
        return receivedAt.isAfter(latest) ? latest : receivedAt;
    }

    /** The device whose friendly name is {@code topic[from, to)}. */
    private static DeviceBinding device(RoutingTable.ZigbeeBase base, String topic, int from, int to) {
        DeviceBinding device = base.devices().get(topic, from, to);
        if (device == null) {
            throw new FieldProblem(UNKNOWN_DEVICE, "no sensor is bound to zigbee2mqtt device '" + topic.substring(from, to)
                    + "' under '" + base.base() + "'");
        }
        return device;
    }

    /**
     * Whether a friendly name is read as something else than a device's state when it follows the
     * base ({@link #decode}: the bridge, commands, availability): such topics are never routed
     * straight to {@link #state}.
     */
    static boolean isSpecial(String name) {
        return name.equals(BRIDGE_STATE) || name.equals("bridge") || name.startsWith("bridge/") || name.endsWith("/set")
                || name.endsWith("/get") || name.contains("/set/") || name.contains("/get/") || name.endsWith(AVAILABILITY);
    }

    /** Whether {@code topic} from {@code rest} on is {@code text}. */
    private static boolean restEquals(String topic, int rest, String text) {
        return topic.length() - rest == text.length() && topic.startsWith(text, rest);
    }

    /** Whether {@code topic} from {@code rest} on ends with {@code suffix}. */
    private static boolean restEndsWith(String topic, int rest, String suffix) {
        return topic.length() - rest >= suffix.length() && topic.endsWith(suffix);
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
