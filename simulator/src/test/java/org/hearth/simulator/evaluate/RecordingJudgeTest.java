package org.hearth.simulator.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.hearth.models.json.HearthJson;
import org.hearth.simulator.ProgressListener;
import org.hearth.simulator.emergency.Recording;
import org.hearth.simulator.emergency.RecordingMeta;
import org.hearth.simulator.emergency.TruthLabel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordingJudgeTest {

    @TempDir
    Path tmp;

    private static Path fixture() throws Exception {
        return Path.of(RecordingJudgeTest.class.getResource("/real-home-fixture/meta.json").toURI()).getParent();
    }

    private static RecordingScore judge(Path dir) throws Exception {
        Recording recording = Recording.read(dir.resolve("events.jsonl"), ProgressListener.NONE);
        return new RecordingJudge().judge(RecordingMeta.read(dir.resolve("meta.json")), TruthLabel.read(dir.resolve("labels.jsonl")),
                RecordingJudge.readAlerts(dir.resolve("alerts.jsonl")), recording.firstLine());
    }

    /** Numbers compare by value (score.py prints 34, Jackson may hold it as a long). */
    private static final Comparator<JsonNode> BY_VALUE = (a, b) -> a.isNumber() && b.isNumber()
            ? Double.compare(a.doubleValue(), b.doubleValue()) : a.equals(b) ? 0 : 1;

    private static void assertSameFigures(String expected, String actual) throws Exception {
        JsonNode e = HearthJson.json().readTree(expected);
        JsonNode a = HearthJson.json().readTree(actual);
        assertThat(a.equals(BY_VALUE, e)).as("expected %s%n     got %s", expected, actual).isTrue();
    }

    @Test
    void judge_printsWhatScorePyPrintedForTheFixture() throws Exception {
        Path dir = fixture();

        RecordingScore score = judge(dir);

        assertSameFigures(Files.readString(dir.resolve("score-py.json")).trim(), score.scorePyJson());
    }

    @Test
    void judge_agreesWithScorePyRunNowWhenItIsPresent() throws Exception {
        Path script = Stream.of(System.getenv("HEARTH_SHARED"), "../../shared", "/work/shared").filter(p -> p != null)
                .map(p -> Path.of(p, "data/real-homes-dev/score.py")).filter(Files::isRegularFile).findFirst().orElse(null);
        assumeThat(script).as("../shared/data/real-homes-dev/score.py").isNotNull();
        Path dir = fixture();

        Process p = new ProcessBuilder("python3", script.toString(), dir.toString(), dir.resolve("alerts.jsonl").toString())
                .redirectErrorStream(true).start();
        String printed = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertSameFigures(printed.lines().findFirst().orElseThrow(), judge(dir).scorePyJson());
    }

    @Test
    void judge_keepsEachEmergencysDelayAndSplitsByRule() throws Exception {
        RecordingScore score = judge(fixture());

        assertThat(score.outcomes()).extracting(RecordingScore.Outcome::delayMinutes).containsExactly(30.0, 39.0, -3.0, null, 39.0);
        assertThat(score.outcomes().get(1).firstRule()).isEqualTo("not-home"); // before the stillness at 70 min
        assertThat(score.found().count()).isEqualTo(4);
        assertThat(score.found().withinHour()).isEqualTo(4);
        assertThat(score.found().medianMinutes()).isEqualTo(34.5);
        assertThat(score.judgedDays()).isEqualTo(2 * 12 - 15 / 24.0); // the outage and its hour after learning
        Map<String, RecordingScore.RuleScore> byRule = new java.util.TreeMap<>();
        score.byRule().forEach(r -> byRule.put(r.rule(), r));
        assertThat(byRule.get("stillness").found().count()).isEqualTo(3); // 30, 70 and -3 min
        assertThat(byRule.get("stillness").falseAlerts()).isEqualTo(1); // h2's, on a day h1 fell
        assertThat(byRule.get("night-door").falseAlerts()).isEqualTo(3); // the duplicate counts
        assertThat(byRule.get("hub-offline").labels()).isZero(); // a system rule finds no fall
        assertThat(score.falseByRule()).containsEntry("unusual-day", 1).containsEntry("help-button", 1);
    }

    @Test
    void judge_refusesALabelTypeItCannotJudge() throws Exception {
        Path dir = fixture();
        List<TruthLabel> labels = List.of(new TruthLabel("h1", "slow-decline", Instant.parse("2026-01-30T00:00:00Z"),
                Instant.parse("2026-02-05T00:00:00Z")));

        assertThatThrownBy(() -> new RecordingJudge().judge(RecordingMeta.read(dir.resolve("meta.json")), labels, List.of(),
                Instant.parse("2026-01-01T00:00:00Z"))).hasMessageContaining("slow-decline").hasMessageContaining("fall");
    }

    @Test
    void readAlerts_namesTheLineThatIsNotAnAlert() throws Exception {
        Path file = tmp.resolve("alerts.jsonl");
        Files.writeString(file, Files.readAllLines(fixture().resolve("alerts.jsonl")).get(0) + "\n{\"homeId\": \"h1\"}\n");

        assertThatThrownBy(() -> RecordingJudge.readAlerts(file)).hasMessageContaining("alerts.jsonl:2");
    }

    @Test
    void report_writesFiguresAndChartsThatStandAlone() throws Exception {
        Path dir = fixture();
        RecordingScore score = judge(dir);

        RecordingReport.write(score, RecordingMeta.read(dir.resolve("meta.json")), Map.of("h1", java.time.ZoneId.of("Europe/London")), tmp);

        JsonNode summary = HearthJson.json().readTree(tmp.resolve("summary.json").toFile());
        assertThat(summary.path("found").asInt()).isEqualTo(4);
        assertThat(summary.path("falsePer30Days").asDouble()).isEqualTo(7.7);
        assertThat(Files.readAllLines(tmp.resolve("emergencies.csv"))).hasSize(6).element(4).asString().contains(",false,");
        assertThat(Files.readAllLines(tmp.resolve("false-alerts.csv"))).hasSize(7);
        assertThat(Files.readAllLines(tmp.resolve("rules.csv")).get(0)).startsWith("rule,alerts,labels,found");
        String html = Files.readString(tmp.resolve("report.html"));
        assertThat(html).contains("<svg", "False alerts by local hour of day", "Found <b>4 of 5</b>").doesNotContain("<script", "src=", "href=");
    }
}
