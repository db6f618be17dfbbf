package org.hearth.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.hearth.models.event.SensorEvent;
import org.hearth.models.json.HearthJson;
import org.hearth.models.registry.Home;
import org.hearth.models.registry.KitRegistry;
import org.hearth.models.registry.SensorRole;
import org.hearth.simulator.anomaly.AnomalyRates;
import org.hearth.simulator.emit.EmissionConfig;
import org.hearth.simulator.home.HubStyle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulatorFilesTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T12:00:00Z"), ZoneOffset.UTC);
    private final ObjectMapper json = HearthJson.json();

    @Test
    void writeFiles_writesEventsHomesAndLabelsThatReadBack(@TempDir Path dir) throws Exception {
        SimulationConfig config = SimulationConfig.of(4, 3, 7).withHubStyle(HubStyle.MIXED);

        SimulationSummary summary = new Simulator(CLOCK).writeFiles(config, dir, ProgressListener.NONE);

        KitRegistry registry = KitRegistry.load(SimulationConfig.homesFile(dir));
        assertThat(registry.homes()).extracting(Home::id).containsExactly("h1", "h2", "h3", "h4");
        Home home = registry.home("h2").orElseThrow();
        assertThat(home.sensorWithRole(SensorRole.KETTLE)).isPresent();
        assertThat(home.sensorWithRole(SensorRole.BATHROOM)).isPresent();
        assertThat(home.sensorWithRole(SensorRole.FRONT_DOOR)).isPresent();
        assertThat(home.sensorWithRole(SensorRole.HELP_BUTTON)).isPresent();
        assertThat(home.sensorWithRole(SensorRole.BED)).isPresent();
        assertThat(home.hubs()).hasSize(1);
        assertThat(registry.home("h1").orElseThrow().hubs()).isEmpty();
        assertThat(home.resident().alias()).matches("[A-Z]\\.[A-Z]\\.");
        assertThat(home.carers()).isNotEmpty().allSatisfy(c -> assertThat(c.phone()).matches("\\+447700900\\d{3}"));

        List<String> lines = Files.readAllLines(SimulationConfig.eventsFile(dir));
        assertThat(lines).hasSize((int) summary.events());
        assertThat(summary.events()).isGreaterThan(4 * 3 * 300);
        SensorEvent first = json.readValue(lines.get(0), SensorEvent.class);
        assertThat(first.homeId()).startsWith("h");
        assertThat(lines).allSatisfy(line -> assertThat(line).startsWith("{\"homeId\":\"h").endsWith("}"));
        assertThat(Files.exists(SimulationConfig.labelsFile(dir))).isTrue();
        assertThat(json.readTree(SimulationConfig.runFile(dir).toFile()).path("homes").asInt()).isEqualTo(4);
    }

    @Test
    void writeFiles_sameSeedGivesByteIdenticalFilesAndAnotherSeedDoesNot(@TempDir Path dir) throws Exception {
        SimulationConfig config = SimulationConfig.of(3, 8, 42).withAnomalies(AnomalyRates.DEFAULTS.scaled(20).withWarmupDays(2));
        Simulator simulator = new Simulator(CLOCK);
        simulator.writeFiles(config, dir.resolve("a"), ProgressListener.NONE);
        simulator.writeFiles(config, dir.resolve("b"), ProgressListener.NONE);
        simulator.writeFiles(SimulationConfig.of(3, 8, 43).withAnomalies(config.anomalies()), dir.resolve("c"), ProgressListener.NONE);

        for (String file : List.of("events.jsonl", "homes.yaml", "labels.jsonl", "run.json")) {
            assertThat(Files.readAllBytes(dir.resolve("a").resolve(file))).as(file)
                    .isEqualTo(Files.readAllBytes(dir.resolve("b").resolve(file)));
        }
        assertThat(Files.size(dir.resolve("a/labels.jsonl"))).isPositive();
        assertThat(Files.readAllBytes(dir.resolve("a/events.jsonl"))).isNotEqualTo(Files.readAllBytes(dir.resolve("c/events.jsonl")));
    }

    @Test
    void run_withoutInjectedDisorderDeliversInTimestampOrder() throws Exception {
        CollectingSink sink = new CollectingSink();
        SimulationConfig config = SimulationConfig.of(5, 4, 1).withEmission(EmissionConfig.CLEAN);

        new Simulator(CLOCK).run(config, sink, null, ProgressListener.NONE);

        List<SensorEvent> events = sink.events();
        for (int i = 1; i < events.size(); i++) {
            assertThat(events.get(i).ts()).as("line %d", i + 1).isAfterOrEqualTo(events.get(i - 1).ts());
        }
        assertThat(events).extracting(SensorEvent::homeId).contains("h1", "h5");
    }

    @Test
    void run_deliversInArrivalOrderEvenWithDisorder() throws Exception {
        CollectingSink sink = new CollectingSink();
        SimulationConfig config = SimulationConfig.of(5, 3, 1)
                .withEmission(EmissionConfig.DEFAULTS.withFaults(0.01, 0.05, 0.05, 2, 0));

        new Simulator(CLOCK).run(config, sink, null, ProgressListener.NONE);

        long outOfOrder = 0;
        for (int i = 1; i < sink.delivered.size(); i++) {
            assertThat(sink.delivered.get(i).arrival()).isGreaterThanOrEqualTo(sink.delivered.get(i - 1).arrival());
            if (sink.delivered.get(i).event().ts().isBefore(sink.delivered.get(i - 1).event().ts().minusSeconds(5))) {
                outOfOrder++;
            }
        }
        assertThat(outOfOrder).isPositive();
    }

    @Test
    void run_endsEveryHomeAtTheRunsEnd() throws Exception {
        CollectingSink sink = new CollectingSink();
        SimulationConfig config = SimulationConfig.of(6, 3, 5).withEmission(EmissionConfig.CLEAN);

        SimulationSummary summary = new Simulator(CLOCK).run(config, sink, null, ProgressListener.NONE);

        // Without the cut each home would report until its own rise the next morning, hours apart.
        java.util.Map<String, Instant> last = new java.util.TreeMap<>();
        sink.events().forEach(e -> last.merge(e.homeId(), e.ts(), (a, b) -> a.isAfter(b) ? a : b));
        assertThat(last).hasSize(6);
        assertThat(last.values()).allSatisfy(ts -> assertThat(ts)
                .isBefore(summary.end())
                .isAfterOrEqualTo(summary.end().minusSeconds(300))); // the hub reports every 5 minutes
    }

    @Test
    void run_keepsNoLabelThatStartsAfterTheRunsEnd(@TempDir Path dir) throws Exception {
        CollectingSink sink = new CollectingSink();
        // Night wandering on nearly every night: the last night is after the run's end.
        SimulationConfig config = SimulationConfig.of(10, 3, 3).withAnomalies(new AnomalyRates(0, 0, 0, 0.9, 0, 0, 0, 0, 0, 0));

        SimulationSummary summary = new Simulator(CLOCK).run(config, sink, dir, ProgressListener.NONE);

        List<String> labels = Files.readAllLines(SimulationConfig.labelsFile(dir));
        assertThat(labels).isNotEmpty().allSatisfy(line -> assertThat(
                json.readValue(line, org.hearth.simulator.anomaly.Label.class).start()).isBefore(summary.end()));
    }
}
