package org.hearth.simulator.evaluate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.hearth.models.json.HearthJson;
import org.hearth.simulator.emergency.TruthLabel;

/**
 * The judgement of one replay of a real recording ({@link RecordingJudge}): every label's outcome,
 * the false alerts, and the figures score.py prints, plus found / delay / false alerts by rule.
 *
 * @param judgedDays home-days after learning, less outages (the denominator of the false-alert rate)
 * @param evalFrom false alerts are counted from here (first event line + learning days)
 */
public record RecordingScore(List<Outcome> outcomes, List<RecordingJudge.JudgedAlert> falseAlerts, int alerts, double judgedDays,
                             Instant evalFrom, List<RuleScore> byRule) {

    public static final double ONE_HOUR_MINUTES = 60;

    /**
     * One label: found or not, the delay to the first alert that found it (minutes, negative when it
     * came in the 5 minutes before the start), and the delay of each rule's first finding alert.
     */
    public record Outcome(TruthLabel label, Double delayMinutes, String firstRule, Instant firstAt, Map<String, Double> firstDelayMinutes) {

        public boolean found() {
            return delayMinutes != null;
        }

        static Outcome of(TruthLabel label, List<RecordingJudge.JudgedAlert> found) {
            if (found.isEmpty()) {
                return new Outcome(label, null, null, null, Map.of());
            }
            RecordingJudge.JudgedAlert first = found.stream()
                    .min(Comparator.comparing(RecordingJudge.JudgedAlert::at).thenComparing(RecordingJudge.JudgedAlert::rule)).get();
            Map<String, Double> byRule = new TreeMap<>();
            for (RecordingJudge.JudgedAlert a : found) {
                byRule.merge(a.rule(), minutes(label.start(), a.at()), Math::min);
            }
            return new Outcome(label, minutes(label.start(), first.at()), first.rule(), first.at(), Collections.unmodifiableMap(byRule));
        }
    }

    /** Labels found and how fast: count, median delay (minutes), and how many within one hour. */
    public record Found(int count, Double medianMinutes, int withinHour) {
        static Found of(List<Double> delays) {
            return new Found(delays.size(), median(delays), (int) delays.stream().filter(d -> d <= ONE_HOUR_MINUTES).count());
        }
    }

    /**
     * One rule: alerts raised, the labels of its kind (behavioural or system), those it found (its
     * own first alert in the label's window), and its false alerts.
     */
    public record RuleScore(String rule, int alerts, int labels, Found found, int falseAlerts, double falsePer30Days) {}

    /** Labels of every type together. */
    public int labels() {
        return outcomes.size();
    }

    public Found found() {
        return Found.of(outcomes.stream().filter(Outcome::found).map(Outcome::delayMinutes).toList());
    }

    /** Found within the judged window (3 h for a fall) over all labels; NaN without labels. */
    public double recall() {
        return outcomes.isEmpty() ? Double.NaN : (double) found().count() / outcomes.size();
    }

    /** Found within one hour of the start over all labels; NaN without labels. */
    public double recallWithinHour() {
        return outcomes.isEmpty() ? Double.NaN : (double) found().withinHour() / outcomes.size();
    }

    public double falsePer30Days() {
        return judgedDays > 0 ? falseAlerts.size() / judgedDays * 30 : Double.NaN;
    }

    /** Recall per label type, unrounded. */
    public Map<String, Double> recallByType() {
        Map<String, List<Outcome>> byType = outcomes.stream().collect(Collectors.groupingBy(o -> o.label().type(), TreeMap::new,
                Collectors.toList()));
        Map<String, Double> out = new TreeMap<>();
        byType.forEach((t, list) -> out.put(t, list.stream().filter(Outcome::found).count() / (double) list.size()));
        return out;
    }

    /** Median delay per label type in minutes, unrounded (types with a found label only). */
    public Map<String, Double> medianDelayByType() {
        Map<String, List<Double>> byType = new TreeMap<>();
        outcomes.stream().filter(Outcome::found)
                .forEach(o -> byType.computeIfAbsent(o.label().type(), t -> new ArrayList<>()).add(o.delayMinutes()));
        Map<String, Double> out = new TreeMap<>();
        byType.forEach((t, d) -> out.put(t, median(d)));
        return out;
    }

    /** False alerts by rule. */
    public Map<String, Integer> falseByRule() {
        return RecordingJudge.falseByRule(falseAlerts);
    }

    /**
     * The JSON line score.py prints, with its rounding (Python's {@code round}: half to even on the
     * exact binary value), so the two can be compared field by field.
     */
    public String scorePyJson() {
        ObjectMapper json = HearthJson.json();
        ObjectNode n = json.createObjectNode();
        ObjectNode recall = n.putObject("recall");
        recallByType().forEach((t, r) -> recall.put(t, pyRound(r, 3)));
        ObjectNode med = n.putObject("median_delay_min");
        medianDelayByType().forEach((t, d) -> med.put(t, (long) Math.rint(d)));
        n.put("false_alerts", falseAlerts.size());
        n.put("false_per_home_30d", pyRound(falsePer30Days(), 2));
        n.put("alerts", alerts);
        var rules = n.putArray("false_rules");
        new TreeSet<>(falseAlerts.stream().map(RecordingJudge.JudgedAlert::rule).toList()).forEach(rules::add);
        try {
            return json.writeValueAsString(n);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One line for a terminal. */
    public String oneLine() {
        Found f = found();
        String falseRules = falseByRule().entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .map(e -> String.format(Locale.ROOT, "%s %.1f", e.getKey(), judgedDays > 0 ? e.getValue() / judgedDays * 30 : 0))
                .collect(Collectors.joining(", "));
        return String.format(Locale.ROOT, "found %d of %d (%s) within 3 h, %s within 1 h, median delay %s; %.1f false alerts per 30 days%s",
                f.count(), labels(), percent(recall()), percent(recallWithinHour()), minutes(f.medianMinutes()), falsePer30Days(),
                falseRules.isEmpty() ? "" : " (" + falseRules + ")");
    }

    /** Counts of found labels by the rule that found them first. */
    public Map<String, Integer> firstFoundBy() {
        Map<String, Integer> out = new LinkedHashMap<>();
        outcomes.stream().filter(Outcome::found).forEach(o -> out.merge(o.firstRule(), 1, Integer::sum));
        return out;
    }

    static double pyRound(double v, int digits) {
        if (!Double.isFinite(v)) {
            return v;
        }
        return new BigDecimal(v).setScale(digits, RoundingMode.HALF_EVEN).doubleValue();
    }

    static Double median(List<Double> values) {
        if (values.isEmpty()) {
            return null;
        }
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    static double minutes(Instant from, Instant to) {
        return Duration.between(from, to).toMillis() / 60_000.0;
    }

    public static String percent(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.0f%%", 100 * v);
    }

    /** {@code 2h10m}, {@code 35m}, "n/a". */
    public static String minutes(Double m) {
        if (m == null) {
            return "n/a";
        }
        long whole = Math.round(m);
        return whole >= 60 ? String.format(Locale.ROOT, "%dh%02dm", whole / 60, Math.abs(whole % 60)) : whole + "m";
    }
}
