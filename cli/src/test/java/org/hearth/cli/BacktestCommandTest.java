package org.hearth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.hearth.models.rules.DetectionSettings;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code hearth backtest} over a small simulated history, through the real replay job. */
class BacktestCommandTest {

    @TempDir
    static Path dir;

    static Path sim;

    @BeforeAll
    static void simulate() {
        sim = dir.resolve("sim");
        CliRun run = CliRun.of("simulate", "--homes", "2", "--days", "16", "--seed", "11", "--anomaly-scale", "20",
                "--out", sim.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
    }

    private static Map<String, Long> stillnessAlerts(Path csv) throws Exception {
        return Files.readAllLines(csv).stream().skip(1).map(l -> l.split(",", -1))
                .filter(cols -> cols[2].equals("stillness"))
                .collect(Collectors.toMap(cols -> cols[0], cols -> Long.parseLong(cols[3])));
    }

    @Test
    void backtest_comparesCandidatesSideBySideWithoutLabels() throws Exception {
        // The detection job reads the safety section today (DetectionSettings); stillness is its knob.
        Path eager = Files.writeString(dir.resolve("eager.yaml"), "safety: {stillness: 40m}\n");
        Path calm = Files.writeString(dir.resolve("calm.yaml"), "safety: {stillness: 12h}\n");
        Path report = dir.resolve("report-files");

        CliRun run = CliRun.of("backtest", "--events", sim.resolve("events.jsonl").toString(), "--homes",
                sim.resolve("homes.yaml").toString(), "--thresholds", eager.toString(), calm.toString(),
                "--report", report.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("eager.yaml: ").contains("calm.yaml: ").doesNotContain("recall")
                .contains("backtest: 2 candidates");
        Map<String, Long> stillness = stillnessAlerts(report.resolve("backtest.csv"));
        assertThat(stillness.get("eager.yaml")).as("a 40-minute stillness limit alerts more than a 12-hour one")
                .isGreaterThan(stillness.get("calm.yaml"));
        List<String> csv = Files.readAllLines(report.resolve("backtest.csv"));
        assertThat(csv.get(0)).startsWith("candidate,sweep_value,rule,alerts,alerts_per_home_30d,labels,detected,recall");
        String[] eagerAll = csv.stream().filter(l -> l.startsWith("eager.yaml,,all,")).findFirst().orElseThrow().split(",", -1);
        // 2 homes over about 16 days: alerts per home per 30 days = alerts / (2 * 16 / 30)
        double perHomeMonth = Double.parseDouble(eagerAll[4]);
        assertThat(perHomeMonth).isCloseTo(Long.parseLong(eagerAll[3]) / (2 * 16 / 30.0), org.assertj.core.data.Percentage.withPercentage(10));
        assertThat(eagerAll[7]).as("no recall without labels").isEmpty();
        assertThat(Files.readString(report.resolve("index.html"))).contains("<svg").contains("eager.yaml");
        assertThat(Files.list(report.resolve("candidates")).count()).isEqualTo(2);
    }

    @Test
    void backtest_sweepDrawsAlertsPerHomeMonthAgainstRecall() throws Exception {
        Path report = dir.resolve("report-sweep");
        assertThat(Files.readAllLines(sim.resolve("labels.jsonl"))).as("the simulation injected anomalies").isNotEmpty();

        CliRun run = CliRun.of("backtest", "--events", sim.resolve("events.jsonl").toString(), "--homes",
                sim.resolve("homes.yaml").toString(), "--sweep", "not-up.quantile=0.5:0.99:0.49", "--labels",
                sim.resolve("labels.jsonl").toString(), "--report", report.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("not-up.quantile=0.5: ").contains("not-up.quantile=0.99: ").contains("recall ");
        String html = Files.readString(report.resolve("index.html"));
        assertThat(html).contains("Sweep of not-up.quantile").contains("<path d=\"M");
        assertThat(Files.readAllLines(report.resolve("backtest.csv")))
                .anyMatch(l -> l.startsWith("not-up.quantile=0.5,0.50,all,"))
                .anyMatch(l -> l.startsWith("not-up.quantile=0.99,0.99,all,"));
    }

    @Test
    void backtest_badInputExitsNonZeroWithAClearMessage() {
        CliRun badSweep = CliRun.of("backtest", "--events", sim.resolve("events.jsonl").toString(), "--homes",
                sim.resolve("homes.yaml").toString(), "--sweep", "not-up=0.8");
        CliRun noEvents = CliRun.of("backtest", "--events", dir.resolve("nope.jsonl").toString(), "--homes",
                sim.resolve("homes.yaml").toString());
        CliRun badThresholds = CliRun.of("backtest", "--events", sim.resolve("events.jsonl").toString(), "--homes",
                sim.resolve("homes.yaml").toString(), "--thresholds", writeBad().toString());

        assertThat(badSweep.exitCode()).isEqualTo(2);
        assertThat(badSweep.err()).contains("rule.key=from:to:step");
        assertThat(noEvents.exitCode()).isEqualTo(2);
        assertThat(noEvents.err()).contains("cannot read events file");
        assertThat(badThresholds.exitCode()).isEqualTo(2);
        assertThat(badThresholds.err()).contains("bad.yaml");
    }

    private static Path writeBad() {
        try {
            return Files.writeString(dir.resolve("bad.yaml"), "safety: {stillness: lots}\n");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
