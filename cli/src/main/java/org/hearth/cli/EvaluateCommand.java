package org.hearth.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.hearth.simulator.evaluate.Evaluation;
import org.hearth.simulator.evaluate.EvaluationReport;
import org.hearth.simulator.evaluate.Evaluator;
import org.hearth.simulator.evaluate.Score;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code hearth evaluate --alerts A.jsonl --labels L.jsonl [--report DIR]}: alerts scored against
 * ground truth. {@code hearth evaluate --events E.jsonl --homes homes.yaml --out DIR ...}: inactivity
 * emergencies inserted into a real recording, replayed and judged ({@link RecordingEvaluation}). The
 * work is in the simulator module's {@code evaluate} and {@code emergency} packages.
 */
@Command(name = "evaluate", description = {"Score alerts against ground-truth labels: recall, precision, false alerts per home "
        + "per 30 days and detection delay, per rule and per anomaly type.",
        "With --events and --homes instead: insert inactivity emergencies into a real recording (after --learn-days, every "
        + "--every days, --length of behaviour removed from a moment in --window at which the resident had just moved), replay "
        + "it and report found / delay / false alerts per 30 days by rule."})
public final class EvaluateCommand implements Callable<Integer> {

    @Option(names = "--alerts", description = "alerts.jsonl, one alert a line")
    Path alerts;

    @Option(names = "--labels", description = "labels.jsonl from hearth simulate (run.json beside it gives the homes and days); "
            + "with --events: emergencies already in the recording (kept, and kept clear of)")
    Path labels;

    @Option(names = "--report", description = "write report.html (charts) and CSV files into this directory (with --events: default OUT/report)")
    Path report;

    @Option(names = "--events", arity = "1..*", description = "a real recording's events.jsonl (or several files, merged in time): "
            + "insert emergencies into it, replay and judge")
    List<Path> events;

    @Option(names = "--format", defaultValue = "native", description = "with --events: native (JSONL), casas, or mqtt (a hearth capture); "
            + "other than native, the files are read through the replay's decoders into OUT/recording.jsonl first")
    String format;

    @Option(names = "--homes", description = "with --events: the recording's homes.yaml (time zones, kit)")
    Path homes;

    @Option(names = "--thresholds", description = "with --events: rule settings for the replay, e.g. thresholds.yaml")
    Path thresholds;

    @Option(names = "--out", description = "with --events: folder for events.jsonl, labels.jsonl, meta.json, alerts.jsonl (default evaluate-out)")
    Path out;

    @Option(names = "--seed", defaultValue = "1", description = "with --events: which moments are drawn (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--learn-days", defaultValue = "28", description = "with --events: local days before the first emergency (default ${DEFAULT-VALUE})")
    int learnDays;

    @Option(names = "--every", defaultValue = "5", description = "with --events: an emergency every N days (default ${DEFAULT-VALUE})")
    int every;

    @Option(names = "--length", defaultValue = "6h", description = "with --events: how long behaviour stops (default ${DEFAULT-VALUE})")
    Duration length;

    @Option(names = "--window", defaultValue = "10:00-16:00", description = "with --events: local hours in which an emergency starts (default ${DEFAULT-VALUE})")
    String window;

    @Option(names = "--moved-within", defaultValue = "10m", description = "with --events: the resident moved this long before the start (default ${DEFAULT-VALUE})")
    Duration movedWithin;

    @Option(names = "--outage", defaultValue = "12h", description = "with --events: a gap with no event this long is an outage, not judged (default ${DEFAULT-VALUE})")
    Duration outageGap;

    @Option(names = "--lateness", defaultValue = "5m", description = "with --events: the replay's allowed disorder (default ${DEFAULT-VALUE})")
    Duration lateness;

    @Option(names = "--parallelism", defaultValue = "1", description = "with --events: the replay's parallelism (default ${DEFAULT-VALUE})")
    int parallelism;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (events != null) {
            if (alerts != null) {
                throw new UserError("--alerts scores alerts you already have; --events makes them by replaying the recording: give one or the other");
            }
            return new RecordingEvaluation(this, spec.commandLine().getOut(), spec.commandLine().getErr()).run();
        }
        if (alerts == null || labels == null) {
            throw new UserError("give --alerts and --labels (score alerts against labels), or --events and --homes "
                    + "(insert emergencies into a real recording, replay and judge it)");
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Evaluation evaluation = new Evaluator().evaluate(alerts, labels);
        evaluation.rejected().stream().limit(20).forEach(r -> err.println("skipped " + r));
        if (evaluation.rejected().size() > 20) {
            err.println("skipped " + (evaluation.rejected().size() - 20) + " more unreadable lines");
        }
        out.printf(Locale.ROOT, "%-16s %7s %9s %7s %9s %12s %10s %10s%n", "rule", "labels", "detected", "alerts", "precision",
                "false/home/30d", "delay p50", "delay p90");
        for (Score s : evaluation.byRule()) {
            out.printf(Locale.ROOT, "%-16s %7d %9d %7d %9s %12.2f %10s %10s%n", s.name(), s.labels(), s.detected(), s.alerts(),
                    percent(s.precision()), s.falsePerHome30Days(), EvaluationReport.duration(s.delays().median()),
                    EvaluationReport.duration(s.delays().p90()));
        }
        if (report != null) {
            EvaluationReport.write(evaluation, report);
        }
        out.println("hearth evaluate: " + evaluation.oneLine() + (report == null ? "" : "; report in " + report.resolve("report.html")));
        return 0;
    }

    private static String percent(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.0f%%", 100 * v);
    }
}
