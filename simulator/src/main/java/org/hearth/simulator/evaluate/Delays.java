package org.hearth.simulator.evaluate;

import java.time.Duration;
import java.util.List;

/**
 * Detection delays summarised. Quantiles are nearest-rank: the p-quantile of n sorted values is
 * the value at rank ceil(p * n) (1-based), so the median of 1, 2, 3, 4 minutes is 2 minutes.
 *
 * @param count delays summarised
 * @param median null when there are none
 * @param p90 null when there are none
 */
public record Delays(int count, Duration median, Duration p90) {

    public static Delays of(List<Duration> delays) {
        if (delays.isEmpty()) {
            return new Delays(0, null, null);
        }
        List<Duration> sorted = delays.stream().sorted().toList();
        return new Delays(sorted.size(), rank(sorted, 0.5), rank(sorted, 0.9));
    }

    static Duration rank(List<Duration> sorted, double p) {
        int rank = (int) Math.ceil(p * sorted.size());
        return sorted.get(Math.max(1, rank) - 1);
    }
}
