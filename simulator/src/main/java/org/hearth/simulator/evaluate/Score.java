package org.hearth.simulator.evaluate;

/**
 * One row of the evaluation: for a rule, a label type, or overall.
 *
 * @param name the rule or label type wire name, or "overall"
 * @param labels labels this row is responsible for (for a rule: labels of the types it counts for)
 * @param detected of those, how many it detected
 * @param alerts alerts raised (0 for a label-type row)
 * @param trueAlerts alerts that matched a label
 * @param falseAlerts alerts that matched none
 * @param falsePerHome30Days false alerts per home per 30 days of observation
 * @param delays from label start to the first matching alert
 */
public record Score(
        String name,
        int labels,
        int detected,
        int alerts,
        int trueAlerts,
        int falseAlerts,
        double falsePerHome30Days,
        Delays delays) {

    /** Detected / labels; NaN when there are no labels. */
    public double recall() {
        return labels == 0 ? Double.NaN : (double) detected / labels;
    }

    /** True alerts / alerts; NaN when there are no alerts. */
    public double precision() {
        return alerts == 0 ? Double.NaN : (double) trueAlerts / alerts;
    }
}
