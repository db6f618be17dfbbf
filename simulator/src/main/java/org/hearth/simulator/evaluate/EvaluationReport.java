package org.hearth.simulator.evaluate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Writes an evaluation for an analyst: {@code report.html} (self-contained, charts as inline SVG, no
 * scripts or external files) plus {@code rules.csv}, {@code types.csv} and {@code labels.csv}.
 */
public final class EvaluationReport {

    private static final int WIDTH = 640;
    private static final int BAR = 22;
    private static final int LEFT = 150;

    private EvaluationReport() {}

    /** Writes the report files into {@code dir} (created if needed). */
    public static void write(Evaluation evaluation, Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("rules.csv"), scoresCsv(evaluation.byRule(), true));
        Files.writeString(dir.resolve("types.csv"), scoresCsv(evaluation.byType(), false));
        Files.writeString(dir.resolve("labels.csv"), labelsCsv(evaluation));
        Files.writeString(dir.resolve("report.html"), html(evaluation));
    }

    static String scoresCsv(List<Score> scores, boolean rules) {
        StringBuilder csv = new StringBuilder(rules
                ? "rule,labels,detected,recall,alerts,true_alerts,false_alerts,precision,false_per_home_30d,delay_median_s,delay_p90_s\n"
                : "label_type,labels,detected,recall,delay_median_s,delay_p90_s\n");
        for (Score s : scores) {
            csv.append(s.name()).append(',').append(s.labels()).append(',').append(s.detected()).append(',').append(num(s.recall()));
            if (rules) {
                csv.append(',').append(s.alerts()).append(',').append(s.trueAlerts()).append(',').append(s.falseAlerts())
                        .append(',').append(num(s.precision())).append(',').append(num(s.falsePerHome30Days()));
            }
            csv.append(',').append(seconds(s.delays().median())).append(',').append(seconds(s.delays().p90())).append('\n');
        }
        return csv.toString();
    }

    static String labelsCsv(Evaluation evaluation) {
        StringBuilder csv = new StringBuilder("home,label_type,start,end,detected,first_rule,first_alert_at,delay_s\n");
        for (Evaluation.Outcome o : evaluation.outcomes()) {
            csv.append(o.label().homeId()).append(',').append(o.label().type().wireName()).append(',')
                    .append(o.label().start()).append(',').append(o.label().end()).append(',').append(o.detected()).append(',')
                    .append(o.detected() ? o.firstRule() : "").append(',').append(o.detected() ? o.firstAlertAt().toString() : "")
                    .append(',').append(o.detected() ? seconds(Evaluator.delay(o.label().start(), o.firstAlertAt())) : "").append('\n');
        }
        return csv.toString();
    }

    private static String num(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.4f", v);
    }

    private static String seconds(Duration d) {
        return d == null ? "" : Long.toString(d.toSeconds());
    }

    /** {@code 1h05m}, {@code 12m}, {@code 2d03h}; "n/a" for none. */
    public static String duration(Duration d) {
        if (d == null) {
            return "n/a";
        }
        long m = d.toMinutes();
        if (m >= 2 * 1440) {
            return String.format(Locale.ROOT, "%dd%02dh", m / 1440, (m % 1440) / 60);
        }
        if (m >= 60) {
            return String.format(Locale.ROOT, "%dh%02dm", m / 60, m % 60);
        }
        return m + "m";
    }

    static String html(Evaluation e) {
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Hearth evaluation</title>\n<style>")
                .append("body{font-family:system-ui,sans-serif;margin:2em;max-width:60em;color:#222}")
                .append("table{border-collapse:collapse;margin:1em 0}th,td{padding:.3em .7em;border-bottom:1px solid #ddd;text-align:right}")
                .append("th:first-child,td:first-child{text-align:left}.muted{color:#777}.big{font-size:1.4em}")
                .append("</style></head><body>\n");
        h.append("<h1>Hearth evaluation: alerts against ground truth</h1>\n");
        h.append("<p class=\"muted\">").append(e.homes()).append(" homes observed for ").append(String.format(Locale.ROOT, "%.1f", e.days()))
                .append(" days (").append(e.start()).append(" to ").append(e.end()).append("). An alert counts for a label when it is for the same home, ")
                .append("its rule is one the label type lists, and it is raised within the type's window after the label starts ")
                .append("(simulator README, Evaluation). Delays are from the label's start to the first counting alert; quantiles are nearest-rank.</p>\n");
        Score o = e.overall();
        h.append("<p class=\"big\">Recall <b>").append(Evaluation.percent(o.recall())).append("</b> (").append(o.detected()).append(" of ")
                .append(o.labels()).append(" anomalies) &middot; precision <b>").append(Evaluation.percent(o.precision())).append("</b> (")
                .append(o.trueAlerts()).append(" of ").append(o.alerts()).append(" alerts) &middot; <b>")
                .append(String.format(Locale.ROOT, "%.2f", o.falsePerHome30Days())).append("</b> false alerts per home per 30 days")
                .append(" &middot; delay median <b>").append(duration(o.delays().median())).append("</b>, p90 <b>")
                .append(duration(o.delays().p90())).append("</b></p>\n");

        h.append("<h2>Which anomalies were caught</h2>\n");
        h.append(bars("Recall by anomaly type", e.byType().stream().map(s -> new Bar(s.name(), s.recall(),
                Evaluation.percent(s.recall()) + " (" + s.detected() + "/" + s.labels() + ")")).toList(), 1.0, "#2a7"));
        h.append(delayChart(e.byType()));
        h.append(table(e.byType(), false));

        h.append("<h2>How each rule behaves</h2>\n");
        h.append(bars("False alerts per home per 30 days, by rule", e.byRule().stream().map(s -> new Bar(s.name(), s.falsePerHome30Days(),
                String.format(Locale.ROOT, "%.2f (%d false)", s.falsePerHome30Days(), s.falseAlerts()))).toList(), 0, "#c44"));
        h.append(bars("Precision by rule", e.byRule().stream().filter(s -> s.alerts() > 0).map(s -> new Bar(s.name(), s.precision(),
                Evaluation.percent(s.precision()) + " (" + s.trueAlerts() + "/" + s.alerts() + ")")).toList(), 1.0, "#37a"));
        h.append(table(e.byRule(), true));
        if (!e.unscoredAlerts().isEmpty()) {
            h.append("<p class=\"muted\">Alerts of rules without ground truth in a simulation (not scored): ")
                    .append(esc(e.unscoredAlerts().toString())).append("</p>\n");
        }
        if (!e.rejected().isEmpty()) {
            h.append("<h2>Unreadable input lines (skipped)</h2><ul>");
            e.rejected().stream().limit(50).forEach(r -> h.append("<li>").append(esc(r)).append("</li>"));
            h.append("</ul>").append(e.rejected().size() > 50 ? "<p>... and " + (e.rejected().size() - 50) + " more</p>" : "");
        }
        h.append("<p class=\"muted\">Files: rules.csv, types.csv, labels.csv (every label, detected or not).</p>\n</body></html>\n");
        return h.toString();
    }

    private record Bar(String name, double value, String text) {}

    private static String bars(String title, List<Bar> bars, double fixedMax, String colour) {
        double max = fixedMax > 0 ? fixedMax : bars.stream().mapToDouble(b -> Double.isNaN(b.value()) ? 0 : b.value()).max().orElse(1);
        max = max <= 0 ? 1 : max;
        int height = 30 + bars.size() * (BAR + 6);
        StringBuilder svg = new StringBuilder();
        svg.append("<figure><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH).append("\" height=\"").append(height)
                .append("\" role=\"img\" aria-label=\"").append(esc(title)).append("\">");
        svg.append("<text x=\"0\" y=\"16\" font-size=\"14\" font-weight=\"bold\">").append(esc(title)).append("</text>");
        int barSpace = WIDTH - LEFT - 150;
        for (int i = 0; i < bars.size(); i++) {
            Bar b = bars.get(i);
            int y = 28 + i * (BAR + 6);
            double v = Double.isNaN(b.value()) ? 0 : b.value();
            int w = (int) Math.round(barSpace * Math.min(1, v / max));
            svg.append("<text x=\"").append(LEFT - 6).append("\" y=\"").append(y + 15).append("\" font-size=\"12\" text-anchor=\"end\">")
                    .append(esc(b.name())).append("</text>");
            svg.append("<rect x=\"").append(LEFT).append("\" y=\"").append(y).append("\" width=\"").append(barSpace)
                    .append("\" height=\"").append(BAR).append("\" fill=\"#eee\"/>");
            svg.append("<rect x=\"").append(LEFT).append("\" y=\"").append(y).append("\" width=\"").append(w)
                    .append("\" height=\"").append(BAR).append("\" fill=\"").append(colour).append("\"/>");
            svg.append("<text x=\"").append(LEFT + barSpace + 6).append("\" y=\"").append(y + 15).append("\" font-size=\"12\">")
                    .append(esc(b.text())).append("</text>");
        }
        return svg.append("</svg></figure>\n").toString();
    }

    /** Median (bar) and p90 (tick) detection delay per anomaly type, on a log time axis. */
    private static String delayChart(List<Score> types) {
        List<Score> rows = new ArrayList<>(types.stream().filter(s -> s.delays().count() > 0).toList());
        if (rows.isEmpty()) {
            return "<p class=\"muted\">No anomaly was detected, so there are no delays to show.</p>\n";
        }
        double lo = Math.log10(60);
        double hi = Math.log10(60 * 86_400);
        int barSpace = WIDTH - LEFT - 150;
        int height = 50 + rows.size() * (BAR + 6);
        StringBuilder svg = new StringBuilder("<figure><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + WIDTH + "\" height=\"" + height
                + "\" role=\"img\" aria-label=\"Detection delay\"><text x=\"0\" y=\"16\" font-size=\"14\" font-weight=\"bold\">"
                + "Detection delay by anomaly type (bar: median, tick: p90; log scale)</text>");
        String[] ticks = {"1m", "10m", "1h", "6h", "1d", "7d", "60d"};
        long[] tickSeconds = {60, 600, 3600, 21_600, 86_400, 604_800, 5_184_000};
        int axis = 28 + rows.size() * (BAR + 6);
        for (int t = 0; t < ticks.length; t++) {
            int x = LEFT + (int) Math.round(barSpace * (Math.log10(tickSeconds[t]) - lo) / (hi - lo));
            svg.append("<line x1=\"").append(x).append("\" x2=\"").append(x).append("\" y1=\"24\" y2=\"").append(axis)
                    .append("\" stroke=\"#ccc\"/><text x=\"").append(x).append("\" y=\"").append(axis + 14)
                    .append("\" font-size=\"11\" text-anchor=\"middle\">").append(ticks[t]).append("</text>");
        }
        for (int i = 0; i < rows.size(); i++) {
            Score s = rows.get(i);
            int y = 28 + i * (BAR + 6);
            int median = x(s.delays().median(), lo, hi, barSpace);
            int p90 = x(s.delays().p90(), lo, hi, barSpace);
            svg.append("<text x=\"").append(LEFT - 6).append("\" y=\"").append(y + 15).append("\" font-size=\"12\" text-anchor=\"end\">")
                    .append(esc(s.name())).append("</text>");
            svg.append("<rect x=\"").append(LEFT).append("\" y=\"").append(y + 4).append("\" width=\"").append(median - LEFT)
                    .append("\" height=\"").append(BAR - 8).append("\" fill=\"#e93\"/>");
            svg.append("<line x1=\"").append(p90).append("\" x2=\"").append(p90).append("\" y1=\"").append(y).append("\" y2=\"")
                    .append(y + BAR).append("\" stroke=\"#333\" stroke-width=\"2\"/>");
            svg.append("<text x=\"").append(LEFT + barSpace + 6).append("\" y=\"").append(y + 15).append("\" font-size=\"12\">")
                    .append(duration(s.delays().median())).append(" / ").append(duration(s.delays().p90())).append("</text>");
        }
        return svg.append("</svg></figure>\n").toString();
    }

    private static int x(Duration d, double lo, double hi, int space) {
        double v = Math.log10(Math.max(60, d.toSeconds()));
        return LEFT + (int) Math.round(space * Math.min(1, Math.max(0, (v - lo) / (hi - lo))));
    }

    private static String table(List<Score> scores, boolean rules) {
        StringBuilder t = new StringBuilder("<table><tr><th>").append(rules ? "rule" : "anomaly type")
                .append("</th><th>labels</th><th>detected</th><th>recall</th>");
        if (rules) {
            t.append("<th>alerts</th><th>false</th><th>precision</th><th>false / home / 30 d</th>");
        }
        t.append("<th>delay median</th><th>delay p90</th></tr>\n");
        for (Score s : scores) {
            t.append("<tr><td>").append(esc(s.name())).append("</td><td>").append(s.labels()).append("</td><td>").append(s.detected())
                    .append("</td><td>").append(Evaluation.percent(s.recall())).append("</td>");
            if (rules) {
                t.append("<td>").append(s.alerts()).append("</td><td>").append(s.falseAlerts()).append("</td><td>")
                        .append(Evaluation.percent(s.precision())).append("</td><td>")
                        .append(String.format(Locale.ROOT, "%.2f", s.falsePerHome30Days())).append("</td>");
            }
            t.append("<td>").append(duration(s.delays().median())).append("</td><td>").append(duration(s.delays().p90())).append("</td></tr>\n");
        }
        return t.append("</table>\n").toString();
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
