package org.hearth.models.activity;

import java.time.Duration;
import java.time.LocalTime;
import java.util.Objects;

/**
 * How raw readings become activities. The defaults suit common consumer kit (a 2-3 kW kettle on a
 * metering plug, a pressure-pad bed sensor, Zigbee PIRs with about a minute of blind time).
 *
 * @param kettleOnWatts power at or above which the kettle counts as on
 * @param kettleOffWatts power at or below which it counts as off again (hysteresis: readings in
 *     between change nothing)
 * @param kettleMinBoil shorter "on" spells are spikes, not boils
 * @param kettleMaxBoil longer "on" spells are another appliance or a stuck reading, not boils
 * @param bedEntryDebounce occupancy must last this long to count as getting into bed
 * @param bedExitDebounce a lift shorter than this (turning over, sitting up) is not a bed exit
 * @param roomSettle a move to another room is confirmed when the old room stays quiet this long
 *     after the new one fired (two rooms firing at once, a PIR seeing through a doorway)
 * @param awayAfter after the front door is used, no motion inside for this long means "out"
 * @param doorGrace motion this soon after the front door is the resident passing the hall PIR on
 *     the way out, not proof of being in
 * @param minStillness shorter gaps between signs of life are not reported as stillness
 * @param nightStart local start of "night" (night bathroom visits, night door openings)
 * @param nightEnd local end of "night"
 * @param allowedLateness how far out of order events may arrive; the tracker holds events this
 *     long before acting on them
 */
public record ActivityConfig(
        double kettleOnWatts,
        double kettleOffWatts,
        Duration kettleMinBoil,
        Duration kettleMaxBoil,
        Duration bedEntryDebounce,
        Duration bedExitDebounce,
        Duration roomSettle,
        Duration awayAfter,
        Duration doorGrace,
        Duration minStillness,
        LocalTime nightStart,
        LocalTime nightEnd,
        Duration allowedLateness) {

    public ActivityConfig {
        if (!(kettleOffWatts < kettleOnWatts)) {
            throw new IllegalArgumentException("kettleOffWatts must be below kettleOnWatts (hysteresis)");
        }
        Objects.requireNonNull(nightStart, "nightStart");
        Objects.requireNonNull(nightEnd, "nightEnd");
        for (Duration d : new Duration[] {kettleMinBoil, kettleMaxBoil, bedEntryDebounce, bedExitDebounce,
                roomSettle, awayAfter, doorGrace, minStillness, allowedLateness}) {
            if (d == null || d.isNegative()) {
                throw new IllegalArgumentException("durations must be given and not negative");
            }
        }
    }

    /** One instance (immutable): every home's rules hold it, and built per home it was ~0.2-0.5 KB of heap each. */
    private static final ActivityConfig DEFAULTS = new ActivityConfig(1000, 300, Duration.ofSeconds(40), Duration.ofMinutes(10),
                Duration.ofMinutes(2), Duration.ofMinutes(2), Duration.ofSeconds(30),
                Duration.ofMinutes(15), Duration.ofSeconds(90), Duration.ofMinutes(5),
                LocalTime.of(22, 0), LocalTime.of(6, 0), Duration.ofMinutes(2));

    public static ActivityConfig defaults() {
        return DEFAULTS;
    }

    /** The same settings with another allowed lateness. */
    public ActivityConfig withAllowedLateness(Duration lateness) {
        return new ActivityConfig(kettleOnWatts, kettleOffWatts, kettleMinBoil, kettleMaxBoil, bedEntryDebounce,
                bedExitDebounce, roomSettle, awayAfter, doorGrace, minStillness, nightStart, nightEnd, lateness);
    }

    /** Whether a local time falls in the night window (which may wrap past midnight). */
    public boolean isNight(LocalTime t) {
        return nightStart.isAfter(nightEnd)
                ? !t.isBefore(nightStart) || t.isBefore(nightEnd)
                : !t.isBefore(nightStart) && t.isBefore(nightEnd);
    }
}
