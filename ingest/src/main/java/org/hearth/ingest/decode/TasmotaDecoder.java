package org.hearth.ingest.decode;

import static org.hearth.ingest.deadletter.DeadLetterReason.MISSING_FIELD;
import static org.hearth.ingest.deadletter.DeadLetterReason.UNKNOWN_DEVICE;
import static org.hearth.ingest.deadletter.DeadLetterReason.WRONG_TYPE;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.OptionalDouble;
import org.hearth.ingest.source.MqttMessage;
import org.hearth.models.event.SensorKind;

/**
 * Tasmota telemetry: {@code tele/{topic}/SENSOR} (power ← {@code ENERGY.Power}; temperature and
 * humidity ← the first sensor object carrying {@code Temperature}/{@code Humidity}; motion, bed,
 * button ← {@code Switch1} ON/OFF when present), {@code tele/{topic}/STATE} (motion, bed, button ←
 * relay {@code POWER} ON/OFF; heartbeat ← every STATE, Tasmota's periodic telemetry) and
 * {@code tele/{topic}/LWT} ({@code Online}/{@code Offline}).
 *
 * <p>Tasmota's {@code Time} is the device's local time without an offset; it is read in the
 * home's zone. Other {@code tele/} messages (INFO1, RESULT...) are ignored.
 */
final class TasmotaDecoder {

    private final RoutingTable table;

    TasmotaDecoder(RoutingTable table) {
        this.table = table;
    }

    DecodeResult decode(MqttMessage message, String topic, String kind) {
        DeviceBinding device = table.tasmotaDevice(topic).orElseThrow(() ->
                new FieldProblem(UNKNOWN_DEVICE, "no sensor is bound to tasmota topic '" + topic + "'"));
        switch (kind) {
            case "LWT" -> {
                return DeviceReadings.availability(device, DeviceReadings.online(message.payload()), message.receivedAt());
            }
            case "SENSOR" -> {
                JsonNode obj = Fields.object(message.payload());
                return DeviceReadings.perSensor(message, device, time(obj, device, message), null, null, sensor -> switch (sensor.kind()) {
                    case POWER -> OptionalDouble.of(power(obj));
                    case TEMPERATURE -> OptionalDouble.of(nested(obj, "Temperature"));
                    case HUMIDITY -> OptionalDouble.of(nested(obj, "Humidity"));
                    case MOTION, BED, BUTTON -> Fields.has(obj, "Switch1")
                            ? OptionalDouble.of(Fields.onOff(obj, "Switch1")) : OptionalDouble.empty();
                    default -> OptionalDouble.empty();
                });
            }
            case "STATE" -> {
                JsonNode obj = Fields.object(message.payload());
                return DeviceReadings.perSensor(message, device, time(obj, device, message), null, null, sensor -> {
                    if (sensor.kind() == SensorKind.HEARTBEAT) {
                        return OptionalDouble.of(1);
                    }
                    if (sensor.kind() == SensorKind.MOTION || sensor.kind() == SensorKind.BED || sensor.kind() == SensorKind.BUTTON) {
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
