package org.hearth.backtest;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.hearth.alerts.route.EscalationPolicy;
import org.hearth.job.DetectionJobConfig;
import org.hearth.models.alert.Alert;
import org.hearth.models.json.HearthJson;
import org.hearth.replay.ReplayFormat;
import org.hearth.replay.ReplayJob;
import org.hearth.replay.ReplayResult;
import org.hearth.simulator.evaluate.Evaluation;
import org.hearth.simulator.evaluate.Evaluator;

/**
 * Replays the same history once per candidate through the detection engineer's {@link ReplayJob}
 * (the real job graph, not a re-implementation) and scores each with the simulator's
 * {@link Evaluator} when labels are given. Candidates run one after another; each writes its
 * {@code alerts.jsonl} under {@code reportDir/candidates/<n>-<name>/}.
 */
public final class Backtest {

    /**
     * @param events the history (merged by event time)
     * @param format its format
     * @param homesYaml the kit registry text
     * @param labels ground truth, or null
     * @param lateness allowed disorder within a file
     * @param parallelism of the detection operators
     * @param reportDir where each candidate's alerts go
     */
    public record Inputs(List<Path> events, ReplayFormat format, String homesYaml, Path labels, Duration lateness,
            int parallelism, Path reportDir) {
        public Inputs {
            events = List.copyOf(events);
        }
    }

    private final Inputs inputs;

    public Backtest(Inputs inputs) {
        this.inputs = inputs;
    }

    public List<CandidateResult> run(List<Candidate> candidates, PrintStream progress) throws Exception {
        double spanHomeMonths = inputs.labels() == null && inputs.format() == ReplayFormat.NATIVE
                ? ObservedSpan.ofNativeFiles(inputs.events()).homeMonths() : Double.NaN;
        List<CandidateResult> results = new ArrayList<>();
        int n = 0;
        for (Candidate candidate : candidates) {
            n++;
            progress.printf("backtest: candidate %d of %d: %s%n", n, candidates.size(), candidate.name());
            DetectionJobConfig config = new DetectionJobConfig(inputs.homesYaml(), candidate.thresholdsYaml(),
                    EscalationPolicy.defaults());
            ReplayResult replay = new ReplayJob(new ReplayJob.Options(inputs.events(), inputs.format(), config,
                    inputs.lateness(), inputs.parallelism())).run(progress);
            Path dir = inputs.reportDir().resolve("candidates").resolve(String.format("%02d-%s", n, safe(candidate.name())));
            Path alertsFile = writeAlerts(dir, replay.alerts());
            Evaluation evaluation = null;
            double homeMonths = spanHomeMonths;
            if (inputs.labels() != null) {
                evaluation = new Evaluator().evaluate(alertsFile, inputs.labels());
                homeMonths = evaluation.homes() * evaluation.days() / 30.0;
            }
            results.add(new CandidateResult(candidate, replay.alerts().size(), replay.alertsByRule(), homeMonths, evaluation));
        }
        return results;
    }

    private static Path writeAlerts(Path dir, List<Alert> alerts) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve("alerts.jsonl");
        StringBuilder text = new StringBuilder();
        for (Alert alert : alerts) {
            text.append(HearthJson.json().writeValueAsString(alert)).append('\n');
        }
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    /** A file-system-safe form of a candidate's name. */
    static String safe(String name) {
        return name.replaceAll("[^A-Za-z0-9._=-]", "_");
    }
}
