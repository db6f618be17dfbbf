package org.hearth.simulator.evaluate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.hearth.models.alert.Alert;
import org.hearth.models.alert.Rule;
import org.hearth.models.json.HearthJson;
import org.hearth.simulator.SimulationConfig;
import org.hearth.simulator.anomaly.AnomalyType;
import org.hearth.simulator.anomaly.Label;

/**
 * Scores alerts ({@code alerts.jsonl}) against ground truth ({@code labels.jsonl}) with a
 * {@link MatchPolicy}: recall, precision, false alerts per home per 30 days and detection delay,
 * per rule, per label type and overall. Unreadable lines are skipped, counted and listed, never
 * silently dropped.
 */
public final class Evaluator {

    private final MatchPolicy policy;
    private final ObjectMapper json = HearthJson.json();

    public Evaluator() {
        this(MatchPolicy.standard());
    }

    public Evaluator(MatchPolicy policy) {
        this.policy = policy;
    }

    /**
     * Reads both files and scores them. The observation comes from {@code run.json} beside the
     * labels when the simulator wrote one, else from the homes and times named in the two files.
     *
     * @throws IllegalArgumentException when a file has no readable line at all, or nothing is observed
     */
    public Evaluation evaluate(Path alertsFile, Path labelsFile) throws IOException {
        List<String> rejected = new ArrayList<>();
        List<Alert> alerts = read(alertsFile, Alert.class, rejected, true);
        List<Label> labels = read(labelsFile, Label.class, rejected, false);
        Observation observation = observation(labelsFile, alerts, labels);
        return evaluate(alerts, labels, observation, rejected);
    }

    /**
     * How long before a label's start an alert still counts for it. Labels are stamped with the
     * simulated person's true time, readings with their hub's clock, which is off by up to
     * {@code maxSkewSeconds} (2 s) and, for a few hubs, more: a night-door alert raised on the door's
     * own reading came 0.7-1.8 s before its label and was counted missed and false (4 of the 10
     * night wanderings at seed 42). The real-home judge allows the same 5 minutes
     * ({@link RecordingJudge}).
     */
    static final Duration EARLY = Duration.ofMinutes(5);

    public Evaluation evaluate(List<Alert> alerts, List<Label> labels, Observation observation) {
        return evaluate(alerts, labels, observation, List.of());
    }

    private Evaluation evaluate(List<Alert> alerts, List<Label> labels, Observation observation, List<String> rejected) {
        Set<Rule> unscored = policy.unscored();
        List<Alert> scored = alerts.stream().filter(a -> !unscored.contains(a.rule()))
                .sorted(Comparator.comparing(Alert::at).thenComparing(Alert::alertId)).toList();
        Map<String, List<Alert>> byHome = new TreeMap<>();
        scored.forEach(a -> byHome.computeIfAbsent(a.homeId(), h -> new ArrayList<>()).add(a));

        Set<Alert> matched = new HashSet<>();
        List<Evaluation.Outcome> outcomes = new ArrayList<>();
        // first matching alert per (label index, rule), for per-rule recall and delay
        List<Map<Rule, Instant>> firstByRule = new ArrayList<>();
        for (Label label : labels) {
            Instant last = label.start().plus(policy.window(label.type()));
            Set<Rule> rules = policy.rules(label.type());
            Map<Rule, Instant> first = new LinkedHashMap<>();
            Alert earliest = null;
            for (Alert alert : byHome.getOrDefault(label.homeId(), List.of())) {
                if (rules.contains(alert.rule()) && !alert.at().isBefore(label.start().minus(EARLY)) && !alert.at().isAfter(last)) {
                    matched.add(alert);
                    first.putIfAbsent(alert.rule(), alert.at());
                    if (earliest == null) {
                        earliest = alert;
                    }
                }
            }
            firstByRule.add(first);
            outcomes.add(new Evaluation.Outcome(label, earliest == null ? null : earliest.rule().wireName(),
                    earliest == null ? null : earliest.at()));
        }

        double homeMonths = observation.homeMonths();
        List<Score> byRule = new ArrayList<>();
        Set<Rule> rulesShown = EnumSet.noneOf(Rule.class);
        scored.forEach(a -> rulesShown.add(a.rule()));
        labels.forEach(l -> rulesShown.addAll(policy.rules(l.type())));
        for (Rule rule : rulesShown) {
            Set<AnomalyType> types = policy.types(rule);
            int responsible = 0;
            List<Duration> delays = new ArrayList<>();
            for (int i = 0; i < labels.size(); i++) {
                if (types.contains(labels.get(i).type())) {
                    responsible++;
                    Instant at = firstByRule.get(i).get(rule);
                    if (at != null) {
                        delays.add(delay(labels.get(i).start(), at));
                    }
                }
            }
            List<Alert> raised = scored.stream().filter(a -> a.rule() == rule).toList();
            int truePositives = (int) raised.stream().filter(matched::contains).count();
            byRule.add(new Score(rule.wireName(), responsible, delays.size(), raised.size(), truePositives,
                    raised.size() - truePositives, (raised.size() - truePositives) / homeMonths, Delays.of(delays)));
        }

        List<Score> byType = new ArrayList<>();
        for (AnomalyType type : AnomalyType.values()) {
            List<Evaluation.Outcome> ofType = outcomes.stream().filter(o -> o.label().type() == type).toList();
            if (ofType.isEmpty()) {
                continue;
            }
            List<Duration> delays = delays(ofType);
            byType.add(new Score(type.wireName(), ofType.size(), delays.size(), 0, 0, 0, 0, Delays.of(delays)));
        }

        int truePositives = (int) scored.stream().filter(matched::contains).count();
        List<Duration> all = delays(outcomes);
        Score overall = new Score("overall", labels.size(), all.size(), scored.size(), truePositives,
                scored.size() - truePositives, (scored.size() - truePositives) / homeMonths, Delays.of(all));
        Map<String, Integer> unscoredAlerts = new TreeMap<>();
        alerts.stream().filter(a -> unscored.contains(a.rule())).forEach(a -> unscoredAlerts.merge(a.rule().wireName(), 1, Integer::sum));
        return new Evaluation(observation.homes(), observation.days(), observation.start(), observation.end(), overall,
                byRule, byType, unscoredAlerts, outcomes, List.copyOf(rejected));
    }

    private static List<Duration> delays(List<Evaluation.Outcome> outcomes) {
        return outcomes.stream().filter(Evaluation.Outcome::detected)
                .map(o -> delay(o.label().start(), o.firstAlertAt())).toList();
    }

    /** An alert counted from before the label's start (a skewed hub clock) was raised at once: delay zero. */
    static Duration delay(Instant start, Instant alertAt) {
        Duration d = Duration.between(start, alertAt);
        return d.isNegative() ? Duration.ZERO : d;
    }

    private <T> List<T> read(Path file, Class<T> type, List<String> rejected, boolean emptyAllowed) throws IOException {
        List<T> values = new ArrayList<>();
        int lineNumber = 0;
        int nonBlank = 0;
        try (BufferedReader in = Files.newBufferedReader(file)) {
            String line;
            while ((line = in.readLine()) != null) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                nonBlank++;
                try {
                    values.add(json.readValue(line, type));
                } catch (IOException | IllegalArgumentException e) {
                    rejected.add(file.getFileName() + ":" + lineNumber + ": " + firstLine(e));
                }
            }
        }
        if (nonBlank > 0 && values.isEmpty()) {
            throw new IllegalArgumentException(file.getFileName() + ": none of its " + nonBlank + " lines could be read as "
                    + (type == Alert.class ? "alerts" : "labels") + "; first problem: " + rejected.get(rejected.size() - nonBlank));
        }
        if (!emptyAllowed && values.isEmpty()) {
            throw new IllegalArgumentException(file.getFileName() + " is empty: there is nothing to score the alerts against");
        }
        return values;
    }

    private static String firstLine(Exception e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        int newline = message.indexOf('\n');
        return newline > 0 ? message.substring(0, newline) : message;
    }

    private Observation observation(Path labelsFile, List<Alert> alerts, List<Label> labels) throws IOException {
        Path dir = labelsFile.toAbsolutePath().getParent();
        Path run = dir == null ? null : SimulationConfig.runFile(dir);
        if (run != null && Files.isRegularFile(run)) {
            JsonNode node = json.readTree(run.toFile());
            return new Observation(node.path("homes").asInt(), Instant.parse(node.path("start").asText()),
                    Instant.parse(node.path("end").asText()));
        }
        Set<String> homes = new HashSet<>();
        alerts.forEach(a -> homes.add(a.homeId()));
        labels.forEach(l -> homes.add(l.homeId()));
        Instant start = labels.stream().map(Label::start).min(Comparator.naturalOrder()).orElse(Instant.EPOCH);
        Instant end = labels.stream().map(Label::end).max(Comparator.naturalOrder()).orElse(Instant.EPOCH);
        for (Alert a : alerts) {
            start = a.at().isBefore(start) ? a.at() : start;
            end = a.at().isAfter(end) ? a.at() : end;
        }
        return new Observation(Math.max(1, homes.size()), start, end.isAfter(start) ? end : start.plusSeconds(86_400));
    }
}
