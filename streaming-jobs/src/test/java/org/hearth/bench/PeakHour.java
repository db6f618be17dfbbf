package org.hearth.bench;

/**
 * The busiest hour of a set of homes' readings: where it starts and its rate per home, the rate a
 * homes-held run offers N homes at the morning peak (as {@code ScaleBench} takes it from its
 * templates' live day, and {@code E2eHeldBench} from its homes' readings).
 *
 * @param first index of the hour's first reading in the (time-ordered) input
 * @param count readings in that hour
 * @param perHomePerSecond readings per home per second in that hour
 */
public record PeakHour(int first, int count, double perHomePerSecond) {

    private static final long HOUR_MS = 3_600_000;

    /**
     * @param epochMillis the readings' times, ascending
     * @param homes how many homes they come from
     */
    public static PeakHour of(long[] epochMillis, int homes) {
        if (homes < 1 || epochMillis.length == 0) {
            throw new IllegalArgumentException("need readings of at least one home; got " + epochMillis.length + " of " + homes);
        }
        int best = 0;
        int bestStart = 0;
        int j = 0;
        for (int i = 0; i < epochMillis.length; i++) {
            if (i > 0 && epochMillis[i] < epochMillis[i - 1]) {
                throw new IllegalArgumentException("readings out of time order at " + i);
            }
            while (epochMillis[i] - epochMillis[j] >= HOUR_MS) {
                j++;
            }
            if (i - j + 1 > best) {
                best = i - j + 1;
                bestStart = j;
            }
        }
        return new PeakHour(bestStart, best, best / 3600.0 / homes);
    }

    /** Readings per second offered by {@code homes} homes at this hour's rate. */
    public double rateFor(long homes) {
        return perHomePerSecond * homes;
    }
}
