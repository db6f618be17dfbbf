package org.hearth.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
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
 * ground truth. The work is in the simulator module's {@code evaluate} package.
 */
@Command(name = "evaluate", description = "Score alerts against ground-truth labels: recall, precision, false alerts per home "
        + "per 30 days and detection delay, per rule and per anomaly type.")
public final class EvaluateCommand implements Callable<Integer> {

    @Option(names = "--alerts", required = true, description = "alerts.jsonl, one alert a line")
    Path alerts;

    @Option(names = "--labels", required = true, description = "labels.jsonl from hearth simulate (run.json beside it gives the homes and days)")
    Path labels;

    @Option(names = "--report", description = "write report.html (charts) and CSV files into this directory")
    Path report;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
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
