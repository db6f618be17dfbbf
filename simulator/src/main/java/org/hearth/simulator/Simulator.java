package org.hearth.simulator;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.TreeMap;
import org.hearth.models.event.SensorEvent;
import org.hearth.models.event.SensorKind;
import org.hearth.models.json.HearthJson;
import org.hearth.models.registry.KitRegistry;
import org.hearth.simulator.anomaly.Label;
import org.hearth.simulator.calibration.KettleParameters;
import org.hearth.simulator.emit.DeliveryFaults;
import org.hearth.simulator.emit.EventBuffer;
import org.hearth.simulator.emit.FaultTally;
import org.hearth.simulator.emit.SensorEmitter;
import org.hearth.simulator.home.HomeFactory;
import org.hearth.simulator.home.SimHome;
import org.hearth.simulator.home.SimSensor;
import org.hearth.simulator.output.EventSink;
import org.hearth.simulator.output.JsonlEventSink;
import org.hearth.simulator.resident.DayPlanner;

/**
 * Runs a simulation: builds the homes, generates every home's readings a day at a time and merges
 * them into one stream in delivery order (a priority queue over the homes), so memory holds one
 * home-day per home whatever the number of days.
 */
public final class Simulator {

    private static final SensorKind[] KINDS = SensorKind.values();
    private static final int PROGRESS_STEPS = 200;

    private final Clock clock;
    private final KettleParameters kettle;

    /** @param clock used only to measure how long the run took */
    public Simulator(Clock clock) {
        this(clock, KettleParameters.committed());
    }

    public Simulator(Clock clock, KettleParameters kettle) {
        this.clock = clock;
        this.kettle = kettle;
    }

    /** The simulated homes of a run (cheap: no readings are generated). */
    public List<SimHome> homes(SimulationConfig config) {
        HomeFactory factory = new HomeFactory(config.seed(), config.hubStyle(), kettle);
        List<SimHome> homes = new ArrayList<>(config.homes());
        for (int i = 0; i < config.homes(); i++) {
            homes.add(factory.create(i));
        }
        return homes;
    }

    /** Writes {@code events.jsonl}, {@code homes.yaml}, {@code labels.jsonl} and {@code run.json} into {@code dir}. */
    public SimulationSummary writeFiles(SimulationConfig config, Path dir, ProgressListener listener) throws IOException {
        Files.createDirectories(dir);
        try (JsonlEventSink sink = new JsonlEventSink(SimulationConfig.eventsFile(dir))) {
            return run(config, sink, dir, listener);
        }
    }

    /**
     * Generates the run into {@code sink}.
     *
     * @param metaDir where to write {@code homes.yaml}, {@code labels.jsonl} and {@code run.json}, or null
     */
    public SimulationSummary run(SimulationConfig config, EventSink sink, Path metaDir, ProgressListener listener) throws IOException {
        Instant began = clock.instant();
        List<SimHome> homes = homes(config);
        if (metaDir != null) {
            Files.createDirectories(metaDir);
            writeHomes(homes, SimulationConfig.homesFile(metaDir));
        }
        long spanStart = config.start().atStartOfDay(homes.get(0).registry().zone()).toInstant().toEpochMilli();
        long spanEnd = config.start().plusDays(config.days()).atStartOfDay(homes.get(0).registry().zone()).toInstant().toEpochMilli();
        HomeStream.Generation generation = new HomeStream.Generation(config.seed(), config.start(), config.days(),
                new DayPlanner(kettle), new SensorEmitter(config.emission()), new DeliveryFaults(config.emission()), config.anomalies(),
                spanEnd);
        List<HomeStream> streams = new ArrayList<>(homes.size());
        PriorityQueue<HomeStream> queue = new PriorityQueue<>(Math.max(1, homes.size()), (a, b) -> {
            int c = Long.compare(a.peekArrival(), b.peekArrival());
            return c != 0 ? c : Integer.compare(a.home().index(), b.home().index());
        });
        for (SimHome home : homes) {
            HomeStream stream = new HomeStream(home, generation);
            streams.add(stream);
            if (stream.advance()) {
                queue.add(stream);
            }
        }
        long nextProgress = spanStart;
        long step = Math.max(1, (spanEnd - spanStart) / PROGRESS_STEPS);
        long events = 0;
        while (!queue.isEmpty()) {
            HomeStream stream = queue.poll();
            EventBuffer buffer = stream.buffer();
            int i = stream.position();
            long arrival = buffer.arrival(i);
            sink.accept(stream.home(), event(stream.home(), buffer, i, spanStart), arrival);
            events++;
            stream.skip();
            if (stream.advance()) {
                queue.add(stream);
            }
            if (arrival >= nextProgress) {
                listener.progress(Math.min(1, (arrival - spanStart) / (double) (spanEnd - spanStart)), events);
                nextProgress = arrival + step;
            }
        }
        listener.progress(1, events);

        FaultTally tally = new FaultTally();
        List<Label> labels = new ArrayList<>();
        for (HomeStream stream : streams) {
            tally.add(stream.tally());
            labels.addAll(stream.labels());
        }
        // Nothing is recorded from the run's end on, so an anomaly that would start later is not in it.
        labels.removeIf(l -> l.start().toEpochMilli() >= spanEnd);
        labels.sort(Label.ORDER);
        Map<String, Integer> byType = new TreeMap<>();
        labels.forEach(l -> byType.merge(l.type().wireName(), 1, Integer::sum));
        SimulationSummary summary = new SimulationSummary(config.homes(), config.days(), Instant.ofEpochMilli(spanStart),
                Instant.ofEpochMilli(spanEnd), events, tally.readings, tally.dropped, tally.duplicates, tally.late, tally.offline,
                byType, Duration.between(began, clock.instant()));
        if (metaDir != null) {
            writeLabels(labels, SimulationConfig.labelsFile(metaDir));
            writeRun(config, summary, SimulationConfig.runFile(metaDir));
        }
        return summary;
    }

    private static SensorEvent event(SimHome home, EventBuffer buffer, int i, long spanStart) {
        SimSensor sensor = home.sensors().get(buffer.sensor(i));
        long ts = buffer.ts(i);
        boolean hub = buffer.sensor(i) == home.hub();
        Integer battery = sensor.batteryAfter((ts - spanStart) / 86_400_000.0);
        Integer link = hub ? null : Math.max(0, Math.min(255, sensor.linkQuality() + (int) Math.floorMod(ts / 1000 * 31 + buffer.sensor(i), 21L) - 10));
        return new SensorEvent(home.id(), sensor.id(), Instant.ofEpochMilli(ts), KINDS[buffer.kind(i)], buffer.value(i), battery, link);
    }

    /** Writes {@code homes.yaml} so that {@link KitRegistry#load} reads it back. */
    public static void writeHomes(List<SimHome> homes, Path file) throws IOException {
        ObjectMapper yaml = HearthJson.yaml().copy().setSerializationInclusion(JsonInclude.Include.NON_EMPTY);
        KitRegistry registry = new KitRegistry(homes.stream().map(SimHome::registry).toList());
        try (BufferedWriter out = Files.newBufferedWriter(file)) {
            out.write("# Simulated homes (hearth simulate). Ids and initials are pseudonymous; phone numbers are\n");
            out.write("# from Ofcom's drama range +447700900000-999 and reach no one.\n");
            yaml.writeValue(out, registry);
        }
    }

    public static void writeLabels(List<Label> labels, Path file) throws IOException {
        ObjectWriter writer = HearthJson.json().writerFor(Label.class);
        try (BufferedWriter out = Files.newBufferedWriter(file)) {
            for (Label label : labels) {
                out.write(writer.writeValueAsString(label));
                out.write('\n');
            }
        }
    }

    private static void writeRun(SimulationConfig config, SimulationSummary summary, Path file) throws IOException {
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("homes", config.homes());
        run.put("days", config.days());
        run.put("seed", config.seed());
        run.put("start", summary.start());
        run.put("end", summary.end());
        run.put("events", summary.events());
        run.put("readings", summary.readings());
        run.put("dropped", summary.dropped());
        run.put("duplicates", summary.duplicates());
        run.put("late", summary.late());
        run.put("offline", summary.offline());
        run.put("labels", summary.labels());
        run.put("emission", config.emission());
        run.put("anomalies", config.anomalies());
        HearthJson.json().writerWithDefaultPrettyPrinter().writeValue(file.toFile(), run);
    }
}
