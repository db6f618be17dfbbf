package org.hearth.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.hearth.simulator.ProgressListener;
import org.hearth.simulator.SimulationConfig;
import org.hearth.simulator.SimulationSummary;
import org.hearth.simulator.Simulator;
import org.hearth.simulator.anomaly.AnomalyRates;
import org.hearth.simulator.home.HubStyle;
import org.hearth.simulator.output.AsyncPahoPublisher;
import org.hearth.simulator.output.MqttEventSink;
import org.hearth.simulator.output.Pacer;
import org.hearth.simulator.output.Sleeper;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code hearth simulate --homes N --days D [--seed S] --out DIR [--mqtt URL --speed X]}: synthetic
 * homes with ground truth, written to files or published live. The work is in the simulator module.
 */
@Command(name = "simulate", description = "Simulate homes and residents with injected anomalies: events.jsonl, homes.yaml and "
        + "labels.jsonl in --out DIR, or published live with --mqtt.")
public final class SimulateCommand implements Callable<Integer> {

    @Option(names = "--homes", required = true, description = "how many homes (1 or more)")
    int homes;

    @Option(names = "--days", required = true, description = "how many days (1 or more)")
    int days;

    @Option(names = "--seed", defaultValue = "1", description = "the same seed gives byte-identical files (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--out", description = "directory for events.jsonl, homes.yaml, labels.jsonl and run.json; with --mqtt, "
            + "only homes.yaml, labels.jsonl and run.json are written")
    Path out;

    @Option(names = "--mqtt", description = "publish live to this broker instead, e.g. tcp://localhost:1883")
    String mqtt;

    @Option(names = "--speed", defaultValue = "1", description = "with --mqtt: 1 = real time, 60 = an hour a minute, max = no pacing (default ${DEFAULT-VALUE})")
    String speed;

    @Option(names = "--start", description = "first simulated date, e.g. 2026-11-02 (the default)")
    LocalDate start;

    @Option(names = "--kit", defaultValue = "native", description = "hubs in homes.yaml and on MQTT: native, zigbee2mqtt or mixed (default ${DEFAULT-VALUE})")
    String kit;

    @Option(names = "--anomaly-scale", defaultValue = "1", description = "multiply every anomaly rate (default ${DEFAULT-VALUE})")
    double anomalyScale;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (this.out == null && mqtt == null) {
            throw new UserError("say where the simulation goes: --out DIR, or --mqtt URL");
        }
        HubStyle style = switch (kit.toLowerCase(Locale.ROOT)) {
            case "native" -> HubStyle.NATIVE;
            case "zigbee2mqtt" -> HubStyle.ZIGBEE2MQTT;
            case "mixed" -> HubStyle.MIXED;
            default -> throw new UserError("--kit must be native, zigbee2mqtt or mixed, not '" + kit + "'");
        };
        if (!(anomalyScale >= 0)) {
            throw new UserError("--anomaly-scale must be 0 or more, not " + anomalyScale);
        }
        SimulationConfig config = SimulationConfig.of(homes, days, seed)
                .withStart(start == null ? SimulationConfig.DEFAULT_START : start)
                .withHubStyle(style)
                .withAnomalies(AnomalyRates.DEFAULTS.scaled(anomalyScale));
        Simulator simulator = new Simulator(Clock.systemUTC());
        ProgressListener progress = progress(err);
        SimulationSummary summary;
        if (mqtt == null) {
            summary = simulator.writeFiles(config, this.out, progress);
        } else {
            double pace = speed.equalsIgnoreCase("max") ? Double.POSITIVE_INFINITY : parseSpeed(speed);
            // Up to 500 readings awaiting their PUBACK, fewer when the broker allows fewer (AsyncPahoPublisher).
            try (MqttEventSink sink = new MqttEventSink(new AsyncPahoPublisher(mqtt, "hearth-simulate-" + seed, 500),
                    new Pacer(Clock.systemUTC(), Sleeper.SYSTEM, pace))) {
                summary = simulator.run(config, sink, this.out, progress);
            }
        }
        out.println("hearth simulate: " + summary.oneLine() + (mqtt == null ? " -> " + this.out : " -> " + mqtt));
        return 0;
    }

    private static double parseSpeed(String text) {
        try {
            double v = Double.parseDouble(text);
            if (v > 0 && !Double.isNaN(v)) {
                return v;
            }
        } catch (NumberFormatException e) {
            // fall through to the message below
        }
        throw new UserError("--speed must be a positive number (1 = real time) or max, not '" + text + "'");
    }

    /** A line on stderr every 10% of simulated time. */
    private static ProgressListener progress(PrintWriter err) {
        int[] lastDecile = {0};
        return (fraction, events) -> {
            int decile = (int) Math.floor(fraction * 10);
            if (decile > lastDecile[0] && decile < 10) {
                lastDecile[0] = decile;
                err.printf(Locale.ROOT, "simulate: %d%% of simulated time, %,d events%n", decile * 10, events);
            }
        };
    }
}
