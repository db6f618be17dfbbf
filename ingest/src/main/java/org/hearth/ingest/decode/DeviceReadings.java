package org.hearth.ingest.decode;

import static org.hearth.ingest.deadletter.DeadLetterReason.DROPPED_FIELD;
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

    /** When a sensor's reading happened, if not simply the message's time. */
    @FunctionalInterface
    interface Dating {
        Instant at(SensorBinding sensor, double value);
    }

    private DeviceReadings() {}

    static DecodeResult perSensor(MqttMessage message, DeviceBinding device, Instant ts, Extras extras, Reading reading) {
        return perSensor(message, device, (sensor, value) -> ts, extras, reading);
    }

    /**
     * One event per bound sensor that the message carries a reading for, a dead letter per sensor
     * whose reading is malformed, and a {@code dropped-field} dead letter per unreadable optional
     * field (the events keep going without it). A retained message is the broker's copy of an old
     * one: it gives no button press.
     */
    static DecodeResult perSensor(MqttMessage message, DeviceBinding device, Dating dating, Extras extras, Reading reading) {
        DecodeResult.Builder out = new DecodeResult.Builder();
        for (SensorBinding sensor : device.sensors()) {
            if (message.retained() && sensor.kind() == SensorKind.BUTTON) {
                continue;
            }
            try {
                OptionalDouble value = reading.read(sensor);
                if (value.isPresent()) {
                    double v = value.getAsDouble();
                    out.events.add(new SensorEvent(sensor.homeId(), sensor.sensorId(), dating.at(sensor, v), sensor.kind(),
                            v, extras.battery(), extras.linkQuality()));
                }
            } catch (FieldProblem p) {
                out.deadLetters.add(DeadLetter.of(message, p.reason, "device '" + device.device() + "', sensor '"
                        + sensor.sensorId() + "' (" + sensor.kind().wireName() + "): " + p.getMessage()));
            }
        }
        if (!extras.dropped().isEmpty()) {
            dropped(message, "device '" + device.device() + "'", extras, out);
        }
        return out.build();
    }

    /** A {@code dropped-field} dead letter per optional field that could not be read. */
    static void dropped(MqttMessage message, String who, Extras extras, DecodeResult.Builder out) {
        for (String problem : extras.dropped()) {
            out.deadLetters.add(DeadLetter.of(message, DROPPED_FIELD, who + ": " + problem
                    + " (the message's readings were kept)"));
        }
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
