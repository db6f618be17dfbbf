package org.hearth.simulator.evaluate;

import java.time.Instant;
import java.util.List;
import org.hearth.simulator.anomaly.Label;

/**
 * The result of scoring alerts against labels.
 *
 * @param homes homes observed (from {@code run.json} beside the labels, else those named in either file)
 * @param days days observed
 * @param start start of the observation
 * @param end end of the observation
 * @param overall all scored rules together
 * @param byRule one row per rule that raised an alert or could detect a label
 * @param byType one row per label type
 * @param unscoredAlerts alerts of rules without ground truth here (e.g. battery-low), by rule
 * @param outcomes each label with its first matching alert, if any
 * @param rejected input lines that could not be read, as {@code file:line: reason}
 */
public record Evaluation(
        int homes,
        double days,
        Instant start,
        Instant end,
        Score overall,
        List<Score> byRule,
        List<Score> byType,
        java.util.Map<String, Integer> unscoredAlerts,
        List<Outcome> outcomes,
        List<String> rejected) {

    /** One label and how it was detected. */
    public record Outcome(Label label, String firstRule, Instant firstAlertAt) {
        public boolean detected() {
            return firstAlertAt != null;
        }
    }

    /** The one-line summary {@code hearth evaluate} prints. */
    public String oneLine() {
        return String.format(java.util.Locale.ROOT,
                "evaluated %d alerts against %d labels over %d homes x %.0f days: recall %s, precision %s, %.2f false alerts per home per 30 days, delay median %s p90 %s%s",
                overall.alerts(), overall.labels(), homes, days, percent(overall.recall()), percent(overall.precision()),
                overall.falsePerHome30Days(), EvaluationReport.duration(overall.delays().median()),
                EvaluationReport.duration(overall.delays().p90()),
                rejected.isEmpty() ? "" : ", " + rejected.size() + " unreadable lines skipped");
    }

    static String percent(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(java.util.Locale.ROOT, "%.0f%%", 100 * v);
    }
}
