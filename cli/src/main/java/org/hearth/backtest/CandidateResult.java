package org.hearth.backtest;

import java.util.Map;
import org.hearth.simulator.evaluate.Evaluation;

/**
 * What one candidate did over the history.
 *
 * @param candidate the thresholds tried
 * @param alerts alerts raised in total
 * @param alertsByRule alerts raised per rule (wire names, sorted)
 * @param homeMonths the observation: homes times days over 30 (NaN when it could not be measured)
 * @param evaluation recall, precision and delay against the labels, or null without labels
 */
public record CandidateResult(Candidate candidate, int alerts, Map<String, Long> alertsByRule, double homeMonths,
        Evaluation evaluation) {

    /** Alerts per home per 30 days, all rules. */
    public double alertsPerHomeMonth() {
        return alerts / homeMonths;
    }

    /** Alerts per home per 30 days for one rule. */
    public double alertsPerHomeMonth(String rule) {
        return alertsByRule.getOrDefault(rule, 0L) / homeMonths;
    }
}
