package org.hearth.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import org.hearth.installer.control.RegistryDiff;
import org.hearth.models.json.HearthJson;
import org.hearth.models.registry.KitRegistry;
import org.hearth.models.registry.RegistryLoader;
import org.hearth.simulator.SimulationConfig;
import org.hearth.simulator.Simulator;
import org.hearth.simulator.home.SimHome;

/**
 * The registry alone at N homes (issue 18), without the job around it: the parse of {@link StartBench}'s registry (copies
 * of three simulated homes, JSON), the heap the parsed registry holds, and {@code kit apply}'s diff against a changed
 * copy (a room renamed in every hundredth home, the first ten homes removed, ten added), as {@code RegistryApplier} and
 * the live job's {@code StatusFollowsRegistry} compute it. Times are the main thread's CPU and the wall clock.
 *
 * <p>{@code java -Xmx6g -cp <streaming-jobs test classpath> org.hearth.bench.RegistryBench <homes> <dir>}
 * ({@code -Dregistry.ownCarers=true}, {@code -Dregistry.yaml=true}: see {@link #write}).
 */
public final class RegistryBench {

    private RegistryBench() {}

    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(args[0]);
        Path dir = Files.createDirectories(Path.of(args[1]));
        List<SimHome> templates = new Simulator(Clock.systemUTC()).homes(SimulationConfig.of(3, 30, 11));
        Path yaml = dir.resolve("templates.yaml");
        Simulator.writeHomes(templates, yaml);
        JsonNode homes = HearthJson.yaml().readTree(Files.readString(yaml)).get("homes");
        boolean ownCarers = Boolean.getBoolean("registry.ownCarers");
        boolean yamlText = Boolean.getBoolean("registry.yaml");
        String format = yamlText ? "YAML" : "JSON";
        String kind = n + (ownCarers ? "-own-carers" : "") + (yamlText ? ".yaml" : ".json");
        Path before = dir.resolve("before-" + kind);
        Path after = dir.resolve("after-" + kind);
        if (!Files.exists(before) || !Files.exists(after)) {
            write(homes, n, before, false, ownCarers, yamlText);
            write(homes, n, after, true, ownCarers, yamlText);
        }
        System.out.println("registry: " + n + " homes in " + format + (yamlText ? " block style" : "") + ", "
                + (ownCarers ? "each home's carers and installer its own (name, phone)"
                : "copies of three homes (StartBench's registry: carers repeat)"));
        String beforeText = Files.readString(before);
        String afterText = Files.readString(after);

        long heap0 = heapAfterGc();
        long[] t = start();
        KitRegistry was = new RegistryLoader().parse(before.getFileName().toString(), beforeText);
        report("parse (" + format + ", cold)", t, n);
        long held = heapAfterGc() - heap0;
        System.out.printf(Locale.ROOT, "  heap held by the parsed registry: %,d MB (%,.0f bytes per home)%n", held >> 20, (double) held / n);
        t = start();
        KitRegistry now = new RegistryLoader().parse(after.getFileName().toString(), afterText);
        report("parse (" + format + ", the changed registry)", t, n);
        for (int round = 1; round <= 3; round++) {
            t = start();
            RegistryDiff diff = RegistryDiff.between(was, now);
            report("diff, round " + round + " (" + diff.homesAdded().size() + " added, " + diff.homesRemoved().size()
                    + " removed, " + diff.homesChanged().size() + " changed)", t, n);
        }
    }

    /**
     * {@link StartBench#writeRegistry}'s registry, streamed (a million homes' tree would not fit beside the two
     * registries); {@code changed}: with a room renamed in every hundredth home, its first ten homes gone and ten new ones
     * at its end; {@code ownCarers}: each home's carers and installer with their own name and phone, as a real fleet's
     * (the copies otherwise share their template's, which flatters the sharing of equal values); {@code yamlText}: in YAML
     * block style, as written by hand (read by SnakeYAML, not by the JSON parser).
     */
    private static void write(JsonNode templates, int n, Path file, boolean changed, boolean ownCarers, boolean yamlText)
            throws Exception {
        var json = yamlText ? HearthJson.yaml() : HearthJson.json();
        try (var out = Files.newBufferedWriter(file); var gen = json.createGenerator(out)) {
            gen.writeStartObject();
            gen.writeArrayFieldStart("homes");
            int from = changed ? 10 : 0;
            for (int i = from; i < n + from; i++) {
                ObjectNode home = ((ObjectNode) templates.get(i % templates.size())).deepCopy();
                String copy = i < n ? "c" + i / templates.size() : "new" + i;
                home.put("id", home.get("id").asText() + copy);
                ((ObjectNode) home.get("resident")).put("id", home.get("resident").get("id").asText() + copy);
                if (changed && i % 100 == 0) {
                    ((ObjectNode) home.get("sensors").get(0)).put("room", "bedroom-2");
                }
                if (ownCarers) {
                    int c = 0;
                    for (JsonNode carer : home.get("carers")) {
                        own((ObjectNode) carer, i, c++);
                    }
                    if (home.hasNonNull("installer")) {
                        own((ObjectNode) home.get("installer"), i, c);
                    }
                }
                json.writeTree(gen, home);
            }
            gen.writeEndArray();
            gen.writeEndObject();
        }
    }

    /** A contact of its own: the i-th home's c-th, by name and by a number of its own. */
    private static void own(ObjectNode contact, int i, int c) {
        contact.put("name", contact.get("name").asText() + " " + i);
        contact.put("phone", String.format(Locale.ROOT, "+44%09d%d", i, c));
    }

    private static long[] start() {
        return new long[] {System.nanoTime(), cpu()};
    }

    private static void report(String what, long[] t, int n) {
        double wall = (System.nanoTime() - t[0]) / 1e9;
        double cpu = (cpu() - t[1]) / 1e9;
        System.out.printf(Locale.ROOT, "%,d homes  %-60s wall %8.2f s  thread CPU %8.2f s  (%.2f us per home)%n", n, what, wall, cpu,
                cpu * 1e6 / n);
    }

    private static long cpu() {
        return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }

    private static long heapAfterGc() {
        System.gc();
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
