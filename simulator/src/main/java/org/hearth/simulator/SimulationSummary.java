package org.hearth.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * What a run produced.
 *
 * @param homes homes simulated
 * @param days days simulated
 * @param start start of the simulated span
 * @param end end of the simulated span
 * @param events lines delivered (duplicates included)
 * @param readings readings sensors produced while online
 * @param dropped readings lost on the radio
 * @param duplicates extra copies delivered
 * @param late readings delivered out of order
 * @param offline readings not produced because a sensor or hub was offline
 * @param labels labels by type wire name
 * @param elapsed wall time the run took (measured with the injected clock)
 */
public record SimulationSummary(
        int homes,
        int days,
        Instant start,
        Instant end,
        long events,
        long readings,
        long dropped,
        long duplicates,
        long late,
        long offline,
        Map<String, Integer> labels,
        Duration elapsed) {

    public double eventsPerSecond() {
        return events / Math.max(1e-9, elapsed.toNanos() / 1e9);
    }

    public double homeDaysPerSecond() {
        return (double) homes * days / Math.max(1e-9, elapsed.toNanos() / 1e9);
    }

    /** The one-line summary {@code hearth simulate} prints. */
    public String oneLine() {
        int labelCount = labels.values().stream().mapToInt(Integer::intValue).sum();
        return String.format(java.util.Locale.ROOT,
                "simulated %d homes x %d days: %d events (%d dropped, %d duplicated, %d late), %d labels, in %.1f s (%.0f events/s, %.0f home-days/s)",
                homes, days, events, dropped, duplicates, late, labelCount, elapsed.toNanos() / 1e9, eventsPerSecond(), homeDaysPerSecond());
    }
}
