package org.hearth.ingest.decode;

import static org.hearth.ingest.deadletter.DeadLetterReason.UNKNOWN_DEVICE;
import static org.hearth.ingest.deadletter.DeadLetterReason.WRONG_TYPE;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import org.hearth.ingest.deadletter.DeadLetter;
import org.hearth.ingest.source.MqttMessage;
import org.hearth.models.event.SensorEvent;
import org.hearth.models.event.SensorKind;

/**
 * Shelly, Gen2/Gen3 (Plus, Pro, Gen3, BLU gateways) and Gen1. A sensor names its device as
 * {@code <shelly id>} or {@code <shelly id>/<component>} ({@code input:1}, {@code switch:1},
 * {@code bthomesensor:200}); without a component it reads {@code switch:0} (relay 0 on Gen1), and
 * a button reads {@code input:0}.
 *
 * <p><b>Gen2+</b> (shelly-api-docs.shelly.cloud/gen2, General/Notifications and Mqtt):
 * <ul>
 *   <li>{@code <id>/events/rpc}: {@code NotifyStatus} and {@code NotifyFullStatus} carry
 *       {@code params.ts} (Unix seconds, UTC, the device's own clock) and one object per changed
 *       component, possibly partial (a field missing means "unchanged", so it gives no event);
 *       {@code NotifyEvent} carries {@code params.events[]}, each with its component, event name
 *       and {@code ts}. A push ({@code single_push}, {@code double_push}, {@code triple_push},
 *       {@code long_push}) is a button press; {@code btn_down}/{@code btn_up} are the edges of the
 *       same press and are not counted again.</li>
 *   <li>{@code <id>/status/<component>}: the whole status of one component on each change
 *       ({@code status_ntf}); no timestamp, so receive time (a BTHome sensor's
 *       {@code last_updated_ts} where present).</li>
 *   <li>{@code <id>/online}: {@code true}/{@code false}.</li>
 * </ul>
 * Components: {@code switch:N} (power ← {@code apower}; motion, bed, contact ← {@code output};
 * a button ← a notified change of {@code output}), {@code input:N} (motion, bed, contact ←
 * {@code state}; a button ← {@code state: true}), {@code bthomesensor:N} for BLU Door/Window,
 * Motion, H&amp;T and Button through a BLU gateway ({@code value}: a boolean for the binary kinds,
 * a number for the others), {@code temperature:N} ({@code tC}), {@code humidity:N} ({@code rh}).
 *
 * <p><b>Gen1</b> ({@code shellies/<id>/...}, shelly-api-docs.shelly.cloud/gen1, MQTT):
 * {@code relay/N} ({@code on}/{@code off}), {@code relay/N/power} (watts), {@code input/N}
 * ({@code 0}/{@code 1}), {@code input_event/N} ({@code {"event":"S","event_cnt":4}}: a press),
 * {@code sensor/state} (Door/Window: {@code open}/{@code close}), {@code status} (Shelly Motion:
 * {@code {"motion":true,...,"bat":98}}), {@code online}. Gen1 payloads carry no usable UTC time:
 * receive time.
 */
final class ShellyDecoder {

    /** NotifyEvent names that are one press each; the raw edges btn_down/btn_up are not. */
    private static final Set<String> PRESSES = Set.of("single_push", "double_push", "triple_push", "long_push");
    /** Gen1 input_event names: S(hort), L(ong), SS, SSS, SL, LS. */
    private static final Set<String> GEN1_PRESSES = Set.of("S", "L", "SS", "SSS", "SL", "LS");
    private static final String DEFAULT_SWITCH = "switch:0";
    private static final String DEFAULT_INPUT = "input:0";

    private final RoutingTable table;

    ShellyDecoder(RoutingTable table) {
        this.table = table;
    }

    /** {@code <id>/online}, Gen2+ and Gen1 alike. */
    DecodeResult online(MqttMessage message, String deviceId) {
        DeviceBinding device = device(deviceId);
        return DeviceReadings.availability(device, DeviceReadings.online(message.payload()), message.receivedAt());
    }

    /** {@code <id>/status/<component>}: one component's whole status, at receive time. */
    DecodeResult status(MqttMessage message, String deviceId, String component) {
        DeviceBinding device = device(deviceId);
        JsonNode status = Fields.object(message.payload());
        DecodeResult.Builder out = new DecodeResult.Builder();
        Instant ts = componentTime(status, message.receivedAt());
        component(message, device, component, status, ts, false, out);
        heartbeat(device, ts, out);
        return out.build();
    }

    /** {@code <id>/events/rpc}: NotifyStatus, NotifyFullStatus, NotifyEvent. */
    DecodeResult rpc(MqttMessage message, String deviceId) {
        DeviceBinding device = device(deviceId);
        JsonNode frame = Fields.object(message.payload());
        if (!Fields.has(frame, "method") || !Fields.has(frame, "params")) {
            return DecodeResult.ignored(); // an RPC response or another frame: not a notification
        }
        String method = Fields.text(frame, "method");
        JsonNode params = Fields.required(frame, "params");
        if (!params.isObject()) {
            throw new FieldProblem(WRONG_TYPE, "field 'params' must be an object");
        }
        Instant ts = Fields.has(params, "ts") ? seconds(params, "ts") : message.receivedAt();
        DecodeResult.Builder out = new DecodeResult.Builder();
        switch (method) {
            case "NotifyStatus", "NotifyFullStatus" -> {
                for (Iterator<Map.Entry<String, JsonNode>> it = params.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    if (e.getValue().isObject()) {
                        component(message, device, e.getKey(), e.getValue(), componentTime(e.getValue(), ts),
                                method.equals("NotifyStatus"), out);
                    }
                }
            }
            case "NotifyEvent" -> events(message, device, params, ts, out);
            default -> {
                return DecodeResult.ignored();
            }
        }
        heartbeat(device, ts, out);
        return out.build();
    }

    /** {@code shellies/<id>/<rest>}: Gen1 topics. */
    DecodeResult gen1(MqttMessage message, String deviceId, String rest) {
        DeviceBinding device = device(deviceId);
        if (rest.equals("online")) {
            return DeviceReadings.availability(device, DeviceReadings.online(message.payload()), message.receivedAt());
        }
        String[] seg = rest.split("/", -1);
        String text = new String(message.payload(), StandardCharsets.UTF_8).trim();
        Instant ts = message.receivedAt();
        DecodeResult.Builder out = new DecodeResult.Builder();
        if (seg.length == 2 && seg[0].equals("relay")) {
            String component = "switch:" + seg[1];
            forSensors(message, device, component, DEFAULT_SWITCH, out, sensor -> isLevel(sensor.kind())
                    ? OptionalDouble.of(word(text, "on", "off", "relay")) : OptionalDouble.empty(), ts);
        } else if (seg.length == 3 && seg[0].equals("relay") && seg[2].equals("power")) {
            String component = "switch:" + seg[1];
            forSensors(message, device, component, DEFAULT_SWITCH, out, sensor -> sensor.kind() == SensorKind.POWER
                    ? OptionalDouble.of(number(text, "relay power")) : OptionalDouble.empty(), ts);
        } else if (seg.length == 2 && seg[0].equals("input")) {
            forSensors(message, device, "input:" + seg[1], null, out, sensor -> isLevel(sensor.kind())
                    ? OptionalDouble.of(word(text, "1", "0", "input")) : OptionalDouble.empty(), ts);
        } else if (seg.length == 2 && seg[0].equals("input_event")) {
            JsonNode obj = Fields.object(message.payload());
            String event = Fields.has(obj, "event") ? Fields.text(obj, "event") : "";
            forSensors(message, device, "input:" + seg[1], DEFAULT_INPUT, out, sensor ->
                    sensor.kind() == SensorKind.BUTTON && GEN1_PRESSES.contains(event)
                            ? OptionalDouble.of(1) : OptionalDouble.empty(), ts);
        } else if (rest.equals("sensor/state")) {
            // Door/Window 1 and 2: "open" / "close".
            forSensors(message, device, null, null, out, sensor -> sensor.kind() == SensorKind.CONTACT
                    ? OptionalDouble.of(word(text, "open", "close", "sensor/state")) : OptionalDouble.empty(), ts);
        } else if (rest.equals("status") && text.startsWith("{")) {
            // Shelly Motion (Gen1): {"motion":true,"timestamp":...,"active":true,"vibration":false,"lux":78,"bat":98}.
            JsonNode obj = Fields.object(message.payload());
            Extras extras = Extras.read(obj, "bat", null);
            DecodeResult motion = DeviceReadings.perSensor(message, device, ts, extras, sensor ->
                    (sensor.kind() == SensorKind.MOTION || sensor.kind() == SensorKind.BED) && Fields.has(obj, "motion")
                            ? OptionalDouble.of(Fields.bool(obj, "motion") ? 1 : 0)
                            : sensor.kind() == SensorKind.HEARTBEAT ? OptionalDouble.of(1) : OptionalDouble.empty());
            return motion;
        } else {
            return DecodeResult.ignored(); // announce, info, sensor/battery, sensor/lux, ...: not readings
        }
        return out.build();
    }

    private void component(MqttMessage message, DeviceBinding device, String component, JsonNode status, Instant ts,
                           boolean partial, DecodeResult.Builder out) {
        String type = component.contains(":") ? component.substring(0, component.indexOf(':')) : component;
        switch (type) {
            case "switch" -> forSensors(message, device, component, DEFAULT_SWITCH, out, sensor -> switch (sensor.kind()) {
                case POWER -> partial && !Fields.has(status, "apower")
                        ? OptionalDouble.empty() : OptionalDouble.of(Fields.number(status, "apower"));
                case MOTION, BED, CONTACT -> Fields.has(status, "output") || !partial
                        ? OptionalDouble.of(Fields.bool(status, "output") ? 1 : 0) : OptionalDouble.empty();
                // A notified change of a relay that a button toggles is one press, whichever way it went.
                case BUTTON -> partial && Fields.has(status, "output") ? OptionalDouble.of(1) : OptionalDouble.empty();
                default -> OptionalDouble.empty();
            }, ts);
            case "input" -> forSensors(message, device, component, DEFAULT_INPUT, out, sensor -> {
                if (!Fields.has(status, "state")) {
                    return OptionalDouble.empty(); // a button-type input has state null: its presses are NotifyEvents
                }
                boolean on = Fields.bool(status, "state");
                if (sensor.kind() == SensorKind.BUTTON) {
                    return partial && on ? OptionalDouble.of(1) : OptionalDouble.empty();
                }
                return isLevel(sensor.kind()) ? OptionalDouble.of(on ? 1 : 0) : OptionalDouble.empty();
            }, ts);
            case "bthomesensor" -> forSensors(message, device, component, null, out, sensor -> {
                if (!Fields.has(status, "value") || sensor.kind() == SensorKind.BUTTON) {
                    return OptionalDouble.empty(); // BLU buttons press through NotifyEvent
                }
                JsonNode v = status.get("value");
                if (isLevel(sensor.kind())) {
                    if (v.isBoolean()) {
                        return OptionalDouble.of(v.booleanValue() ? 1 : 0);
                    }
                    if (v.isNumber()) {
                        return OptionalDouble.of(v.doubleValue() != 0 ? 1 : 0);
                    }
                }
                return OptionalDouble.of(Fields.number(status, "value"));
            }, ts);
            case "temperature" -> forSensors(message, device, component, null, out, sensor ->
                    sensor.kind() == SensorKind.TEMPERATURE && Fields.has(status, "tC")
                            ? OptionalDouble.of(Fields.number(status, "tC")) : OptionalDouble.empty(), ts);
            case "humidity" -> forSensors(message, device, component, null, out, sensor ->
                    sensor.kind() == SensorKind.HUMIDITY && Fields.has(status, "rh")
                            ? OptionalDouble.of(Fields.number(status, "rh")) : OptionalDouble.empty(), ts);
            default -> { /* wifi, cloud, sys, mqtt, ble...: not readings */ }
        }
    }

    private void events(MqttMessage message, DeviceBinding device, JsonNode params, Instant ts, DecodeResult.Builder out) {
        JsonNode events = params.get("events");
        if (events == null || !events.isArray()) {
            throw new FieldProblem(WRONG_TYPE, "NotifyEvent needs 'params.events' as a list");
        }
        for (JsonNode event : events) {
            if (!event.isObject() || !Fields.has(event, "component") || !Fields.has(event, "event")) {
                continue; // config_changed and the like name no component or no event: not presses
            }
            String name = event.get("event").asText();
            if (!PRESSES.contains(name)) {
                continue;
            }
            Instant at = Fields.has(event, "ts") ? seconds(event, "ts") : ts;
            forSensors(message, device, event.get("component").asText(), DEFAULT_INPUT, out,
                    sensor -> sensor.kind() == SensorKind.BUTTON ? OptionalDouble.of(1) : OptionalDouble.empty(), at);
        }
    }

    /**
     * Runs {@code reading} for each sensor bound to {@code component} (or, for sensors naming no
     * component, when {@code component} is the device's default); a malformed reading becomes a
     * dead letter for that sensor alone. A retained message never gives a button press.
     */
    private static void forSensors(MqttMessage message, DeviceBinding device, String component, String defaultComponent,
                                   DecodeResult.Builder out, DeviceReadings.Reading reading, Instant ts) {
        for (SensorBinding sensor : device.sensors()) {
            if (sensor.kind() == SensorKind.HEARTBEAT || sensor.kind() == SensorKind.AVAILABILITY) {
                continue;
            }
            boolean bound = sensor.component() == null
                    ? component == null || component.equals(defaultComponent)
                    : sensor.component().equals(component);
            if (!bound || (message.retained() && sensor.kind() == SensorKind.BUTTON)) {
                continue;
            }
            try {
                OptionalDouble value = reading.read(sensor);
                if (value.isPresent()) {
                    out.events.add(SensorEvent.of(sensor.homeId(), sensor.sensorId(), ts, sensor.kind(), value.getAsDouble()));
                }
            } catch (FieldProblem p) {
                out.deadLetters.add(DeadLetter.of(message, p.reason, "device '" + device.device() + "', sensor '"
                        + sensor.sensorId() + "' (" + sensor.kind().wireName() + "): " + p.getMessage()));
            }
        }
    }

    /** Any status or notification proves the device alive: one heartbeat per heartbeat sensor. */
    private static void heartbeat(DeviceBinding device, Instant ts, DecodeResult.Builder out) {
        for (SensorBinding sensor : device.sensors()) {
            if (sensor.kind() == SensorKind.HEARTBEAT) {
                out.events.add(SensorEvent.of(sensor.homeId(), sensor.sensorId(), ts, SensorKind.HEARTBEAT, 1));
            }
        }
    }

    /** A BTHome sensor's own {@code last_updated_ts} (the gateway's time of the reading), else {@code fallback}. */
    private static Instant componentTime(JsonNode status, Instant fallback) {
        for (String field : new String[] {"last_updated_ts", "last_update_ts"}) {
            if (Fields.has(status, field) && status.get(field).isNumber()) {
                return seconds(status, field);
            }
        }
        return fallback;
    }

    /** Unix seconds with a fraction (Shelly's {@code ts}), to the millisecond. */
    private static Instant seconds(JsonNode obj, String field) {
        double s = Fields.number(obj, field);
        if (!Double.isFinite(s) || s < 0 || s > 32_503_680_000d) {
            throw new FieldProblem(WRONG_TYPE, "field '" + field + "' must be Unix seconds, got " + s);
        }
        return Instant.ofEpochMilli(Math.round(s * 1000));
    }

    private static boolean isLevel(SensorKind kind) {
        return kind == SensorKind.MOTION || kind == SensorKind.BED || kind == SensorKind.CONTACT;
    }

    private static double word(String text, String on, String off, String what) {
        if (text.equalsIgnoreCase(on)) {
            return 1;
        }
        if (text.equalsIgnoreCase(off)) {
            return 0;
        }
        throw new FieldProblem(WRONG_TYPE, what + " must be " + on + " or " + off + ", got \"" + DeviceReadings.abbreviate(text) + "\"");
    }

    private static double number(String text, String what) {
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new FieldProblem(WRONG_TYPE, what + " must be a number, got \"" + DeviceReadings.abbreviate(text) + "\"");
        }
    }

    private DeviceBinding device(String id) {
        return table.shellyDevice(id).orElseThrow(() ->
                new FieldProblem(UNKNOWN_DEVICE, "no sensor is bound to shelly device '" + id + "'"));
    }
}
