package org.hearth.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.hearth.models.event.SensorEvent;
import org.hearth.models.json.HearthJson;
import org.hearth.models.rules.DetectionSettings;
import org.hearth.models.rules.HomeRules;
import org.hearth.models.rules.HomeRulesState;
import org.hearth.simulator.SimulationConfig;
import org.hearth.simulator.Simulator;
import org.hearth.simulator.home.SimHome;
import org.hearth.simulator.output.EventSink;

/**
 * What one keyed-state access costs at steady state, as on RocksDB (every timer): read a resident's
 * rule state after {@code days} simulated days from its Hearth JSON form, make the rules use it
 * ({@code nextDeadline}, which rebuilds the learned rules' live objects), write it back. Reference
 * in the same run: Jackson parsing the same simulation's events from their JSON lines (the floor
 * of any replay), so the figure reads "one state access costs as much as parsing N events".
 *
 * <p>Uses only API that also existed before the tracker codec (Hearth JSON of {@link HomeRulesState}),
 * so the same class, compiled against an older tree, measures the older state in the same session.
 * Not a test. Arguments: {@code [homes] [days] [results.md]}.
 */
public final class StateAccessBench {

    public static void main(String[] args) throws Exception {
        int homeCount = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int days = args.length > 1 ? Integer.parseInt(args[1]) : 28;
        Path out = args.length > 2 ? Path.of(args[2]) : null;
        ObjectMapper json = HearthJson.json();

        SimulationConfig config = SimulationConfig.of(homeCount, days, 11);
        Simulator simulator = new Simulator(Clock.systemUTC());
        List<SimHome> homes = simulator.homes(config);
        Path yaml = Files.createTempFile("hearth-access-homes", ".yaml");
        Simulator.writeHomes(homes, yaml);
        DetectionSettings settings = DetectionSettings.parse(Files.readString(yaml), null);
        Files.delete(yaml);
        Map<String, HomeRules> rules = new HashMap<>();
        Map<String, HomeRulesState> states = new HashMap<>();
        homes.forEach(h -> {
            rules.put(h.id(), settings.rules(h.id()).orElseThrow());
            states.put(h.id(), new HomeRulesState());
        });
        List<byte[]> eventLines = new ArrayList<>();
        long[] lastAdvance = {Long.MIN_VALUE};
        simulator.run(config, new EventSink() {
            @Override
            public void accept(SimHome home, SensorEvent event, long arrivalMs) {
                if (arrivalMs - lastAdvance[0] >= 60_000) { // the watermark moves every simulated minute
                    lastAdvance[0] = arrivalMs;
                    Instant mark = Instant.ofEpochMilli(arrivalMs).minus(Duration.ofMinutes(5));
                    states.forEach((id, s) -> rules.get(id).advanceTo(s, mark));
                }
                HomeRules r = rules.get(home.id());
                HomeRulesState s = states.get(home.id());
                r.enterCareDay(s, event.ts());
                r.onEvent(s, event);
                if (eventLines.size() < 5_000) {
                    try {
                        eventLines.add(json.writeValueAsBytes(event));
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }
            }

            @Override
            public void close() {}
        }, null, (f, n) -> {});

        // Candidate and reference alternate (per home, per round), so that a load swing on this shared
        // machine hits both: the ratio is taken per pair and the median reported.
        int accesses = Integer.getInteger("bench.accesses", 50);
        long bytes = 0;
        List<double[]> pairs = new ArrayList<>(); // {access µs, event parse µs}
        for (int round = 0; round < 4; round++) { // the first round warms the JIT up
            pairs.clear();
            bytes = 0;
            for (SimHome h : homes) {
                byte[] stored = json.writeValueAsBytes(states.get(h.id()));
                bytes += stored.length;
                long t0 = System.nanoTime();
                for (int i = 0; i < accesses; i++) {
                    HomeRulesState read = json.readValue(stored, HomeRulesState.class);
                    rules.get(h.id()).nextDeadline(read);
                    stored = json.writeValueAsBytes(read);
                }
                double access = (System.nanoTime() - t0) / 1e3 / accesses;
                t0 = System.nanoTime();
                for (byte[] line : eventLines) {
                    json.readValue(line, SensorEvent.class);
                }
                pairs.add(new double[] {access, (System.nanoTime() - t0) / 1e3 / eventLines.size()});
            }
        }
        double[] ratios = pairs.stream().mapToDouble(p -> p[0] / p[1]).sorted().toArray();
        double[] access = pairs.stream().mapToDouble(p -> p[0]).sorted().toArray();
        double[] parse = pairs.stream().mapToDouble(p -> p[1]).sorted().toArray();
        String row = String.format(Locale.ROOT, "| %d | %,d | %,.0f | %.2f | **%,.0f** [%,.0f-%,.0f] |", days, bytes / homes.size(),
                access[access.length / 2], parse[parse.length / 2], ratios[ratios.length / 2], ratios[0], ratios[ratios.length - 1]);
        String md = String.format(Locale.ROOT, "### One keyed-state access at steady state (%d simulated homes, Hearth JSON)%n%n", homeCount)
                + "| days | rule state (bytes, mean) | read + use + write (µs, median) | Jackson parse of one event (µs, median) "
                + "| ratio access / event parse (median [range]) |\n|---:|---:|---:|---:|---:|\n" + row + "\n";
        System.out.println(md + "\nload average " + Arrays.toString(Files.readString(Path.of("/proc/loadavg")).split(" ", 4)));
        if (out != null) {
            Files.writeString(out, md + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
        System.exit(0);
    }
}
