package org.hearth.simulator;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Objects;
import org.hearth.simulator.anomaly.AnomalyRates;
import org.hearth.simulator.emit.EmissionConfig;
import org.hearth.simulator.home.HubStyle;

/**
 * One simulation run, as {@code hearth simulate} sets it up.
 *
 * @param homes how many homes (1 or more)
 * @param days how many days from {@code start} (1 or more)
 * @param seed the same seed gives byte-identical output
 * @param start the first simulated date (local midnight in each home's zone)
 * @param hubStyle which homes get a Zigbee2MQTT hub in {@code homes.yaml}
 * @param emission sensor behaviour and radio faults
 * @param anomalies what is injected and how often
 */
public record SimulationConfig(
        int homes,
        int days,
        long seed,
        LocalDate start,
        HubStyle hubStyle,
        EmissionConfig emission,
        AnomalyRates anomalies) {

    /** Default start: a Monday, well clear of the clock changes. */
    public static final LocalDate DEFAULT_START = LocalDate.of(2026, 11, 2);

    public SimulationConfig {
        if (homes < 1) {
            throw new IllegalArgumentException("--homes must be at least 1, got " + homes);
        }
        if (days < 1) {
            throw new IllegalArgumentException("--days must be at least 1, got " + days);
        }
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(hubStyle, "hubStyle");
        Objects.requireNonNull(emission, "emission");
        Objects.requireNonNull(anomalies, "anomalies");
    }

    /** Defaults for everything but the size and the seed. */
    public static SimulationConfig of(int homes, int days, long seed) {
        return new SimulationConfig(homes, days, seed, DEFAULT_START, HubStyle.NATIVE, EmissionConfig.DEFAULTS, AnomalyRates.DEFAULTS);
    }

    public SimulationConfig withStart(LocalDate date) {
        return new SimulationConfig(homes, days, seed, date, hubStyle, emission, anomalies);
    }

    public SimulationConfig withHubStyle(HubStyle style) {
        return new SimulationConfig(homes, days, seed, start, style, emission, anomalies);
    }

    public SimulationConfig withEmission(EmissionConfig config) {
        return new SimulationConfig(homes, days, seed, start, hubStyle, config, anomalies);
    }

    public SimulationConfig withAnomalies(AnomalyRates rates) {
        return new SimulationConfig(homes, days, seed, start, hubStyle, emission, rates);
    }

    /** The files {@code --out DIR} writes. */
    public static Path eventsFile(Path dir) {
        return dir.resolve("events.jsonl");
    }

    public static Path homesFile(Path dir) {
        return dir.resolve("homes.yaml");
    }

    public static Path labelsFile(Path dir) {
        return dir.resolve("labels.jsonl");
    }

    /** The run's manifest (homes, span, seed, counts): the evaluator's denominators. */
    public static Path runFile(Path dir) {
        return dir.resolve("run.json");
    }
}
