package org.hearth.simulator.evaluate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.hearth.models.json.HearthJson;
import org.hearth.simulator.emergency.RecordingMeta;

/**
 * Writes the judgement of a real recording for an analyst: {@code summary.json} (every figure,
 * score.py's line included), {@code rules.csv}, {@code emergencies.csv} (each label: found, delay,
 * first rule, local start), {@code false-alerts.csv} (each false alert with its local time) and
 * {@code report.html} (self-contained: inline SVG charts, no scripts, no external files).
 */
public final class RecordingReport {

    private static final int WIDTH = 680;
    private static final int LEFT = 150;
    private static final int BAR = 20;

    private RecordingReport() {}

    /** @param zones each home's time zone (local times in the files); a home without one is shown in UTC */
    public static void write(RecordingScore score, RecordingMeta meta, Map<String, ZoneId> zones, Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("summary.json"), summary(score, meta), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("rules.csv"), rulesCsv(score), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("emergencies.csv"), emergenciesCsv(score, zones), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("false-alerts.csv"), falseCsv(score, zones), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("report.html"), html(score, meta, zones), StandardCharsets.UTF_8);
    }

    static String summary(RecordingScore s, RecordingMeta meta) throws IOException {
        ObjectMapper json = HearthJson.json();
        ObjectNode n = json.createObjectNode();
        n.put("homes", meta.homes()).put("days", meta.days()).put("learnDays", meta.learn()).put("outages", meta.outages().size())
                .put("judgedDays", round(s.judgedDays(), 2)).put("falseCountedFrom", s.evalFrom().toString());
        if (meta.insertion() != null) {
            n.set("insertion", meta.insertion());
        }
        RecordingScore.Found f = s.found();
        n.put("labels", s.labels()).put("found", f.count()).put("foundWithinHour", f.withinHour())
                .put("recall", round(s.recall(), 3)).put("recallWithinHour", round(s.recallWithinHour(), 3));
        if (f.medianMinutes() != null) {
            n.put("medianDelayMinutes", round(f.medianMinutes(), 1));
        } else {
            n.putNull("medianDelayMinutes");
        }
        n.put("falseAlerts", s.falseAlerts().size()).put("falsePer30Days", round(s.falsePer30Days(), 2)).put("alerts", s.alerts());
        ArrayNode rules = n.putArray("byRule");
        for (RecordingScore.RuleScore r : s.byRule()) {
            ObjectNode o = rules.addObject().put("rule", r.rule()).put("alerts", r.alerts()).put("labels", r.labels())
                    .put("found", r.found().count()).put("foundWithinHour", r.found().withinHour());
            if (r.found().medianMinutes() != null) {
                o.put("medianDelayMinutes", round(r.found().medianMinutes(), 1));
            } else {
                o.putNull("medianDelayMinutes");
            }
            o.put("falseAlerts", r.falseAlerts()).put("falsePer30Days", round(r.falsePer30Days(), 2));
        }
        n.set("scorePy", json.readTree(s.scorePyJson()));
        return json.writerWithDefaultPrettyPrinter().writeValueAsString(n) + "\n";
    }

    static String rulesCsv(RecordingScore s) {
        StringBuilder csv = new StringBuilder("rule,alerts,labels,found,found_within_1h,median_delay_min,false_alerts,false_per_30d\n");
        for (RecordingScore.RuleScore r : s.byRule()) {
            csv.append(r.rule()).append(',').append(r.alerts()).append(',').append(r.labels()).append(',').append(r.found().count())
                    .append(',').append(r.found().withinHour()).append(',').append(num(r.found().medianMinutes(), 1)).append(',')
                    .append(r.falseAlerts()).append(',').append(num(r.falsePer30Days(), 2)).append('\n');
        }
        return csv.toString();
    }

    static String emergenciesCsv(RecordingScore s, Map<String, ZoneId> zones) {
        StringBuilder csv = new StringBuilder("home,type,start,end,start_local,found,delay_min,first_rule,first_alert_at\n");
        for (RecordingScore.Outcome o : s.outcomes()) {
            csv.append(o.label().homeId()).append(',').append(o.label().type()).append(',').append(o.label().start()).append(',')
                    .append(o.label().end()).append(',').append(local(o.label().start(), zone(zones, o.label().homeId()))).append(',')
                    .append(o.found()).append(',').append(num(o.delayMinutes(), 1)).append(',')
                    .append(o.found() ? o.firstRule() : "").append(',').append(o.found() ? o.firstAt().toString() : "").append('\n');
        }
        return csv.toString();
    }

    static String falseCsv(RecordingScore s, Map<String, ZoneId> zones) {
        StringBuilder csv = new StringBuilder("home,rule,at,at_local\n");
        for (RecordingJudge.JudgedAlert a : s.falseAlerts()) {
            csv.append(a.homeId()).append(',').append(a.rule()).append(',').append(a.at()).append(',')
                    .append(local(a.at(), zone(zones, a.homeId()))).append('\n');
        }
        return csv.toString();
    }

    static String html(RecordingScore s, RecordingMeta meta, Map<String, ZoneId> zones) {
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Hearth: emergencies in a real recording</title>\n<style>")
                .append("body{font-family:system-ui,sans-serif;margin:2em;max-width:62em;color:#222}")
                .append("table{border-collapse:collapse;margin:1em 0}th,td{padding:.3em .7em;border-bottom:1px solid #ddd;text-align:right}")
                .append("th:first-child,td:first-child{text-align:left}.muted{color:#777}.big{font-size:1.3em}")
                .append("</style></head><body>\n<h1>Inserted emergencies in a real recording</h1>\n");
        RecordingScore.Found f = s.found();
        h.append("<p class=\"big\">Found <b>").append(f.count()).append(" of ").append(s.labels()).append("</b> (")
                .append(RecordingScore.percent(s.recall())).append(") within 3 h, <b>").append(RecordingScore.percent(s.recallWithinHour()))
                .append("</b> within 1 h, median delay <b>").append(RecordingScore.minutes(f.medianMinutes())).append("</b> &middot; <b>")
                .append(String.format(Locale.ROOT, "%.1f", s.falsePer30Days())).append("</b> false alerts per 30 days (")
                .append(s.falseAlerts().size()).append(" in ").append(String.format(Locale.ROOT, "%.1f", s.judgedDays()))
                .append(" judged home-days)</p>\n");
        h.append("<p class=\"muted\">").append(meta.homes()).append(" home(s), ").append(meta.days()).append(" days, the first ")
                .append(meta.learn()).append(" for learning; ").append(meta.outages().size())
                .append(" outage(s) of the recording itself not judged. ");
        if (meta.insertion() != null) {
            h.append("Inserted: ").append(esc(meta.insertion().toString())).append(". ");
        }
        h.append("Judged as <code>score.py</code> does: an emergency is found by any behavioural alert from 5 minutes before ")
                .append("its start to 3 hours after; an alert is false when behavioural, after learning, not from one hour before ")
                .append("to twelve after an emergency, and not in an outage or the hour after.</p>\n");

        h.append("<h2>How fast emergencies were found</h2>\n").append(foundCurve(s));
        h.append(bars("Emergencies found within 3 h, by rule (its own first alert)", s.byRule().stream()
                .filter(r -> r.labels() > 0 && !RecordingJudge.SYSTEM.contains(r.rule()))
                .map(r -> new Bar(r.rule(), r.labels() == 0 ? 0 : (double) r.found().count() / r.labels(),
                        r.found().count() + "/" + r.labels() + ", median " + RecordingScore.minutes(r.found().medianMinutes())))
                .toList(), 1.0, "#2a7"));
        h.append("<h2>False alerts</h2>\n");
        h.append(bars("False alerts per 30 days, by rule", s.byRule().stream().filter(r -> r.falseAlerts() > 0)
                .map(r -> new Bar(r.rule(), r.falsePer30Days(), String.format(Locale.ROOT, "%.2f (%d)", r.falsePer30Days(),
                        r.falseAlerts()))).toList(), 0, "#c44"));
        h.append(hourChart(s, zones));
        h.append(table(s));
        h.append("<p class=\"muted\">Files: summary.json, rules.csv, emergencies.csv, false-alerts.csv.</p>\n</body></html>\n");
        return h.toString();
    }

    private record Bar(String name, double value, String text) {}

    private static String bars(String title, List<Bar> bars, double fixedMax, String colour) {
        if (bars.isEmpty()) {
            return "<p class=\"muted\">" + esc(title) + ": none.</p>\n";
        }
        double max = fixedMax > 0 ? fixedMax : bars.stream().mapToDouble(Bar::value).filter(Double::isFinite).max().orElse(1);
        max = max <= 0 ? 1 : max;
        int space = WIDTH - LEFT - 170;
        StringBuilder svg = svgStart(title, 30 + bars.size() * (BAR + 6));
        for (int i = 0; i < bars.size(); i++) {
            Bar b = bars.get(i);
            int y = 28 + i * (BAR + 6);
            int w = (int) Math.round(space * Math.min(1, Math.max(0, Double.isFinite(b.value()) ? b.value() / max : 0)));
            svg.append(text(LEFT - 6, y + 14, "end", b.name()))
                    .append(rect(LEFT, y, space, BAR, "#eee")).append(rect(LEFT, y, w, BAR, colour))
                    .append(text(LEFT + space + 6, y + 14, "start", b.text()));
        }
        return svg.append("</svg></figure>\n").toString();
    }

    /** Share of emergencies found by each delay from 0 to 3 h: a step line, with the 1 h mark. */
    private static String foundCurve(RecordingScore s) {
        int w = WIDTH - 80;
        int height = 200;
        int x0 = 50;
        int y0 = 30;
        int plotH = height - 60;
        StringBuilder svg = svgStart("Share of emergencies found, by delay (minutes after the start)", height);
        svg.append("<line x1=\"").append(x0).append("\" y1=\"").append(y0 + plotH).append("\" x2=\"").append(x0 + w)
                .append("\" y2=\"").append(y0 + plotH).append("\" stroke=\"#999\"/>");
        for (int m = 0; m <= 180; m += 30) {
            int x = x0 + w * m / 180;
            svg.append("<line x1=\"").append(x).append("\" y1=\"").append(y0).append("\" x2=\"").append(x).append("\" y2=\"")
                    .append(y0 + plotH).append("\" stroke=\"").append(m == 60 ? "#e93" : "#eee").append("\"/>")
                    .append(text(x, y0 + plotH + 14, "middle", m + "m"));
        }
        for (int p = 0; p <= 100; p += 25) {
            int y = y0 + plotH - plotH * p / 100;
            svg.append(text(x0 - 4, y + 4, "end", p + "%"));
        }
        List<Double> delays = new ArrayList<>(s.outcomes().stream().filter(RecordingScore.Outcome::found)
                .map(o -> Math.max(0, o.delayMinutes())).sorted().toList());
        int n = Math.max(1, s.labels());
        StringBuilder path = new StringBuilder("M").append(x0).append(',').append(y0 + plotH);
        int k = 0;
        for (double d : delays) {
            int x = x0 + (int) Math.round(w * Math.min(180, d) / 180);
            path.append(" L").append(x).append(',').append(y0 + plotH - plotH * k / n);
            k++;
            path.append(" L").append(x).append(',').append(y0 + plotH - plotH * k / n);
        }
        path.append(" L").append(x0 + w).append(',').append(y0 + plotH - plotH * k / n);
        svg.append("<path d=\"").append(path).append("\" fill=\"none\" stroke=\"#2a7\" stroke-width=\"2\"/>");
        return svg.append("</svg></figure>\n").toString();
    }

    /** False alerts by the local hour they were raised at: habits that a rule mistakes for trouble show as a cluster. */
    private static String hourChart(RecordingScore s, Map<String, ZoneId> zones) {
        int[] hours = new int[24];
        s.falseAlerts().forEach(a -> hours[a.at().atZone(zone(zones, a.homeId())).getHour()]++);
        int max = 1;
        for (int c : hours) {
            max = Math.max(max, c);
        }
        int height = 170;
        int x0 = 40;
        int plotH = 110;
        int bw = (WIDTH - 60) / 24;
        StringBuilder svg = svgStart("False alerts by local hour of day", height);
        for (int hr = 0; hr < 24; hr++) {
            int bh = plotH * hours[hr] / max;
            int x = x0 + hr * bw;
            svg.append(rect(x, 30 + plotH - bh, bw - 2, bh, "#c44"));
            if (hours[hr] > 0) {
                svg.append(text(x + bw / 2, 26 + plotH - bh, "middle", Integer.toString(hours[hr])));
            }
            if (hr % 3 == 0) {
                svg.append(text(x + bw / 2, 30 + plotH + 14, "middle", String.format(Locale.ROOT, "%02d", hr)));
            }
        }
        return svg.append("</svg></figure>\n").toString();
    }

    private static String table(RecordingScore s) {
        StringBuilder t = new StringBuilder("<table><tr><th>rule</th><th>alerts</th><th>found</th><th>within 1 h</th>")
                .append("<th>median delay</th><th>false</th><th>false / 30 d</th></tr>\n");
        for (RecordingScore.RuleScore r : s.byRule()) {
            t.append("<tr><td>").append(esc(r.rule())).append("</td><td>").append(r.alerts()).append("</td><td>")
                    .append(r.found().count()).append('/').append(r.labels()).append("</td><td>").append(r.found().withinHour())
                    .append("</td><td>").append(RecordingScore.minutes(r.found().medianMinutes())).append("</td><td>")
                    .append(r.falseAlerts()).append("</td><td>").append(String.format(Locale.ROOT, "%.2f", r.falsePer30Days()))
                    .append("</td></tr>\n");
        }
        return t.append("</table>\n").toString();
    }

    private static StringBuilder svgStart(String title, int height) {
        return new StringBuilder("<figure><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + WIDTH + "\" height=\"" + height
                + "\" role=\"img\" aria-label=\"" + esc(title) + "\"><text x=\"0\" y=\"16\" font-size=\"14\" font-weight=\"bold\">"
                + esc(title) + "</text>");
    }

    private static String rect(int x, int y, int w, int h, String fill) {
        return "<rect x=\"" + x + "\" y=\"" + y + "\" width=\"" + Math.max(0, w) + "\" height=\"" + Math.max(0, h) + "\" fill=\"" + fill + "\"/>";
    }

    private static String text(int x, int y, String anchor, String s) {
        return "<text x=\"" + x + "\" y=\"" + y + "\" font-size=\"12\" text-anchor=\"" + anchor + "\">" + esc(s) + "</text>";
    }

    private static ZoneId zone(Map<String, ZoneId> zones, String home) {
        return zones.getOrDefault(home, ZoneId.of("UTC"));
    }

    private static String local(Instant t, ZoneId zone) {
        return t.atZone(zone).toLocalDateTime().withNano(0).toString();
    }

    private static String num(Double v, int digits) {
        return v == null || !Double.isFinite(v) ? "" : String.format(Locale.ROOT, "%." + digits + "f", v);
    }

    private static double round(double v, int digits) {
        return Double.isFinite(v) ? Math.round(v * Math.pow(10, digits)) / Math.pow(10, digits) : 0;
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
