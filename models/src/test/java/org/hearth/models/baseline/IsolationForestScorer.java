package org.hearth.models.baseline;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import smile.anomaly.IsolationForest;
import smile.math.MathEx;

/**
 * The alternative day scorer, Smile's IsolationForest over robustly standardised features (absent
 * values set to the median). Contributions are found by substitution: how much the score drops when
 * one feature is replaced by its usual value. Seeded per call so the result is deterministic. Test
 * code, kept for comparison ({@code DayScorerComparisonTest}, models README); {@link RobustZScorer},
 * the live scorer, measured better on the window sizes Hearth has.
 */
public final class IsolationForestScorer implements DayScorer {

    private final int trees;
    private final long seed;

    public IsolationForestScorer(int trees, long seed) {
        this.trees = trees;
        this.seed = seed;
    }

    @Override
    public DayScore score(List<double[]> window, double[] day) {
        int n = day.length;
        double[] median = new double[n];
        double[] scale = new double[n];
        for (int f = 0; f < n; f++) {
            final int ff = f;
            double[] col = window.stream().mapToDouble(w -> w[ff]).filter(v -> !Double.isNaN(v)).toArray();
            median[f] = col.length == 0 ? 0 : Quantiles.median(col);
            scale[f] = Math.max(col.length == 0 ? 1 : 1.4826 * Quantiles.mad(col), DayFeatures.MIN_SPREAD[f]);
        }
        double[][] data = window.stream().map(w -> standardise(w, median, scale)).toArray(double[][]::new);
        MathEx.setSeed(seed);
        int depth = (int) Math.ceil(Math.log(Math.max(2, data.length)) / Math.log(2));
        IsolationForest forest = IsolationForest.fit(data, trees, depth, 0.9, 0);
        double[] x = standardise(day, median, scale);
        double s = forest.score(x);
        Map<String, Double> contributions = new LinkedHashMap<>();
        for (int f = 0; f < n; f++) {
            double[] y = x.clone();
            y[f] = 0;
            contributions.put(DayFeatures.NAMES.get(f), Math.max(0, s - forest.score(y)));
        }
        return new DayScore(s, contributions);
    }

    private static double[] standardise(double[] v, double[] median, double[] scale) {
        double[] out = new double[v.length];
        for (int f = 0; f < v.length; f++) {
            out[f] = Double.isNaN(v[f]) ? 0 : (v[f] - median[f]) / scale[f];
        }
        return out;
    }
}
