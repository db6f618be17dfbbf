package org.hearth.simulator.emergency;

import java.time.Duration;
import java.time.LocalTime;
import java.util.Objects;

/**
 * How inactivity emergencies are inserted into a real recording (the method of Wilhelm &amp; Wahl
 * 2024, as {@code shared/data/real-homes-dev/README.md} describes it): after {@code learnDays}
 * local days, on every {@code everyDays}-th day, {@code length} of behaviour is removed from a
 * random minute of the local window {@code windowStart}..{@code windowEnd} at which the resident
 * moved within {@code movedWithin} before. Gaps of {@code outageGap} or more with no event at all
 * are the recording's own outages: no emergency touches one, and the judge does not count them.
 *
 * @param windowEnd when not after {@code windowStart}, the window runs past local midnight
 */
public record InsertionSettings(int learnDays, int everyDays, Duration length, LocalTime windowStart, LocalTime windowEnd,
                                Duration movedWithin, long seed, Duration outageGap) {

    public static final InsertionSettings DEFAULTS = new InsertionSettings(28, 5, Duration.ofHours(6), LocalTime.of(10, 0),
            LocalTime.of(16, 0), Duration.ofMinutes(10), 1, Duration.ofHours(12));

    public InsertionSettings {
        Objects.requireNonNull(length, "length");
        Objects.requireNonNull(windowStart, "windowStart");
        Objects.requireNonNull(windowEnd, "windowEnd");
        Objects.requireNonNull(movedWithin, "movedWithin");
        Objects.requireNonNull(outageGap, "outageGap");
        if (learnDays < 0) {
            throw new IllegalArgumentException("learning days must be 0 or more, got " + learnDays);
        }
        if (everyDays < 1) {
            throw new IllegalArgumentException("an emergency every N days needs N >= 1, got " + everyDays);
        }
        if (length.isNegative() || length.isZero()) {
            throw new IllegalArgumentException("an emergency's length must be positive, got " + length);
        }
        if (length.toMinutes() < 1) {
            throw new IllegalArgumentException("an emergency lasts at least a minute, got " + length);
        }
        if (movedWithin.isNegative() || movedWithin.isZero()) {
            throw new IllegalArgumentException("the prior-movement interval must be positive, got " + movedWithin);
        }
        if (outageGap.isNegative() || outageGap.isZero()) {
            throw new IllegalArgumentException("the outage gap must be positive, got " + outageGap);
        }
        if (windowStart.equals(windowEnd)) {
            throw new IllegalArgumentException("the window " + windowStart + "-" + windowEnd + " is empty");
        }
    }

    public InsertionSettings withSeed(long newSeed) {
        return new InsertionSettings(learnDays, everyDays, length, windowStart, windowEnd, movedWithin, newSeed, outageGap);
    }

    public InsertionSettings withLearnDays(int days) {
        return new InsertionSettings(days, everyDays, length, windowStart, windowEnd, movedWithin, seed, outageGap);
    }

    public InsertionSettings withEveryDays(int days) {
        return new InsertionSettings(learnDays, days, length, windowStart, windowEnd, movedWithin, seed, outageGap);
    }

    public InsertionSettings withLength(Duration d) {
        return new InsertionSettings(learnDays, everyDays, d, windowStart, windowEnd, movedWithin, seed, outageGap);
    }

    public InsertionSettings withWindow(LocalTime start, LocalTime end) {
        return new InsertionSettings(learnDays, everyDays, length, start, end, movedWithin, seed, outageGap);
    }

    public InsertionSettings withMovedWithin(Duration d) {
        return new InsertionSettings(learnDays, everyDays, length, windowStart, windowEnd, d, seed, outageGap);
    }

    public InsertionSettings withOutageGap(Duration d) {
        return new InsertionSettings(learnDays, everyDays, length, windowStart, windowEnd, movedWithin, seed, d);
    }

    /** Parses {@code HH:MM-HH:MM}, e.g. {@code 10:00-16:00}. */
    public static LocalTime[] parseWindow(String text) {
        String[] parts = text == null ? new String[0] : text.trim().split("-");
        if (parts.length != 2) {
            throw new IllegalArgumentException("a window is written HH:MM-HH:MM, e.g. 10:00-16:00; got '" + text + "'");
        }
        try {
            return new LocalTime[] {LocalTime.parse(parts[0].trim()), LocalTime.parse(parts[1].trim())};
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("a window is written HH:MM-HH:MM, e.g. 10:00-16:00; got '" + text + "'");
        }
    }
}
