package org.hearth.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.hearth.job.DetectionJobConfig;
import org.hearth.models.alert.Alert;
import org.hearth.models.json.HearthJson;
import org.hearth.models.registry.RegistryException;
import org.hearth.replay.ReplayFormat;
import org.hearth.replay.ReplayJob;
import org.hearth.replay.ReplayResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code hearth replay --events F.jsonl... [--format native|casas|mqtt] --homes homes.yaml
 * [--thresholds t.yaml] --alerts OUT.jsonl}: the detection job in event-time replay over files.
 * The same input always gives byte-identical {@code alerts.jsonl}.
 */
@Command(name = "replay", description = "Replay event files through the detection job in event time and write the alerts.")
public final class ReplayCommand extends EventFilesCommand {

    @Option(names = "--thresholds", description = "rule settings, e.g. thresholds.yaml")
    Path thresholds;

    @Option(names = "--alerts", required = true, description = "where to write alerts.jsonl")
    Path alerts;

    @Option(names = "--dead-letters", description = "where to write rejected lines (default: dead-letters.jsonl beside the alerts, when there are any)")
    Path deadLetters;

    @Override
    public Integer call() throws Exception {
        ReplayFormat replayFormat = readableEvents();
        DetectionJobConfig config;
        try {
            config = DetectionJobConfig.load(homes, thresholds);
            if (replayFormat == ReplayFormat.CASAS) {
                var registry = new org.hearth.models.registry.RegistryLoader().parse(homes.getFileName().toString(), config.homesYaml());
                events.forEach(f -> ReplayFormat.casasHome(f, registry));
            }
        } catch (RegistryException e) {
            throw new UserError(e.getMessage());
        }
        ReplayResult result = new ReplayJob(new ReplayJob.Options(events, replayFormat, config, lateness, parallelism))
                .run(System.err);
        writeLines(alerts, result.alerts().stream().map(ReplayCommand::json).toList());
        Path deadFile = deadLetters != null ? deadLetters : siblingOf(alerts, "dead-letters.jsonl");
        if (deadLetters != null || !result.deadLetters().isEmpty()) {
            writeLines(deadFile, result.deadLetters());
        }
        if (!result.late().isEmpty()) {
            writeLines(siblingOf(alerts, "late.jsonl"), result.late());
        }
        spec.commandLine().getOut().println(result.summaryLine());
        return 0;
    }

    private static Path siblingOf(Path file, String name) {
        Path parent = file.toAbsolutePath().getParent();
        return parent == null ? Path.of(name) : parent.resolve(name);
    }

    static String json(Alert alert) {
        try {
            return HearthJson.json().writeValueAsString(alert);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static void writeLines(Path file, List<String> lines) throws java.io.IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8))) {
            for (String line : lines) {
                w.print(line);
                w.print('\n');
            }
        }
    }
}
