package org.hearth.simulator.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.hearth.models.alert.Alert;
import org.hearth.models.alert.Rule;
import org.hearth.models.json.HearthJson;
import org.hearth.simulator.anomaly.AnomalyType;
import org.hearth.simulator.anomaly.Label;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvaluatorTest {

    private static final Instant DAY1 = Instant.parse("2026-11-02T00:00:00Z");
    private static final Observation TWO_HOMES_30_DAYS = new Observation(2, DAY1, DAY1.plus(Duration.ofDays(30)));

    private static Instant at(int day, String time) {
        return Instant.parse("2026-11-" + String.format("%02d", 1 + day) + "T" + time + ":00Z");
    }

    private static Label label(String home, AnomalyType type, Instant start, Duration length) {
        return new Label(home, type, start, start.plus(length));
    }

    private static int ids;

    private static Alert alert(String home, Rule rule, Instant at) {
        return new Alert("a" + (++ids), home, "r-" + home, rule, rule.severity(), at, "usual", "observed", "message");
    }

    private final List<Label> labels = List.of(
            label("h1", AnomalyType.FALL, at(1, "10:00"), Duration.ofHours(3)),
            label("h1", AnomalyType.NOT_UP, at(2, "07:00"), Duration.ofHours(2)),
            label("h2", AnomalyType.NO_KETTLE, at(1, "08:00"), Duration.ofHours(4)),
            label("h2", AnomalyType.HUB_OFFLINE, at(5, "03:00"), Duration.ofHours(1)));

    private final List<Alert> alerts = List.of(
            alert("h1", Rule.STILLNESS, at(1, "10:30")),    // fall, 30 min
            alert("h1", Rule.HELP_BUTTON, at(1, "10:10")),  // fall, 10 min: first
            alert("h1", Rule.NOT_UP, at(2, "09:00")),       // not-up, 2 h
            alert("h2", Rule.NO_KETTLE, at(1, "15:00")),    // 7 h after start: outside the 6 h window
            alert("h1", Rule.NIGHT_DOOR, at(3, "02:00")),   // no label
            alert("h2", Rule.STILLNESS, at(1, "09:00")),    // h2 has a label then, but stillness does not count for no-kettle
            alert("h2", Rule.BATTERY_LOW, at(4, "12:00"))); // no ground truth: not scored

    @Test
    void evaluate_overallRecallPrecisionFalseRateAndDelays() {
        Evaluation e = new Evaluator().evaluate(alerts, labels, TWO_HOMES_30_DAYS);

        Score overall = e.overall();
        assertThat(overall.labels()).isEqualTo(4);
        assertThat(overall.detected()).isEqualTo(2);
        assertThat(overall.recall()).isEqualTo(0.5);
        assertThat(overall.alerts()).isEqualTo(6);
        assertThat(overall.trueAlerts()).isEqualTo(3);
        assertThat(overall.precision()).isEqualTo(0.5);
        assertThat(overall.falsePerHome30Days()).isCloseTo(1.5, within(1e-9));
        assertThat(overall.delays().median()).isEqualTo(Duration.ofMinutes(10));
        assertThat(overall.delays().p90()).isEqualTo(Duration.ofHours(2));
        assertThat(e.unscoredAlerts()).containsEntry("battery-low", 1);
        assertThat(e.outcomes().get(0).firstRule()).isEqualTo("help-button");
        assertThat(e.outcomes().get(2).detected()).isFalse();
    }

    @Test
    void evaluate_perRuleCountsOnlyLabelsTheRuleIsFor() {
        Evaluation e = new Evaluator().evaluate(alerts, labels, TWO_HOMES_30_DAYS);

        Score stillness = e.byRule().stream().filter(s -> s.name().equals("stillness")).findFirst().orElseThrow();
        assertThat(stillness.labels()).isEqualTo(2);       // the fall and the not-up
        assertThat(stillness.detected()).isEqualTo(1);
        assertThat(stillness.alerts()).isEqualTo(2);
        assertThat(stillness.falseAlerts()).isEqualTo(1);
        assertThat(stillness.falsePerHome30Days()).isCloseTo(0.5, within(1e-9));
        assertThat(stillness.delays().median()).isEqualTo(Duration.ofMinutes(30));

        Score hub = e.byRule().stream().filter(s -> s.name().equals("hub-offline")).findFirst().orElseThrow();
        assertThat(hub.labels()).isEqualTo(1);
        assertThat(hub.alerts()).isZero();
        assertThat(hub.recall()).isZero();
        assertThat(hub.precision()).isNaN();

        Score fall = e.byType().stream().filter(s -> s.name().equals("fall")).findFirst().orElseThrow();
        assertThat(fall.recall()).isEqualTo(1.0);
        assertThat(fall.delays().median()).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void evaluate_alertStampedBySkewedHubClockJustBeforeTheLabelCountsAtOnce() {
        Instant opened = at(3, "03:11");
        List<Label> wandering = List.of(label("h1", AnomalyType.NIGHT_WANDERING, opened, Duration.ofMinutes(40)));
        // the door's reading, stamped by a hub clock 1.8 s behind: the alert is on that reading
        List<Alert> raised = List.of(alert("h1", Rule.NIGHT_DOOR, opened.minusMillis(1_800)),
                alert("h1", Rule.NOT_HOME, opened.minus(Duration.ofMinutes(6))));   // before the 5 min: not this label's

        Evaluation e = new Evaluator().evaluate(raised, wandering, TWO_HOMES_30_DAYS);

        assertThat(e.overall().detected()).isEqualTo(1);
        assertThat(e.overall().trueAlerts()).isEqualTo(1);
        assertThat(e.overall().falseAlerts()).isEqualTo(1);
        assertThat(e.outcomes().get(0).firstRule()).isEqualTo("night-door");
        assertThat(e.overall().delays().median()).isEqualTo(Duration.ZERO);
    }

    @Test
    void delays_areNearestRank() {
        List<Duration> minutes = new ArrayList<>();
        for (int m = 10; m >= 1; m--) {
            minutes.add(Duration.ofMinutes(m));
        }
        Delays d = Delays.of(minutes);
        assertThat(d.median()).isEqualTo(Duration.ofMinutes(5));
        assertThat(d.p90()).isEqualTo(Duration.ofMinutes(9));
        assertThat(Delays.of(List.of(Duration.ofMinutes(7))).p90()).isEqualTo(Duration.ofMinutes(7));
        assertThat(Delays.of(List.of()).median()).isNull();
    }

    @Test
    void evaluate_filesSkipAndListUnreadableLinesAndUseRunJson(@TempDir Path dir) throws Exception {
        Path alertsFile = dir.resolve("alerts.jsonl");
        Path labelsFile = dir.resolve("labels.jsonl");
        List<String> lines = new ArrayList<>();
        for (Alert a : alerts) {
            lines.add(HearthJson.json().writeValueAsString(a));
        }
        lines.add(2, "{\"alertId\":\"x\",\"homeId\":\"h1\",\"rule\":\"not-a-rule\",\"severity\":\"urgent\",\"at\":\"2026-11-02T10:00:00Z\"}");
        lines.add("not json");
        Files.write(alertsFile, lines);
        List<String> labelLines = new ArrayList<>();
        for (Label l : labels) {
            labelLines.add(HearthJson.json().writeValueAsString(l));
        }
        Files.write(labelsFile, labelLines);
        Files.writeString(dir.resolve("run.json"), "{\"homes\": 2, \"start\": \"2026-11-02T00:00:00Z\", \"end\": \"2026-12-02T00:00:00Z\"}");

        Evaluation e = new Evaluator().evaluate(alertsFile, labelsFile);

        assertThat(e.rejected()).hasSize(2);
        assertThat(e.rejected().get(0)).startsWith("alerts.jsonl:3: ").contains("not-a-rule");
        assertThat(e.rejected().get(1)).startsWith("alerts.jsonl:9: ");
        assertThat(e.overall().falsePerHome30Days()).isCloseTo(1.5, within(1e-9));
        assertThat(e.oneLine()).contains("recall 50%", "precision 50%", "2 unreadable lines skipped");
        assertThat(labelLines.get(0)).isEqualTo("{\"homeId\":\"h1\",\"type\":\"fall\",\"start\":\"2026-11-02T10:00:00Z\",\"end\":\"2026-11-02T13:00:00Z\"}");
    }

    @Test
    void evaluate_rejectsALabelsFileWithNothingReadable(@TempDir Path dir) throws Exception {
        Path alertsFile = Files.writeString(dir.resolve("alerts.jsonl"), "");
        Path labelsFile = Files.writeString(dir.resolve("labels.jsonl"), "{\"homeId\":\"h1\",\"type\":\"meteor\"}\n");

        assertThatThrownBy(() -> new Evaluator().evaluate(alertsFile, labelsFile))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("labels.jsonl: none of its 1 lines could be read as labels")
                .hasMessageContaining("unknown label type 'meteor'");
    }

    @Test
    void write_producesHtmlWithChartsAndCsv(@TempDir Path dir) throws Exception {
        Evaluation e = new Evaluator().evaluate(alerts, labels, TWO_HOMES_30_DAYS);

        EvaluationReport.write(e, dir);

        String html = Files.readString(dir.resolve("report.html"));
        assertThat(html).startsWith("<!DOCTYPE html>").contains("<svg", "Recall by anomaly type", "Detection delay", "stillness")
                .doesNotContain("<script").endsWith("</html>\n");
        java.util.regex.Matcher svg = java.util.regex.Pattern.compile("<svg .*?</svg>", java.util.regex.Pattern.DOTALL).matcher(html);
        int charts = 0;
        while (svg.find()) {
            // Each chart must be well-formed XML, or browsers show nothing.
            javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder()
                    .parse(new org.xml.sax.InputSource(new java.io.StringReader(svg.group())));
            charts++;
        }
        assertThat(charts).isEqualTo(4);
        assertThat(Files.readAllLines(dir.resolve("types.csv"))).contains("fall,1,1,1.0000,600,600");
        assertThat(Files.readAllLines(dir.resolve("rules.csv")).get(0)).startsWith("rule,labels,detected,recall,alerts");
        assertThat(Files.readAllLines(dir.resolve("labels.csv"))).hasSize(5)
                .contains("h1,fall,2026-11-02T10:00:00Z,2026-11-02T13:00:00Z,true,help-button,2026-11-02T10:10:00Z,600");
    }
}
