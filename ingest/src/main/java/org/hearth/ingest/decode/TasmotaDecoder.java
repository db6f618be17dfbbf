package org.hearth.ingest.decode;

import static org.hearth.ingest.deadletter.DeadLetterReason.MISSING_FIELD;
import static org.hearth.ingest.deadletter.DeadLetterReason.UNKNOWN_DEVICE;
import static org.hearth.ingest.deadletter.DeadLetterReason.WRONG_TYPE;
import static org.hearth.ingest.deadletter.DeadLetterReason.ZONE_MISMATCH;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.OptionalDouble;
import org.hearth.ingest.source.MqttMessage;
import org.hearth.models.event.SensorKind;

/**
 * Tasmota, per device topic {@code <t>} (tasmota.github.io/docs/MQTT and Commands):
 * <ul>
 *   <li>{@code tele/<t>/SENSOR}: power ← {@code ENERGY.Power}; temperature and humidity ← the
 *       first sensor object carrying {@code Temperature}/{@code Humidity}; motion and bed ←
 *       {@code Switch1} ON/OFF.</li>
 *   <li>{@code tele/<t>/STATE}: motion and bed ← relay {@code POWER} (or {@code POWER1}); heartbeat
 *       ← every STATE, Tasmota's periodic telemetry (TelePeriod, 300 s by default).</li>
 *   <li>{@code stat/<t>/POWER} (plain {@code ON}/{@code OFF}) and {@code stat/<t>/RESULT}
 *       ({@code {"POWER":"ON"}}, or {@code {"Button1":{"Action":"SINGLE"}}} with SetOption73): sent
 *       at once on every change. Motion and bed take the level; a <b>button</b> takes every
 *       {@code stat/<t>/POWER} as a press: a help button that toggles the relay reads OFF on every
 *       second press, so the level means nothing, the change is the press. For the same reason
 *       STATE and SENSOR, which repeat the level every TelePeriod, give a button no press.</li>
 *   <li>{@code tele/<t>/LWT}: {@code Online}/{@code Offline} (Tasmota's MQTT last will): an
 *       availability event per sensor of the device; a device that carries the home's hub
 *       heartbeat sensor is the hub, and its {@code Offline} raises {@code hub-offline} at once.</li>
 * </ul>
 *
 * <p>Tasmota's {@code Time} is the device's <em>local</em> time without an offset (unless
 * {@code SetOption52 1} adds one, which is then used). It is read in the hub's {@code timezone}
 * from {@code homes.yaml}, else the home's: the firmware's default is CET ({@code Timezone 1}), so a
 * UK device left at the default needs {@code timezone: "+01:00"} on its hub, or its readings land
 * an hour early. {@code stat/<t>/STATUS7} (or STATUS0) reveals the device's own offset: a
 * mismatch with that zone is a {@code zone-mismatch} dead letter. {@code stat/} messages carry no
 * time: receive time. Other topics (INFO1, other STATUS...) are ignored.
 */
final class TasmotaDecoder {

    private final RoutingTable table;

    TasmotaDecoder(RoutingTable table) {
        this.table = table;
    }

    DecodeResult decode(MqttMessage message, String prefix, String topic, String kind) {
        DeviceBinding device = table.tasmotaDevice(topic).orElseThrow(() ->
                new FieldProblem(UNKNOWN_DEVICE, "no sensor is bound to tasmota topic '" + topic + "'"));
        return prefix.equals("stat") ? stat(message, device, kind) : tele(message, device, kind);
    }

    private DecodeResult tele(MqttMessage message, DeviceBinding device, String kind) {
        switch (kind) {
            case "LWT" -> {
                return DeviceReadings.availability(device, DeviceReadings.online(message.payload()), message.receivedAt());
            }
            case "SENSOR" -> {
                JsonNode obj = Fields.object(message.payload());
                return DeviceReadings.perSensor(message, device, time(obj, device, message), Extras.NONE, sensor -> switch (sensor.kind()) {
                    case POWER -> OptionalDouble.of(power(obj));
                    case TEMPERATURE -> OptionalDouble.of(nested(obj, "Temperature"));
                    case HUMIDITY -> OptionalDouble.of(nested(obj, "Humidity"));
                    case MOTION, BED -> Fields.has(obj, "Switch1")
                            ? OptionalDouble.of(Fields.onOff(obj, "Switch1")) : OptionalDouble.empty();
                    default -> OptionalDouble.empty();
                });
            }
            case "STATE" -> {
                JsonNode obj = Fields.object(message.payload());
                return DeviceReadings.perSensor(message, device, time(obj, device, message), Extras.NONE, sensor -> {
                    if (sensor.kind() == SensorKind.HEARTBEAT) {
                        return OptionalDouble.of(1);
                    }
                    if (sensor.kind() == SensorKind.MOTION || sensor.kind() == SensorKind.BED) {
                        String field = Fields.has(obj, "POWER") ? "POWER" : "POWER1";
                        return Fields.has(obj, field) ? OptionalDouble.of(Fields.onOff(obj, field)) : OptionalDouble.empty();
                    }
                    return OptionalDouble.empty();
                });
            }
            default -> {
                return DecodeResult.ignored();
            }
        }
    }

    /**
     * {@code stat/<t>/POWER} and {@code stat/<t>/RESULT}: changes, sent as they happen. One relay
     * change is published twice by default ({@code RESULT {"POWER":"ON"}} and {@code POWER ON}), so
     * only {@code POWER} counts as a button press; {@code RESULT} gives the level, and a press only
     * for {@code {"ButtonN":{"Action":...}}} (SetOption73), which has no {@code POWER} twin.
     */
    private DecodeResult stat(MqttMessage message, DeviceBinding device, String kind) {
        Double level;
        boolean press;
        if (kind.equals("POWER") || kind.equals("POWER1")) {
            String text = new String(message.payload(), StandardCharsets.UTF_8).trim();
            if (text.startsWith("{")) { // SetOption4 1: the JSON answer under the command's own topic
                JsonNode obj = Fields.object(message.payload());
                level = Fields.onOff(obj, Fields.has(obj, "POWER") ? "POWER" : "POWER1");
            } else if (text.equalsIgnoreCase("ON") || text.equalsIgnoreCase("OFF")) {
                level = text.equalsIgnoreCase("ON") ? 1.0 : 0.0;
            } else {
                throw new FieldProblem(WRONG_TYPE, "stat/.../" + kind + " must be ON or OFF, got '"
                        + DeviceReadings.abbreviate(text) + "'");
            }
            press = true;
        } else if (kind.equals("RESULT")) {
            JsonNode obj = Fields.object(message.payload());
            String field = Fields.has(obj, "POWER") ? "POWER" : Fields.has(obj, "POWER1") ? "POWER1" : null;
            level = field == null ? null : Fields.onOff(obj, field);
            press = buttonAction(obj);
            if (level == null && !press) {
                return DecodeResult.ignored(); // the answer to some other command
            }
        } else if (kind.startsWith("STATUS")) {
            return clockZone(message, device);
        } else {
            return DecodeResult.ignored(); // other relays' POWERn, UPGRADE...: not this device's readings
        }
        Double levelValue = level;
        boolean isPress = press;
        return DeviceReadings.perSensor(message, device, message.receivedAt(), Extras.NONE, sensor -> switch (sensor.kind()) {
            case BUTTON -> isPress ? OptionalDouble.of(1) : OptionalDouble.empty();
            case MOTION, BED -> levelValue != null ? OptionalDouble.of(levelValue) : OptionalDouble.empty();
            default -> OptionalDouble.empty();
        });
    }

    /**
     * {@code stat/<t>/STATUS7} (and STATUS0, which includes it) tells the device's own clock:
     * {@code {"StatusTIM":{"UTC":"2019-09-04T12:54:25","Local":"2019-09-04T14:54:25",...,"Timezone":"+01:00"}}}.
     * If its offset (Local - UTC) differs from the zone {@code homes.yaml} reads its {@code Time} in,
     * every reading of the device is dated wrong by the difference: that is a {@code zone-mismatch}
     * dead letter naming both, so {@code hearth kit check} and the dead-letter counters show it.
     * Otherwise the message is ignored.
     */
    private static DecodeResult clockZone(MqttMessage message, DeviceBinding device) {
        JsonNode obj = Fields.object(message.payload());
        JsonNode tim = obj.get("StatusTIM");
        if (tim == null || !tim.isObject() || !tim.path("UTC").isTextual() || !tim.path("Local").isTextual()) {
            return DecodeResult.ignored();
        }
        java.time.LocalDateTime utc;
        java.time.LocalDateTime local;
        try {
            utc = java.time.LocalDateTime.parse(tim.get("UTC").textValue());
            local = java.time.LocalDateTime.parse(tim.get("Local").textValue());
        } catch (java.time.DateTimeException olderFirmware) {
            return DecodeResult.ignored(); // "Wed Sep 04 12:54:25 2019" (old firmware): no judgement
        }
        long deviceMinutes = Math.round(java.time.Duration.between(utc, local).getSeconds() / 60.0);
        java.time.ZoneOffset expected = device.zone().getRules().getOffset(utc.toInstant(java.time.ZoneOffset.UTC));
        if (deviceMinutes * 60 == expected.getTotalSeconds()) {
            return DecodeResult.ignored();
        }
        java.time.ZoneOffset actual = java.time.ZoneOffset.ofTotalSeconds((int) (deviceMinutes * 60));
        return DecodeResult.of(org.hearth.ingest.deadletter.DeadLetter.of(message, ZONE_MISMATCH, "tasmota '" + device.device()
                + "' keeps its clock at UTC" + actual.getId().replace("Z", "+00:00") + " but homes.yaml reads its Time in "
                + device.zone().getId() + " (UTC" + expected.getId().replace("Z", "+00:00") + " then): its readings would be "
                + "off by the difference; set timezone: \"" + actual.getId().replace("Z", "+00:00")
                + "\" on the hub, or the device's Timezone to the home's"));
    }

    /** {@code {"Button1":{"Action":"SINGLE"}}} (SetOption73, buttons decoupled from relays): a press. */
    private static boolean buttonAction(JsonNode obj) {
        for (Iterator<Map.Entry<String, JsonNode>> it = obj.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().startsWith("Button") && e.getValue().isObject() && Fields.has(e.getValue(), "Action")) {
                return true;
            }
        }
        return false;
    }

    private static Instant time(JsonNode obj, DeviceBinding device, MqttMessage message) {
        return Fields.has(obj, "Time") ? Fields.localOrOffsetInstant(obj, "Time", device.zone()) : message.receivedAt();
    }

    private static double power(JsonNode obj) {
        JsonNode energy = Fields.required(obj, "ENERGY");
        if (!energy.isObject()) {
            throw new FieldProblem(WRONG_TYPE, "field 'ENERGY' must be an object");
        }
        JsonNode power = Fields.required(energy, "Power");
        if (power.isArray()) {
            throw new FieldProblem(WRONG_TYPE, "field 'ENERGY.Power' is a list (multi-channel device): bind one channel per device topic");
        }
        return Fields.number(energy, "Power");
    }

    private static double nested(JsonNode obj, String field) {
        for (Iterator<Map.Entry<String, JsonNode>> it = obj.fields(); it.hasNext(); ) {
            JsonNode child = it.next().getValue();
            if (child.isObject() && Fields.has(child, field)) {
                return Fields.number(child, field);
            }
        }
        throw new FieldProblem(MISSING_FIELD, "no sensor object carries '" + field + "'");
    }
}
