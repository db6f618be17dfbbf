package org.hearth.simulator.evaluate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.hearth.models.alert.Alert;
import org.hearth.models.json.HearthJson;
import org.hearth.simulator.emergency.Outage;
import org.hearth.simulator.emergency.RecordingMeta;
import org.hearth.simulator.emergency.TruthLabel;

/**
 * Judges a replay of a real recording with inserted emergencies exactly as
 * {@code shared/data/real-homes-dev/score.py} does (its README, "How the project is judged"), so that
 * an analyst's figures and the project's are the same figures:
 * <ul>
 *   <li>a label is <b>found</b> by an alert for its home of the same kind (system alerts for system
 *       labels, behavioural for the rest) raised from 5 minutes before its start to the end of its
 *       window (a fall: 3 h after the start); the delay runs from the start to the first;</li>
 *   <li>an alert is <b>false</b> when it is behavioural, raised at or after the first event line's
 *       time plus the learning days, and neither within one hour before to twelve hours after a
 *       label of its home, nor within an outage or the hour after it;</li>
 *   <li>the rate is false alerts per 30 days of judged time: homes x (days - learning days) less
 *       the outages (each plus its hour) after learning, clipped to the recorded days.</li>
 * </ul>
 * Beyond score.py it keeps every label's outcome and splits found, delay and false alerts by rule.
 */
public final class RecordingJudge {

    /** The rules score.py calls system rules; every other rule is behavioural. */
    public static final Set<String> SYSTEM = Set.of("sensor-offline", "hub-offline", "battery-low");
    private static final Duration EARLY = Duration.ofMinutes(5);
    private static final Duration EXPLAINED_BEFORE = Duration.ofHours(1);
    private static final Duration EXPLAINED_AFTER = Duration.ofHours(12);
    private static final Duration AFTER_OUTAGE = Duration.ofHours(1);

    /** An alert as the judge sees it. */
    public record JudgedAlert(String homeId, String rule, Instant at) {
        public static JudgedAlert of(Alert a) {
            return new JudgedAlert(a.homeId(), a.rule().wireName(), a.at());
        }

        boolean system() {
            return SYSTEM.contains(rule);
        }
    }

    /**
     * The end of the window in which an alert finds a label of this type (score.py's WINDOW).
     *
     * @throws IllegalArgumentException for a type score.py does not judge
     */
    static Instant windowEnd(TruthLabel label) {
        return switch (label.type()) {
            case "fall" -> label.start().plus(Duration.ofHours(3));
            case "not-up", "no-kettle", "night-door" -> label.end().plus(Duration.ofMinutes(30));
            case "sensor-offline" -> label.start().plus(Duration.ofHours(26));
            default -> throw new IllegalArgumentException("label type '" + label.type()
                    + "' is not judged (fall, not-up, no-kettle, night-door, sensor-offline)");
        };
    }

    /**
     * @param firstLine the time of the first event line of the replayed events.jsonl
     */
    public RecordingScore judge(RecordingMeta meta, List<TruthLabel> labels, List<JudgedAlert> alerts, Instant firstLine) {
        Instant evalFrom = firstLine.plus(Duration.ofDays(meta.learn()));
        Map<JudgedAlert, Boolean> explained = new IdentityHashMap<>();
        List<RecordingScore.Outcome> outcomes = new ArrayList<>();
        for (TruthLabel label : labels) {
            Instant end = windowEnd(label);
            boolean system = SYSTEM.contains(label.type());
            List<JudgedAlert> found = new ArrayList<>();
            for (JudgedAlert a : alerts) {
                if (!a.homeId().equals(label.homeId())) {
                    continue;
                }
                if (a.system() == system && !a.at().isBefore(label.start().minus(EARLY)) && !a.at().isAfter(end)) {
                    found.add(a);
                }
                // anything raised while a labelled anomaly (or its aftermath) was going on is not false
                if (!a.at().isBefore(label.start().minus(EXPLAINED_BEFORE)) && !a.at().isAfter(label.end().plus(EXPLAINED_AFTER))) {
                    explained.put(a, true);
                }
            }
            outcomes.add(RecordingScore.Outcome.of(label, found));
        }
        List<Outage> outages = meta.outages().stream().map(o -> new Outage(o.start(), o.end().plus(AFTER_OUTAGE))).toList();
        for (JudgedAlert a : alerts) { // while the recording itself was down there is no truth to judge by
            if (outages.stream().anyMatch(o -> !a.at().isBefore(o.start()) && !a.at().isAfter(o.end()))) {
                explained.put(a, true);
            }
        }
        List<JudgedAlert> falseAlerts = alerts.stream()
                .filter(a -> !a.at().isBefore(evalFrom) && !a.system() && !explained.containsKey(a)).toList();
        Instant recorded = firstLine.plus(Duration.ofDays(meta.days()));
        double down = 0;
        for (Outage o : outages) {
            if (o.end().isAfter(evalFrom)) {
                Instant a = o.start().isAfter(evalFrom) ? o.start() : evalFrom;
                Instant b = o.end().isBefore(recorded) ? o.end() : recorded;
                down += Duration.between(a, b).toMillis() / 1000.0;
            }
        }
        double judgedDays = (double) meta.homes() * (meta.days() - meta.learn()) - down / 86_400;
        return new RecordingScore(outcomes, falseAlerts, alerts.size(), judgedDays, evalFrom,
                byRule(outcomes, falseAlerts, alerts, judgedDays));
    }

    private static List<RecordingScore.RuleScore> byRule(List<RecordingScore.Outcome> outcomes, List<JudgedAlert> falseAlerts,
            List<JudgedAlert> alerts, double judgedDays) {
        Set<String> rules = new TreeSet<>();
        alerts.forEach(a -> rules.add(a.rule()));
        List<RecordingScore.RuleScore> out = new ArrayList<>();
        for (String rule : rules) {
            List<Double> delays = new ArrayList<>();
            int labelsForRule = 0;
            for (RecordingScore.Outcome o : outcomes) {
                if (SYSTEM.contains(o.label().type()) != SYSTEM.contains(rule)) {
                    continue;
                }
                labelsForRule++;
                Double d = o.firstDelayMinutes().get(rule);
                if (d != null) {
                    delays.add(d);
                }
            }
            long raised = alerts.stream().filter(a -> a.rule().equals(rule)).count();
            long wrong = falseAlerts.stream().filter(a -> a.rule().equals(rule)).count();
            out.add(new RecordingScore.RuleScore(rule, (int) raised, labelsForRule, RecordingScore.Found.of(delays),
                    (int) wrong, judgedDays > 0 ? wrong / judgedDays * 30 : Double.NaN));
        }
        return Collections.unmodifiableList(out);
    }

    /** Reads {@code alerts.jsonl}; a line that is not an alert is an error naming file and line. */
    public static List<JudgedAlert> readAlerts(Path file) throws IOException {
        ObjectMapper json = HearthJson.json();
        List<JudgedAlert> out = new ArrayList<>();
        int lineNo = 0;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line; (line = in.readLine()) != null; ) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                try {
                    JsonNode n = json.readTree(line);
                    out.add(new JudgedAlert(n.get("homeId").asText(), n.get("rule").asText(), Instant.parse(n.get("at").asText())));
                } catch (IOException | DateTimeParseException | NullPointerException e) {
                    throw new IllegalArgumentException(file + ":" + lineNo + ": not an alert (needs homeId, rule and at)");
                }
            }
        }
        return out;
    }

    /** Rules of the false alerts and their counts, busiest first. */
    static Map<String, Integer> falseByRule(List<JudgedAlert> falseAlerts) {
        Map<String, Integer> out = new TreeMap<>();
        falseAlerts.forEach(a -> out.merge(a.rule(), 1, Integer::sum));
        return out;
    }
}
