package org.hearth.ingest.decode;

import static org.hearth.ingest.deadletter.DeadLetterReason.MALFORMED_JSON;
import static org.hearth.ingest.deadletter.DeadLetterReason.WRONG_TYPE;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import java.util.OptionalDouble;
import org.hearth.ingest.deadletter.DeadLetter;
import org.hearth.ingest.source.MqttMessage;
import org.hearth.models.event.SensorEvent;
import org.hearth.models.event.SensorKind;

/**
 * Turns one hub message into one outcome per sensor bound to the device, so that a multisensor
 * whose payload lacks one reading still delivers the others, and the gap is a dead letter.
 */
final class DeviceReadings {

    /** Reads one sensor's value; empty means "this message carries nothing for that kind". */
    @FunctionalInterface
    interface Reading {
        OptionalDouble read(SensorBinding sensor);
    }

    private DeviceReadings() {}

    static DecodeResult perSensor(MqttMessage message, DeviceBinding device, Instant ts,
                                  Integer battery, Integer linkQuality, Reading reading) {
        DecodeResult.Builder out = new DecodeResult.Builder();
        for (SensorBinding sensor : device.sensors()) {
            try {
                OptionalDouble value = reading.read(sensor);
                if (value.isPresent()) {
                    out.events.add(new SensorEvent(sensor.homeId(), sensor.sensorId(), ts, sensor.kind(),
                            value.getAsDouble(), battery, linkQuality));
                }
            } catch (FieldProblem p) {
                out.deadLetters.add(DeadLetter.of(message, p.reason, "device '" + device.device() + "', sensor '"
                        + sensor.sensorId() + "' (" + sensor.kind().wireName() + "): " + p.getMessage()));
            }
        }
        return out.build();
    }

    /** One availability event per sensor of the device: 1 online, 0 offline. */
    static DecodeResult availability(DeviceBinding device, boolean online, Instant ts) {
        DecodeResult.Builder out = new DecodeResult.Builder();
        for (SensorBinding sensor : device.sensors()) {
            out.events.add(SensorEvent.of(sensor.homeId(), sensor.sensorId(), ts, SensorKind.AVAILABILITY, online ? 1 : 0));
        }
        return out.build();
    }

    /**
     * Reads an online/offline word in the spellings hubs use: {@code online}/{@code offline}
     * (Zigbee2MQTT legacy), {@code {"state":"online"}} (Zigbee2MQTT 2.x), {@code true}/{@code false}
     * (Shelly), {@code Online}/{@code Offline} (Tasmota LWT).
     */
    static boolean online(byte[] payload) {
        String text = new String(payload, StandardCharsets.UTF_8).trim();
        if (text.startsWith("{")) {
            JsonNode obj = Fields.object(payload);
            return word(Fields.text(obj, "state"));
        }
        if (text.startsWith("\"") && text.endsWith("\"") && text.length() >= 2) {
            text = text.substring(1, text.length() - 1);
        }
        try {
            return word(text);
        } catch (FieldProblem p) {
            throw new FieldProblem(MALFORMED_JSON, p.getMessage());
        }
    }

    private static boolean word(String text) {
        switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "online", "true" -> {
                return true;
            }
            case "offline", "false" -> {
                return false;
            }
            default -> throw new FieldProblem(WRONG_TYPE, "availability must be online/offline or true/false, got \""
                    + abbreviate(text) + "\"");
        }
    }

    static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }

    static boolean isBinary(SensorKind kind) {
        return kind == SensorKind.MOTION || kind == SensorKind.BED || kind == SensorKind.BUTTON || kind == SensorKind.CONTACT;
    }
}
