package org.hearth.backtest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import org.hearth.simulator.evaluate.Evaluation;
import org.hearth.simulator.evaluate.Score;

/**
 * Writes {@code backtest.csv} (one row per candidate and rule, plus an {@code all} row) and
 * {@code index.html} with the table and embedded SVG charts: alerts per home per 30 days by rule
 * for each candidate, and in a sweep the curve of alerts per home-month against recall.
 */
public final class BacktestReport {

    private BacktestReport() {
    }

    public static void write(List<CandidateResult> results, Sweep sweep, Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("backtest.csv"), csv(results), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("index.html"), html(results, sweep), StandardCharsets.UTF_8);
    }

    static TreeSet<String> rules(List<CandidateResult> results) {
        TreeSet<String> rules = new TreeSet<>();
        results.forEach(r -> rules.addAll(r.alertsByRule().keySet()));
        if (results.stream().anyMatch(r -> r.evaluation() != null)) {
            results.stream().filter(r -> r.evaluation() != null)
                    .forEach(r -> r.evaluation().byRule().forEach(s -> rules.add(s.name())));
        }
        return rules;
    }

    static String csv(List<CandidateResult> results) {
        StringBuilder out = new StringBuilder(
                "candidate,sweep_value,rule,alerts,alerts_per_home_30d,labels,detected,recall,precision,delay_median_min,delay_p90_min\n");
        for (CandidateResult r : results) {
            for (String rule : rules(results)) {
                Score score = score(r.evaluation(), rule);
                row(out, r, rule, r.alertsByRule().getOrDefault(rule, 0L), r.alertsPerHomeMonth(rule), score);
            }
            row(out, r, "all", r.alerts(), r.alertsPerHomeMonth(), r.evaluation() == null ? null : r.evaluation().overall());
        }
        return out.toString();
    }

    private static void row(StringBuilder out, CandidateResult r, String rule, long alerts, double perHomeMonth, Score score) {
        out.append(csvText(r.candidate().name())).append(',').append(num(r.candidate().sweepValue())).append(',')
                .append(rule).append(',').append(alerts).append(',').append(num(perHomeMonth)).append(',');
        if (score == null) {
            out.append(",,,,,\n");
        } else {
            out.append(score.labels()).append(',').append(score.detected()).append(',').append(num(score.recall()))
                    .append(',').append(num(score.precision())).append(',').append(minutes(score.delays().median()))
                    .append(',').append(minutes(score.delays().p90())).append('\n');
        }
    }

    private static Score score(Evaluation evaluation, String rule) {
        if (evaluation == null) {
            return null;
        }
        return evaluation.byRule().stream().filter(s -> s.name().equals(rule)).findFirst().orElse(null);
    }

    static String html(List<CandidateResult> results, Sweep sweep) {
        StringBuilder h = new StringBuilder("<!doctype html><html><head><meta charset=\"utf-8\"><title>Hearth backtest</title>"
                + "<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}td,th{border:1px solid #ccc;"
                + "padding:4px 8px;text-align:right}th:first-child,td:first-child{text-align:left}</style></head><body>");
        h.append("<h1>Hearth backtest</h1><p>").append(results.size()).append(" candidate(s) over the same history. "
                + "Alerts per home per 30 days").append(results.stream().anyMatch(r -> r.evaluation() != null)
                ? "; recall, precision and delay against the labels." : " (no labels given: no recall or precision).")
                .append("</p>");
        h.append("<h2>Alerts per home per 30 days, by rule</h2>").append(barChart(results));
        if (sweep != null && results.stream().allMatch(r -> r.evaluation() != null)) {
            h.append("<h2>Sweep of ").append(esc(sweep.rule().wireName() + "." + sweep.key()))
                    .append(": alerts per home-month against recall</h2>").append(curve(results));
        }
        h.append("<h2>Summary</h2><table><tr><th>candidate</th><th>alerts</th><th>per home / 30 d</th><th>recall</th>"
                + "<th>precision</th><th>delay median</th><th>delay p90</th></tr>");
        for (CandidateResult r : results) {
            Score s = r.evaluation() == null ? null : r.evaluation().overall();
            h.append("<tr><td>").append(esc(r.candidate().name())).append("</td><td>").append(r.alerts()).append("</td><td>")
                    .append(num(r.alertsPerHomeMonth())).append("</td><td>").append(s == null ? "" : pct(s.recall()))
                    .append("</td><td>").append(s == null ? "" : pct(s.precision())).append("</td><td>")
                    .append(s == null ? "" : minutes(s.delays().median()) + " min").append("</td><td>")
                    .append(s == null ? "" : minutes(s.delays().p90()) + " min").append("</td></tr>");
        }
        h.append("</table><p>Rows per rule are in <code>backtest.csv</code>; each candidate's alerts in "
                + "<code>candidates/</code>.</p></body></html>\n");
        return h.toString();
    }

    private static final String[] COLOURS = {"#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1",
        "#ff9da7", "#9c755f", "#bab0ac"};

    static String barChart(List<CandidateResult> results) {
        List<String> rules = List.copyOf(rules(results));
        if (rules.isEmpty()) {
            return "<p>No alerts at all.</p>";
        }
        double max = 0;
        for (CandidateResult r : results) {
            for (String rule : rules) {
                double v = r.alertsPerHomeMonth(rule);
                max = Double.isFinite(v) ? Math.max(max, v) : max;
            }
        }
        max = max <= 0 ? 1 : max;
        int barW = 14;
        int groupW = results.size() * barW + 20;
        int width = 60 + rules.size() * groupW;
        int height = 260;
        StringBuilder s = new StringBuilder("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + width + "\" height=\""
                + (height + 60 + 18 * results.size()) + "\" font-size=\"11\">");
        s.append(line(50, 10, 50, height)).append(line(50, height, width, height));
        s.append(text(5, 15, num(max))).append(text(5, height, "0"));
        for (int i = 0; i < rules.size(); i++) {
            int gx = 60 + i * groupW;
            for (int c = 0; c < results.size(); c++) {
                double v = results.get(c).alertsPerHomeMonth(rules.get(i));
                double hgt = Double.isFinite(v) ? (height - 10) * v / max : 0;
                s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%.1f\" width=\"%d\" height=\"%.1f\" fill=\"%s\">"
                        + "<title>%s %s: %s</title></rect>", gx + c * barW, height - hgt, barW - 2, hgt,
                        COLOURS[c % COLOURS.length], esc(results.get(c).candidate().name()), esc(rules.get(i)), num(v)));
            }
            s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" transform=\"rotate(30 %d %d)\">%s</text>",
                    gx, height + 14, gx, height + 14, esc(rules.get(i))));
        }
        for (int c = 0; c < results.size(); c++) {
            int y = height + 50 + 18 * c;
            s.append(String.format(Locale.ROOT, "<rect x=\"60\" y=\"%d\" width=\"12\" height=\"12\" fill=\"%s\"/>", y - 10,
                    COLOURS[c % COLOURS.length])).append(text(78, y, results.get(c).candidate().name()));
        }
        return s.append("</svg>").toString();
    }

    static String curve(List<CandidateResult> results) {
        int w = 520;
        int h = 320;
        double maxX = results.stream().mapToDouble(CandidateResult::alertsPerHomeMonth).filter(Double::isFinite).max().orElse(1);
        maxX = maxX <= 0 ? 1 : maxX * 1.1;
        StringBuilder s = new StringBuilder("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + w + "\" height=\"" + h
                + "\" font-size=\"11\">");
        int left = 50;
        int bottom = h - 40;
        s.append(line(left, 10, left, bottom)).append(line(left, bottom, w - 10, bottom));
        s.append(text(5, 15, "100%")).append(text(5, bottom, "0%")).append(text(w - 80, h - 10, num(maxX)))
                .append(text(left, h - 10, "alerts per home per 30 days"));
        StringBuilder path = new StringBuilder();
        for (CandidateResult r : results) {
            double recall = r.evaluation().overall().recall();
            if (!Double.isFinite(recall) || !Double.isFinite(r.alertsPerHomeMonth())) {
                continue;
            }
            double x = left + (w - 10 - left) * r.alertsPerHomeMonth() / maxX;
            double y = bottom - (bottom - 10) * recall;
            path.append(path.length() == 0 ? "M" : " L").append(String.format(Locale.ROOT, "%.1f %.1f", x, y));
            s.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4\" fill=\"#e15759\"><title>%s: %s per home-month, recall %s</title></circle>",
                    x, y, esc(r.candidate().name()), num(r.alertsPerHomeMonth()), pct(recall)));
            s.append(text((int) x + 6, (int) y - 6, num(r.candidate().sweepValue())));
        }
        s.append("<path d=\"").append(path).append("\" fill=\"none\" stroke=\"#e15759\"/>");
        return s.append("</svg>").toString();
    }

    private static String line(int x1, int y1, int x2, int y2) {
        return "<line x1=\"" + x1 + "\" y1=\"" + y1 + "\" x2=\"" + x2 + "\" y2=\"" + y2 + "\" stroke=\"#333\"/>";
    }

    private static String text(int x, int y, String t) {
        return "<text x=\"" + x + "\" y=\"" + y + "\">" + esc(t) + "</text>";
    }

    static String num(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.2f", v) : "";
    }

    private static String pct(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.0f%%", 100 * v) : "n/a";
    }

    private static String minutes(java.time.Duration d) {
        return d == null ? "" : String.format(Locale.ROOT, "%.1f", d.toMillis() / 60_000.0);
    }

    private static String csvText(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
