package org.hearth.replay;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.hearth.models.alert.Alert;

/**
 * What a replay produced.
 *
 * @param alerts in {@code alerts.jsonl} order
 * @param deadLetters rejected lines, as dead-letter JSON, sorted
 * @param late events behind the watermark, as JSON, sorted
 * @param events events handed to the rules
 * @param homes homes that had events
 * @param days home-days replayed (care days with events, summed over homes)
 * @param elapsed wall-clock time of the run (for the summary only)
 * @param duplicates redeliveries dropped (by ingest's de-duplicator, as live)
 */
public record ReplayResult(List<Alert> alerts, List<String> deadLetters, List<String> late,
        long events, long homes, long days, Duration elapsed, long duplicates) {

    public ReplayResult(List<Alert> alerts, List<String> deadLetters, List<String> late,
                        long events, long homes, long days, Duration elapsed) {
        this(alerts, deadLetters, late, events, homes, days, elapsed, 0);
    }

    /** The same result with {@code n} duplicates dropped. */
    public ReplayResult withDuplicates(long n) {
        return new ReplayResult(alerts, deadLetters, late, events, homes, days, elapsed, n);
    }

    /** Alerts counted per rule, rules in name order. */
    public Map<String, Long> alertsByRule() {
        return alerts.stream().collect(Collectors.groupingBy(a -> a.rule().wireName(), TreeMap::new, Collectors.counting()));
    }

    /** The one line printed at the end. */
    public String summaryLine() {
        double seconds = Math.max(elapsed.toMillis(), 1) / 1000.0;
        String byRule = alertsByRule().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(", "));
        return String.format(java.util.Locale.ROOT,
                "replay: %,d events, %d homes, %d days, %d alerts (%s), %d dead letters, %d late, %s%.1f s, %,.0f events/s",
                events, homes, days, alerts.size(), byRule.isEmpty() ? "none" : byRule, deadLetters.size(), late.size(),
                duplicates > 0 ? duplicates + " duplicates, " : "", seconds, events / seconds);
    }
}
