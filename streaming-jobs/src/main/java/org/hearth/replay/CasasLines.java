package org.hearth.replay;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.hearth.ingest.deadletter.DeadLetterReason;
import org.hearth.ingest.validate.EventValidator;
import org.hearth.ingest.validate.ValidationPolicy;
import org.hearth.models.event.SensorEvent;
import org.hearth.models.registry.Home;
import org.hearth.models.registry.Sensor;

/**
 * CASAS smart-home lines: {@code date time sensor value [activity begin|end]}, whitespace separated,
 * e.g. {@code 2011-06-15 08:01:02.123456 M012 ON Cook begin}. The time is the home's local time
 * (read in the home's zone; in the repeated hour of a DST fall-back the earlier offset is taken).
 * The CASAS sensor name is looked up as a sensor's {@code device} in {@code homes.yaml} (or, failing
 * that, its {@code id}); its value is read according to the registered kind: {@code ON}/{@code OFF}
 * for motion, bed and button, {@code OPEN}/{@code CLOSE} for contacts, a number for temperature,
 * humidity and power. Activity markers are ignored. Timestamps are kept to the millisecond.
 */
final class CasasLines implements LineDecoder {

    private final String file;
    private final Home home;
    private final Map<String, Sensor> byDevice = new HashMap<>();
    private final EventValidator validator = new EventValidator(ValidationPolicy.replay(),
            Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));

    CasasLines(String file, Home home) {
        this.file = file;
        this.home = home;
        for (Sensor s : home.sensors()) {
            byDevice.putIfAbsent(s.id(), s);
        }
        for (Sensor s : home.sensors()) {
            if (s.device() != null) {
                byDevice.put(s.device(), s);
            }
        }
    }

    @Override
    public List<ReplayRecord> decode(String line, long lineNumber) {
        String where = file + ":" + lineNumber;
        String[] t = line.trim().split("\\s+");
        if (t.length < 4) {
            return List.of(NativeLines.dead(where, line, DeadLetterReason.MISSING_FIELD,
                    "a CASAS line needs date, time, sensor and value"));
        }
        Instant ts;
        try {
            LocalDateTime local = LocalDateTime.parse(t[0] + "T" + t[1]);
            ts = ZonedDateTime.ofLocal(local, home.zone(), null).toInstant().truncatedTo(ChronoUnit.MILLIS);
        } catch (DateTimeParseException e) {
            return List.of(NativeLines.dead(where, line, DeadLetterReason.WRONG_TYPE,
                    "date and time '" + t[0] + " " + t[1] + "' are not yyyy-mm-dd hh:mm:ss[.ffffff]"));
        }
        Sensor sensor = byDevice.get(t[2]);
        if (sensor == null) {
            return List.of(NativeLines.dead(where, line, DeadLetterReason.UNKNOWN_DEVICE,
                    "home '" + home.id() + "' has no sensor with device '" + t[2] + "'"));
        }
        Optional<Double> value = value(sensor, t[3]);
        if (value.isEmpty()) {
            return List.of(NativeLines.dead(where, line, DeadLetterReason.WRONG_TYPE,
                    "value '" + t[3] + "' does not fit " + sensor.kind().wireName() + " sensor '" + sensor.id() + "'"));
        }
        SensorEvent event = SensorEvent.of(home.id(), sensor.id(), ts, sensor.kind(), value.get());
        return validator.check(event)
                .map(v -> List.of(NativeLines.dead(where, line, v.reason(), v.detail())))
                .orElseGet(() -> List.of(ReplayRecord.of(event)));
    }

    private static Optional<Double> value(Sensor sensor, String raw) {
        String word = raw.toUpperCase(Locale.ROOT);
        switch (sensor.kind()) {
            case MOTION, BED, BUTTON, AVAILABILITY -> {
                return switch (word) {
                    case "ON", "1", "TRUE" -> Optional.of(1.0);
                    case "OFF", "0", "FALSE" -> Optional.of(0.0);
                    default -> Optional.empty();
                };
            }
            case CONTACT -> {
                return switch (word) {
                    case "OPEN", "1" -> Optional.of(1.0);
                    case "CLOSE", "CLOSED", "0" -> Optional.of(0.0);
                    default -> Optional.empty();
                };
            }
            default -> {
                try {
                    return Optional.of(Double.parseDouble(raw));
                } catch (NumberFormatException e) {
                    return Optional.empty();
                }
            }
        }
    }
}
