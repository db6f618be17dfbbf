package org.hearth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.hearth.models.registry.KitRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulateEvaluateCommandTest {

    @TempDir
    Path dir;

    @Test
    void simulate_writesTheFilesAndSummarises() throws Exception {
        Path out = dir.resolve("sim");
        CliRun run = CliRun.of("simulate", "--homes", "3", "--days", "2", "--seed", "4", "--out", out.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("hearth simulate: simulated 3 homes x 2 days: ").contains(" events ");
        assertThat(KitRegistry.load(out.resolve("homes.yaml")).homes()).hasSize(3);
        assertThat(Files.size(out.resolve("events.jsonl"))).isPositive();
        assertThat(out.resolve("labels.jsonl")).exists();
    }

    @Test
    void simulate_badInputExitsNonZeroWithAClearMessage() {
        CliRun noTarget = CliRun.of("simulate", "--homes", "3", "--days", "2");
        CliRun noHomes = CliRun.of("simulate", "--homes", "0", "--days", "2", "--out", dir.toString());
        CliRun badKit = CliRun.of("simulate", "--homes", "1", "--days", "1", "--kit", "zwave", "--out", dir.toString());

        assertThat(noTarget.exitCode()).isEqualTo(2);
        assertThat(noTarget.err()).contains("--out DIR, or --mqtt URL");
        assertThat(noHomes.exitCode()).isEqualTo(2);
        assertThat(noHomes.err()).contains("--homes must be at least 1");
        assertThat(badKit.exitCode()).isEqualTo(2);
        assertThat(badKit.err()).contains("--kit must be native, zigbee2mqtt or mixed");
    }

    @Test
    void evaluate_scoresAlertsAndWritesTheReport() throws Exception {
        Path labels = Files.write(dir.resolve("labels.jsonl"), List.of(
                "{\"homeId\":\"h1\",\"type\":\"fall\",\"start\":\"2026-11-23T10:14:00Z\",\"end\":\"2026-11-23T13:00:00Z\"}",
                "{\"homeId\":\"h2\",\"type\":\"not-up\",\"start\":\"2026-11-24T08:00:00Z\",\"end\":\"2026-11-24T10:00:00Z\"}"));
        Path alerts = Files.write(dir.resolve("alerts.jsonl"), List.of(
                "{\"alertId\":\"a1\",\"homeId\":\"h1\",\"residentId\":\"r1\",\"rule\":\"stillness\",\"severity\":\"urgent\","
                        + "\"at\":\"2026-11-23T11:14:00Z\",\"expected\":\"e\",\"observed\":\"o\",\"message\":\"m\"}",
                "{\"alertId\":\"a2\",\"homeId\":\"h2\",\"residentId\":\"r2\",\"rule\":\"no-kettle\",\"severity\":\"warning\","
                        + "\"at\":\"2026-11-24T11:00:00Z\",\"expected\":\"e\",\"observed\":\"o\",\"message\":\"m\"}"));
        Path report = dir.resolve("report");

        CliRun run = CliRun.of("evaluate", "--alerts", alerts.toString(), "--labels", labels.toString(), "--report", report.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("stillness").contains("hearth evaluate: evaluated 2 alerts against 2 labels")
                .contains("recall 50%, precision 50%").contains("delay median 1h00m");
        assertThat(Files.readString(report.resolve("report.html"))).contains("<svg");
    }

    @Test
    void evaluate_missingFileExitsNonZero() {
        CliRun run = CliRun.of("evaluate", "--alerts", dir.resolve("nope.jsonl").toString(), "--labels", dir.resolve("l.jsonl").toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("no such file");
    }
}
