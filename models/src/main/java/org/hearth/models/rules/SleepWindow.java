package org.hearth.models.rules;

import java.time.LocalTime;
import java.util.Optional;
import java.util.OptionalDouble;
import org.hearth.models.baseline.Anchor;
import org.hearth.models.baseline.Baseline;
import org.hearth.models.day.CareDay;
import org.hearth.models.day.DayProfile;

/**
 * The hours in which this person is asleep on nearly every day, in local wall minutes: from the
 * bedtime they are in bed by on {@code q} of days to the rise time they stay in bed until on
 * {@code q} of days (the core of the night, so that a late evening or an early morning is not
 * "night"). Without bed anchors (no bed sensor) it is the longest run of half-hours in which they
 * are active on fewer than half of the days. Local minutes, so a clock change does not move it.
 *
 * @param startMinute local minute at which the window starts (e.g. 23:30 = 1410)
 * @param endMinute local minute at which it ends, usually after midnight (e.g. 06:10 = 370)
 */
record SleepWindow(int startMinute, int endMinute) {

    /** A window shorter than this is not a night's sleep (an irregular sleeper gets none). */
    static final int MIN_MINUTES = 180;
    /** Without a bed sensor, a quiet run longer than this is not taken for a night. */
    static final int MAX_QUIET_MINUTES = 14 * 60;

    /** Whether a local minute of the day falls in the window. */
    boolean contains(int localMinute) {
        int length = Math.floorMod(endMinute - startMinute, 1440);
        return Math.floorMod(localMinute - startMinute, 1440) < length;
    }

    /** Whether the local half-hour slot (0-47) starts in the window. */
    boolean containsSlot(int slot) {
        return contains(slot * 30);
    }

    static Optional<SleepWindow> of(Baseline baseline, double q, LocalTime boundary) {
        OptionalDouble bed = baseline.anchorQuantile(Anchor.BEDTIME, q);
        OptionalDouble rise = baseline.anchorQuantile(Anchor.RISE, 1 - q);
        if (bed.isPresent() && rise.isPresent()) {
            int start = (int) bed.getAsDouble();
            int end = (int) rise.getAsDouble();
            int length = CareDay.careMinute(end, boundary) - CareDay.careMinute(start, boundary);
            return length >= MIN_MINUTES ? Optional.of(new SleepWindow(start, end)) : Optional.empty();
        }
        return fromSlots(baseline);
    }

    /**
     * Without a bed sensor, the small hours anchor the night: the person's night is the run of
     * rarely-active half-hours that contains 03:00-03:30 local. The longest quiet run alone is not
     * enough: a person out most afternoons has quiet afternoons too (on a real home without a bed
     * sensor the afternoons were taken for the night, and coming home at 14:47 was a "night door").
     * Someone whose small hours are busy (a night worker) gets no night rules, as an irregular sleeper.
     */
    static final int SMALL_HOURS_SLOT = 6;

    /** The run of half-hours active on fewer than half of the days that contains {@link #SMALL_HOURS_SLOT}. */
    private static Optional<SleepWindow> fromSlots(Baseline baseline) {
        boolean[] quiet = new boolean[DayProfile.SLOTS];
        boolean any = false;
        for (int s = 0; s < quiet.length; s++) {
            quiet[s] = baseline.slotProbability(s) < 0.5;
            any |= !quiet[s];
        }
        if (!any) {
            return Optional.empty(); // never active: nothing learned
        }
        if (!quiet[SMALL_HOURS_SLOT]) {
            return Optional.empty();
        }
        int bestStart = SMALL_HOURS_SLOT;
        while (quiet[Math.floorMod(bestStart - 1, quiet.length)]) {
            bestStart = Math.floorMod(bestStart - 1, quiet.length);
        }
        int bestLength = 0;
        while (bestLength < quiet.length && quiet[(bestStart + bestLength) % quiet.length]) {
            bestLength++;
        }
        if (bestLength * 30 > MAX_QUIET_MINUTES) {
            return Optional.empty(); // a quiet run this long is an empty home or a silent kit, not a night
        }
        return bestLength * 30 >= MIN_MINUTES
                ? Optional.of(new SleepWindow(bestStart * 30, ((bestStart + bestLength) % quiet.length) * 30))
                : Optional.empty();
    }
}
