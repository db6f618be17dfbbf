package org.hearth.models.rules;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.hearth.models.day.TimeBand;

/**
 * The outings not-home learns from: the remembered ones ({@link WatchState#outingMinutes}), absences left out. An
 * absence is an outing longer than {@link #ABSENCE} (a holiday, a hospital stay, a night at family): it says nothing
 * about how long an errand or a visit takes. Kept among the outings, one such absence made the limit years on a real
 * home: the tail is fitted to the outings' logarithms, and one 11.7-day absence among seven outings of minutes to hours
 * extrapolated to 13 million minutes, so that not-home could not alert for weeks ({@code OutingAbsenceTest}).
 *
 * <p>{@link NightRules} remembers absences (for {@link HabitualAbsences}: recurring ones are a habit) but not an
 * outing during which the home's recording had a gap (the hub offline: {@link #spansAGap}); absences are left out here,
 * so that the limits of ordinary outings, and those of states stored before, are those of the ordinary outings alone.
 *
 * @param minutes the ordinary outings' lengths, oldest first
 * @param bands the time band each began in, as {@code minutes}
 */
record OrdinaryOutings(double[] minutes, TimeBand[] bands) {

    /**
     * Half a day. Longer than any errand, visit or day-centre day (the real home's 452 outings in 286 days: 99 % within
     * 290 min, the longest 317 min; the simulator's day-centre days 5.5 h), shorter than a night spent away (leaving
     * at tea time, back the next morning: 15-18 h), which the tracker sees as one outing.
     */
    static final Duration ABSENCE = Duration.ofHours(12);

    static final long ABSENCE_MINUTES = ABSENCE.toMinutes();

    static OrdinaryOutings of(List<Integer> starts, List<Integer> minutes) {
        int n = 0;
        for (int m : minutes) {
            n += isOrdinary(m) ? 1 : 0;
        }
        double[] kept = new double[n];
        TimeBand[] bands = new TimeBand[n];
        for (int i = 0, k = 0; i < minutes.size(); i++) {
            if (isOrdinary(minutes.get(i))) {
                kept[k] = minutes.get(i);
                bands[k++] = TimeBand.ofMinute(starts.get(i));
            }
        }
        return new OrdinaryOutings(kept, bands);
    }

    /** Whether an outing of this many minutes is one to learn from: not an absence. */
    static boolean isOrdinary(long minutes) {
        return minutes > 0 && minutes <= ABSENCE_MINUTES;
    }

    /**
     * Whether the home's recording had a gap while the person was out from {@code leftAt}: the hub went silent (or said
     * it was offline) after they left. Nothing was seen then, so the outing's length is the gap's as much as theirs
     * (on the real home: a 23-hour "outing" across a 19-hour outage).
     *
     * @param unmonitoredUntil the latest instant monitoring was off ({@link WatchState#unmonitoredUntil}), or null
     */
    static boolean spansAGap(Instant leftAt, Instant unmonitoredUntil) {
        return unmonitoredUntil != null && unmonitoredUntil.isAfter(leftAt);
    }

    int size() {
        return minutes.length;
    }

    /** The lengths of those begun in {@code band}. */
    double[] in(TimeBand band) {
        int n = 0;
        for (TimeBand b : bands) {
            n += b == band ? 1 : 0;
        }
        double[] out = new double[n];
        for (int i = 0, k = 0; i < bands.length; i++) {
            if (bands[i] == band) {
                out[k++] = minutes[i];
            }
        }
        return out;
    }

    long countIn(TimeBand band) {
        return Arrays.stream(bands).filter(b -> b == band).count();
    }

    /** The longest, 0 with none. */
    double longest() {
        double max = 0;
        for (double m : minutes) {
            max = Math.max(max, m);
        }
        return max;
    }

    double total() {
        double sum = 0;
        for (double m : minutes) {
            sum += m;
        }
        return sum;
    }
}
