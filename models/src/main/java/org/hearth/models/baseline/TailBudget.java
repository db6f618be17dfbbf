package org.hearth.models.baseline;

import java.util.Arrays;

/**
 * Where to put a threshold so that, over the person's own history, it would be crossed at a given
 * rate: a false-alert budget turned into a level. Learned days are few (7-28) and the budget small
 * (a fraction of one alert a month), so the level usually lies beyond everything seen; it is
 * extrapolated with an exponential tail fitted to the excesses over a high value (peaks over
 * threshold). The tail's scale comes from the 80th percentile of the excesses (for an exponential
 * tail q0.8 = scale x ln 5), not their mean, so that one past emergency in the history (a six-hour
 * silence among silences of an hour) does not lift the level for the next four weeks.
 */
public final class TailBudget {

    /** ln 5: the 80th percentile of an exponential distribution in units of its scale. */
    static final double LN5 = Math.log(5);

    /** Pseudo-observations of the prior scale. */
    public static final double SHRINK = 10;

    private TailBudget() {}

    /** The robust tail scale of values beyond their median (NaN with none): a prior for a subgroup. */
    public static double scaleBeyondMedian(double[] values, double floorScale) {
        if (values.length < 2) {
            return Double.NaN;
        }
        double u = Quantiles.median(values);
        return scale(java.util.Arrays.stream(values).filter(x -> x > u).map(x -> x - u).toArray(), floorScale);
    }

    /**
     * The robust scale of an exponential tail fitted to excesses (all >= 0): q0.8 / ln 5, at least
     * {@code floor}. NaN when there are none.
     */
    public static double scale(double[] excesses, double floor) {
        if (excesses.length == 0) {
            return Double.NaN;
        }
        return Math.max(floor, Quantiles.of(excesses, 0.8) / LN5);
    }

    /**
     * The level that {@code values}, observed over {@code days} days, would exceed about
     * {@code perDay} times a day: the exponential tail beyond the median of the values, scaled by
     * how often values exceed that median. Returns the largest value plus one {@code floorScale}
     * when there are fewer than two values (nothing to fit), and never less than the median.
     *
     * @param floorScale the smallest tail scale allowed (the rule's resolution: one visit, a minute)
     */
    public static double level(double[] values, double days, double perDay, double floorScale) {
        return level(values, days, perDay, floorScale, Double.NaN);
    }

    /**
     * As {@link #level(double[], double, double, double)}, with the tail scale shrunk by
     * {@link #SHRINK} pseudo-observations towards {@code priorScale} (a coarser group's scale, e.g.
     * all outings for those begun in one time band): a handful of values says little about a tail.
     */
    public static double level(double[] values, double days, double perDay, double floorScale, double priorScale) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] v = values.clone();
        Arrays.sort(v);
        if (v.length < 2) {
            return v[v.length - 1] + floorScale;
        }
        double u = Quantiles.median(v);
        double[] excess = Arrays.stream(v).filter(x -> x > u).map(x -> x - u).toArray();
        if (excess.length == 0) {
            return u; // never beyond the usual: anything beyond it is unusual
        }
        double sigma = scale(excess, floorScale);
        if (!Double.isNaN(priorScale)) {
            sigma = (sigma * excess.length + SHRINK * Math.max(floorScale, priorScale)) / (excess.length + SHRINK);
        }
        double rate = excess.length / Math.max(1, days);
        return rate <= perDay ? u + floorScale : u + sigma * Math.log(rate / perDay);
    }
}
