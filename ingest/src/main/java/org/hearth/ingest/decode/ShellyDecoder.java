package org.hearth.ingest.decode;

import static org.hearth.ingest.deadletter.DeadLetterReason.UNKNOWN_DEVICE;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.OptionalDouble;
import org.hearth.ingest.source.MqttMessage;

/**
 * Shelly Gen2+: the Switch component's status on {@code {id}/status/switch:0} and the device's
 * {@code {id}/online} ({@code true}/{@code false}). Power ← {@code apower} (watts); motion, bed,
 * button and contact sensors wired to the relay ← {@code output}; heartbeat ← any status. Shelly
 * status carries no usable timestamp (only a minute-granular energy stamp), so the receive time
 * is the event time.
 */
final class ShellyDecoder {

    private final RoutingTable table;

    ShellyDecoder(RoutingTable table) {
        this.table = table;
    }

    DecodeResult status(MqttMessage message, String deviceId) {
        DeviceBinding device = device(deviceId);
        JsonNode obj = Fields.object(message.payload());
        return DeviceReadings.perSensor(message, device, message.receivedAt(), null, null, sensor -> switch (sensor.kind()) {
            case POWER -> OptionalDouble.of(Fields.number(obj, "apower"));
            case MOTION, BED, BUTTON, CONTACT -> OptionalDouble.of(Fields.bool(obj, "output") ? 1 : 0);
            case HEARTBEAT -> OptionalDouble.of(1);
            default -> OptionalDouble.empty();
        });
    }

    DecodeResult online(MqttMessage message, String deviceId) {
        DeviceBinding device = device(deviceId);
        return DeviceReadings.availability(device, DeviceReadings.online(message.payload()), message.receivedAt());
    }

    private DeviceBinding device(String id) {
        return table.shellyDevice(id).orElseThrow(() ->
                new FieldProblem(UNKNOWN_DEVICE, "no sensor is bound to shelly device '" + id + "'"));
    }
}
