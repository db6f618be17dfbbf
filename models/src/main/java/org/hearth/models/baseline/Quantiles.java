package org.hearth.models.baseline;

import java.util.Arrays;

/** Empirical quantiles with linear interpolation between order statistics (Hyndman-Fan type 7). */
public final class Quantiles {

    private Quantiles() {}

    /** The q-quantile of {@code values} (not modified); NaN when empty. */
    public static double of(double[] values, double q) {
        if (values.length == 0) {
            return Double.NaN;
        }
        if (q < 0 || q > 1) {
            throw new IllegalArgumentException("quantile must be in [0, 1]: " + q);
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted(sorted, q);
    }

    static double sorted(double[] sorted, double q) {
        double h = (sorted.length - 1) * q;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }

    public static double median(double[] values) {
        return of(values, 0.5);
    }

    /** Median absolute deviation from the median. */
    public static double mad(double[] values) {
        double m = median(values);
        double[] dev = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            dev[i] = Math.abs(values[i] - m);
        }
        return median(dev);
    }

    /** Share of values at or below {@code x}. */
    public static double shareAtOrBelow(double[] values, double x) {
        if (values.length == 0) {
            return Double.NaN;
        }
        int n = 0;
        for (double v : values) {
            if (v <= x) {
                n++;
            }
        }
        return (double) n / values.length;
    }
}
