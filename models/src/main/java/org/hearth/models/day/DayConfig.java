package org.hearth.models.day;

import java.time.Duration;
import java.time.LocalTime;
import java.util.Objects;

/**
 * How activities become a day profile.
 *
 * @param boundary local time at which a care day starts (default 12:00)
 * @param sleepMergeGap out-of-bed gaps shorter than this inside the night are night bed exits, not
 *     the end of the night (a bathroom visit, a drink)
 * @param minMainSleep the main sleep must last at least this long to give a bedtime and rise time
 * @param earliestRise without a bed sensor, the first motion at or after this local time is the rise
 * @param closeDelay a care day closes this long after its end, so that activities decided late (a
 *     bathroom visit that began before the boundary) still reach it
 * @param nightStart local start of "night" for door openings
 * @param nightEnd local end of "night"
 */
public record DayConfig(
        LocalTime boundary,
        Duration sleepMergeGap,
        Duration minMainSleep,
        LocalTime earliestRise,
        Duration closeDelay,
        LocalTime nightStart,
        LocalTime nightEnd) {

    public DayConfig {
        Objects.requireNonNull(boundary, "boundary");
        Objects.requireNonNull(sleepMergeGap, "sleepMergeGap");
        Objects.requireNonNull(minMainSleep, "minMainSleep");
        Objects.requireNonNull(earliestRise, "earliestRise");
        Objects.requireNonNull(closeDelay, "closeDelay");
        Objects.requireNonNull(nightStart, "nightStart");
        Objects.requireNonNull(nightEnd, "nightEnd");
    }

    /** One instance (immutable): every home's rules hold it, and built per home it was ~0.2-0.5 KB of heap each. */
    private static final DayConfig DEFAULTS = new DayConfig(CareDay.DEFAULT_BOUNDARY, Duration.ofMinutes(90), Duration.ofHours(3),
                LocalTime.of(5, 0), Duration.ofMinutes(30), LocalTime.of(22, 0), LocalTime.of(6, 0));

    public static DayConfig defaults() {
        return DEFAULTS;
    }

    public boolean isNight(LocalTime t) {
        return nightStart.isAfter(nightEnd)
                ? !t.isBefore(nightStart) || t.isBefore(nightEnd)
                : !t.isBefore(nightStart) && t.isBefore(nightEnd);
    }
}
