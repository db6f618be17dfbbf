package org.hearth.replay;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
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
 * CASAS smart-home lines: {@code date time sensor [location...] value [type] [activity begin|end]},
 * whitespace separated, e.g. {@code 2011-06-15 08:01:02.123456 M012 ON Cook begin} or
 * {@code 2012-08-31 18:02:29 M003 Kitchen ON Control4_Motion Drink}. The date is {@code yyyy-mm-dd}
 * (or {@code yyyy/m/d}), the time the home's local time (read in the home's zone; in the repeated
 * hour of a DST fall-back the earlier offset is taken). The CASAS sensor name is looked up as a
 * sensor's {@code device} in {@code homes.yaml} (or, failing that, its {@code id}); its value is the
 * first field after it that reads as the registered kind's ({@link CasasValue}: {@code ON}/{@code OFF}
 * for motion, bed and button, {@code OPEN}/{@code CLOSE} for contacts, a number for temperature,
 * humidity and power, with real logs' garbled on/off words repaired). Locations, sensor types and
 * activity markers are ignored. Timestamps are kept to the millisecond.
 */
final class CasasLines implements LineDecoder {

    /** {@code 2011-06-15T08:01:02.123456}, and the unpadded months, days and hours some exports write. */
    private static final DateTimeFormatter LOCAL_TIME = new DateTimeFormatterBuilder()
            .appendPattern("uuuu-M-d'T'H:mm:ss").optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true)
            .optionalEnd().toFormatter(Locale.ROOT).withResolverStyle(ResolverStyle.STRICT);

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
            LocalDateTime local = LocalDateTime.parse(t[0].replace('/', '-') + "T" + t[1], LOCAL_TIME);
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
        Optional<Double> value = CasasValue.read(sensor.kind(), Arrays.asList(t).subList(3, t.length));
        if (value.isEmpty()) {
            return List.of(NativeLines.dead(where, line, DeadLetterReason.WRONG_TYPE,
                    (t.length == 4 ? "value '" + t[3] + "'" : "no field of '" + String.join(" ", Arrays.asList(t).subList(3, t.length)) + "'")
                            + " fits " + sensor.kind().wireName() + " sensor '" + sensor.id() + "'"));
        }
        SensorEvent event = SensorEvent.of(home.id(), sensor.id(), ts, sensor.kind(), value.get());
        return validator.check(event)
                .map(v -> List.of(NativeLines.dead(where, line, v.reason(), v.detail())))
                .orElseGet(() -> List.of(ReplayRecord.of(event)));
    }
}
