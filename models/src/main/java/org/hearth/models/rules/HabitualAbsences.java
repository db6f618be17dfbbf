package org.hearth.models.rules;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.hearth.models.day.TimeBand;

/**
 * A person's own recurring absences: a night a week at family, a regular weekend away. Such an absence is longer than
 * {@link OrdinaryOutings#ABSENCE}, so the outings not-home learns from leave it out ({@link OrdinaryOutings}), and
 * without this every one of them raised not-home hours after leaving (review-18 F2: one 16 h night away a week, 9
 * alerts in 10 weeks, one every weekend).
 *
 * <p>It is a habit when at least {@link #MIN_ABSENCES} remembered absences began in the same time band; outings begun
 * in that band are then allowed {@link #MARGIN} times the length that {@link #MIN_ABSENCES} of them reached (the
 * {@code MIN_ABSENCES}-th longest), at most {@link #CAP}. That length, not the longest, so that a one-off holiday or
 * hospital stay among the habit's nights cannot lift the allowance to days: only what recurred counts. A one-off
 * absence alone raises nothing.
 *
 * @param minutes the remembered absences' lengths (all longer than {@link OrdinaryOutings#ABSENCE}), oldest first
 * @param bands the time band each began in, as {@code minutes}
 */
record HabitualAbsences(int[] minutes, TimeBand[] bands) {

    /** Absences begun in one time band that make a habit there. */
    static final int MIN_ABSENCES = 3;
    /** The allowance over the habit's length: a night at family that runs a few hours late is not an alarm. */
    static final double MARGIN = 1.25;
    /** The most a habit allows: longer than two nights away is a carer's to hear of (or to pause monitoring for). */
    static final Duration CAP = Duration.ofHours(48);

    static HabitualAbsences of(List<Integer> starts, List<Integer> minutes) {
        int n = 0;
        for (int m : minutes) {
            n += m > OrdinaryOutings.ABSENCE_MINUTES ? 1 : 0;
        }
        int[] kept = new int[n];
        TimeBand[] bands = new TimeBand[n];
        for (int i = 0, k = 0; i < minutes.size(); i++) {
            if (minutes.get(i) > OrdinaryOutings.ABSENCE_MINUTES) {
                kept[k] = minutes.get(i);
                bands[k++] = TimeBand.ofMinute(starts.get(i));
            }
        }
        return new HabitualAbsences(kept, bands);
    }

    /**
     * The length the habit's absences begun in {@code band} reach: the {@link #MIN_ABSENCES}-th longest of them; 0
     * without a habit there.
     */
    double habitMinutes(TimeBand band) {
        int[] same = new int[minutes.length];
        int n = 0;
        for (int i = 0; i < minutes.length; i++) {
            if (bands[i] == band) {
                same[n++] = minutes[i];
            }
        }
        if (n < MIN_ABSENCES) {
            return 0;
        }
        int[] sorted = Arrays.copyOf(same, n);
        Arrays.sort(sorted);
        return sorted[n - MIN_ABSENCES];
    }

    /** How long an outing begun in {@code band} may last as this person's habit: 0 without one there. */
    double allowanceMinutes(TimeBand band) {
        double habit = habitMinutes(band);
        return habit == 0 ? 0 : Math.min(CAP.toMinutes(), MARGIN * habit);
    }
}
