package org.hearth.models.baseline;

/**
 * A measure's recent level against the person's earlier normal, for trend rules (bathroom visits
 * rising over a week, kettle use falling, sleep shortening).
 *
 * @param measure what was measured
 * @param recentDays how many recent days were averaged
 * @param recentMean their mean
 * @param priorLow the earlier days' (1 - q)-quantile
 * @param priorMedian the earlier days' median
 * @param priorHigh the earlier days' q-quantile
 * @param priorDays how many earlier days there were
 */
public record TrendStats(DayMeasure measure, int recentDays, double recentMean, double priorLow,
        double priorMedian, double priorHigh, int priorDays) {

    /** Recent mean above the earlier high by more than {@code margin}. */
    public boolean rising(double margin) {
        return priorDays > 0 && recentMean > priorHigh + margin;
    }

    /** Recent mean below the earlier low by more than {@code margin}. */
    public boolean falling(double margin) {
        return priorDays > 0 && recentMean < priorLow - margin;
    }
}
