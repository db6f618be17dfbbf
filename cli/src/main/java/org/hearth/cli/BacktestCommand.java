package org.hearth.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.hearth.backtest.Backtest;
import org.hearth.backtest.BacktestReport;
import org.hearth.backtest.Candidate;
import org.hearth.backtest.CandidateResult;
import org.hearth.backtest.Sweep;
import org.hearth.job.DetectionJobConfig;
import org.hearth.models.registry.RegistryException;
import org.hearth.models.threshold.ThresholdsException;
import org.hearth.replay.ReplayFormat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code hearth backtest --events ... --homes ... --thresholds a.yaml [b.yaml ...] [--labels L.jsonl]
 * [--report DIR] [--sweep rule.key=from:to:step]}: replays the same history once per candidate
 * thresholds file (or per swept value) through the real detection job and reports alerts per home
 * per 30 days by rule and, with labels, recall, precision and delay, as HTML with SVG charts and CSV.
 */
@Command(name = "backtest", description = "Replay history with several candidate thresholds side by side and compare alert volumes and hit rates.")
public final class BacktestCommand extends EventFilesCommand {

    @Option(names = "--thresholds", arity = "1..*", description = "candidate thresholds files; with --sweep, the first is the base (default: built-in settings)")
    List<Path> thresholds = new ArrayList<>();

    @Option(names = "--sweep", description = "try one rule setting over a range, e.g. not-up.quantile=0.8:0.99:0.05")
    String sweep;

    @Option(names = "--labels", description = "ground truth (labels.jsonl from hearth simulate) for recall, precision and delay")
    Path labels;

    @Option(names = "--report", defaultValue = "backtest-report", description = "output folder (index.html, backtest.csv, candidates/)")
    Path report;

    @Override
    public Integer call() throws Exception {
        ReplayFormat replayFormat = readableEvents();
        readable(homes, "homes file");
        if (labels != null) {
            readable(labels, "labels file");
        }
        List<Candidate> candidates = candidates();
        String homesYaml = Files.readString(homes);
        for (Candidate c : candidates) {
            try {
                // The job's own reading of the files: what it accepts is what a live run would use.
                new DetectionJobConfig(homesYaml, c.thresholdsYaml(), org.hearth.alerts.route.EscalationPolicy.defaults());
            } catch (RegistryException e) {
                throw new UserError(e.getMessage());
            } catch (ThresholdsException | IllegalArgumentException e) {
                throw new UserError(c.name() + ": " + e.getMessage());
            }
        }
        Sweep parsedSweep = sweep == null ? null : Sweep.parse(sweep);
        List<CandidateResult> results = new Backtest(new Backtest.Inputs(events, replayFormat, homesYaml, labels, lateness,
                parallelism, report)).run(candidates, System.err);
        BacktestReport.write(results, parsedSweep, report);
        var out = spec.commandLine().getOut();
        for (CandidateResult r : results) {
            out.println(line(r));
        }
        out.printf(Locale.ROOT, "backtest: %d candidates, report in %s%n", results.size(), report.resolve("index.html"));
        return 0;
    }

    private List<Candidate> candidates() throws Exception {
        if (sweep != null) {
            Sweep parsed;
            try {
                parsed = Sweep.parse(sweep);
            } catch (IllegalArgumentException e) {
                throw new UserError(e.getMessage());
            }
            if (thresholds.size() > 1) {
                throw new UserError("--sweep takes at most one --thresholds file (the base), got " + thresholds.size());
            }
            String base = thresholds.isEmpty() ? null : Files.readString(readable(thresholds.get(0), "thresholds file"));
            return parsed.candidates(base);
        }
        if (thresholds.isEmpty()) {
            return List.of(Candidate.of("built-in", null));
        }
        List<Candidate> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (Path file : thresholds) {
            String name = file.getFileName().toString();
            if (!names.add(name)) {
                name = file.toString();
            }
            out.add(Candidate.of(name, Files.readString(readable(file, "thresholds file"))));
        }
        return out;
    }

    private static String line(CandidateResult r) {
        String base = String.format(Locale.ROOT, "%s: %d alerts, %s per home per 30 days", r.candidate().name(), r.alerts(),
                Double.isFinite(r.alertsPerHomeMonth()) ? String.format(Locale.ROOT, "%.2f", r.alertsPerHomeMonth()) : "n/a");
        if (r.evaluation() == null) {
            return base;
        }
        var o = r.evaluation().overall();
        return base + String.format(Locale.ROOT, ", recall %s, precision %s", pct(o.recall()), pct(o.precision()));
    }

    private static String pct(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.0f%%", 100 * v) : "n/a";
    }
}
