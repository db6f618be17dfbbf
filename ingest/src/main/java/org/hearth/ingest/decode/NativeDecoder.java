package org.hearth.ingest.decode;

import static org.hearth.ingest.deadletter.DeadLetterReason.KIND_MISMATCH;
import static org.hearth.ingest.deadletter.DeadLetterReason.UNKNOWN_HOME;
import static org.hearth.ingest.deadletter.DeadLetterReason.UNKNOWN_SENSOR;
import static org.hearth.ingest.deadletter.DeadLetterReason.WRONG_TYPE;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import org.hearth.ingest.source.MqttMessage;
import org.hearth.models.event.SensorEvent;
import org.hearth.models.event.SensorKind;

/**
 * Hearth's own message on {@code hearth/{homeId}/{sensorId}} (DESIGN.md, Contracts):
 * {@code {"ts": "...", "kind": "motion", "value": 1, "battery": 87}}. Every field is checked by
 * hand rather than by data binding, so each problem gets its own reason and the field's name.
 */
final class NativeDecoder {

    private static final SensorKind[] KINDS = SensorKind.values();

    private final RoutingTable table;

    NativeDecoder(RoutingTable table) {
        this.table = table;
    }

    /** The message on {@code hearth/{homeId}/{sensorId}}, the home id at {@code topic[homeFrom, homeTo)}. */
    DecodeResult decode(MqttMessage message, int homeFrom, int homeTo) {
        String topic = message.topic();
        SensorBinding sensor = table.nativeSensorAt(topic, homeFrom, homeTo);
        if (sensor == null) {
            String homeId = topic.substring(homeFrom, homeTo);
            throw table.nativeHome(topic, homeFrom, homeTo) == null
                    ? new FieldProblem(UNKNOWN_HOME, "home '" + homeId + "' is not in the registry")
                    : new FieldProblem(UNKNOWN_SENSOR, "home '" + homeId + "' has no sensor '" + topic.substring(homeTo + 1) + "'");
        }
        // The registry's own strings, equal to the topic's segments: no copy per message.
        String homeId = sensor.homeId();
        String sensorId = sensor.sensorId();
        JsonNode obj = Fields.object(message.payload());
        Instant ts = Fields.instant(obj, "ts");
        SensorKind kind = kind(obj);
        if (kind != sensor.kind() && kind != SensorKind.HEARTBEAT && kind != SensorKind.AVAILABILITY) {
            throw new FieldProblem(KIND_MISMATCH, "sensor '" + sensorId + "' is registered as "
                    + sensor.kind().wireName() + " but the message says " + kind.wireName());
        }
        double value = kind == SensorKind.HEARTBEAT && !Fields.has(obj, "value") ? 0 : Fields.number(obj, "value");
        Extras extras = Extras.read(obj, "battery", "linkQuality");
        SensorEvent event = new SensorEvent(homeId, sensorId, ts, kind, value, extras.battery(), extras.linkQuality());
        if (extras.dropped().isEmpty()) {
            return DecodeResult.of(event);
        }
        DecodeResult.Builder out = new DecodeResult.Builder();
        out.events.add(event);
        DeviceReadings.dropped(message, "sensor '" + sensorId + "' of home '" + homeId + "'", extras, out);
        return out.build();
    }

    private static SensorKind kind(JsonNode obj) {
        String name = Fields.text(obj, "kind");
        for (SensorKind kind : KINDS) {
            if (kind.wireName().equals(name)) {
                return kind; // the usual spelling; any other goes through fromWireName as before
            }
        }
        try {
            return SensorKind.fromWireName(name);
        } catch (IllegalArgumentException e) {
            throw new FieldProblem(WRONG_TYPE, "field 'kind': " + e.getMessage());
        }
    }
}
