package org.hearth.bench;

import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.hearth.ingest.decode.RoutingTable;
import org.hearth.ingest.decode.RoutingTables;
import org.hearth.models.json.HearthJson;
import org.hearth.models.registry.KitRegistry;
import org.hearth.models.registry.RegistryLoader;
import org.hearth.simulator.SimulationConfig;
import org.hearth.simulator.Simulator;

/**
 * Ingest's routing table at N homes (issue 18): the heap one table holds, and what a registry change costs the live job
 * when each function builds its own table ({@code RoutingTable.of}, as before) against one shared per registry
 * ({@code RoutingTables.of}). At a change every function that follows the control topic checks the new registry's table
 * ({@code ConfigState.apply}: the decoder, the detector, the lifecycle, status: 4 per parallel instance) and each
 * decoder subtask then builds the table it routes with: 5 builds per instance, the decoders' P tables held after.
 * Registry as {@link StartBench}'s (copies of three simulated homes, JSON). Main thread's CPU and allocated bytes.
 *
 * <p>{@code java -Xmx6g -cp <streaming-jobs test classpath> org.hearth.bench.RoutingTablesBench <homes> <dir> [P]}
 */
public final class RoutingTablesBench {

    private static final int FOLLOWERS = 4;

    private RoutingTablesBench() {}

    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(args[0]);
        Path dir = Files.createDirectories(Path.of(args[1]));
        int parallelism = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        Path file = dir.resolve("homes-" + n + ".json");
        if (!Files.exists(file)) {
            Path yaml = dir.resolve("templates.yaml");
            Simulator.writeHomes(new Simulator(Clock.systemUTC()).homes(SimulationConfig.of(3, 30, 11)), yaml);
            StartBench.writeRegistry(HearthJson.yaml().readTree(Files.readString(yaml)).get("homes"), n, file);
        }
        KitRegistry parsed = new RegistryLoader().parse(file.getFileName().toString(), Files.readString(file));

        long heap0 = heapAfterGc();
        RoutingTable one = RoutingTable.of(parsed);
        long held = heapAfterGc() - heap0;
        Reference.reachabilityFence(one);
        one = null;
        System.out.printf(Locale.ROOT, "%,d homes: heap held by one routing table %,d MB (%,.0f bytes per home)%n",
                n, held >> 20, (double) held / n);

        for (int round = 1; round <= 3; round++) {
            for (boolean shared : new boolean[] {false, true}) {
                // A changed registry: a new instance, as the control topic's parse gives every function.
                KitRegistry changed = new KitRegistry(parsed.homes());
                // The previous round's shared table is let go at the next look-up once its registry is collected.
                heapAfterGc();
                RoutingTables.of(new KitRegistry(List.of()));
                long before = heapAfterGc();
                long cpu0 = cpu();
                long alloc0 = allocated();
                List<RoutingTable> decoders = new ArrayList<>();
                for (int instance = 0; instance < parallelism; instance++) {
                    for (int f = 0; f < FOLLOWERS; f++) {
                        build(changed, shared); // ConfigState.apply's check, dropped
                    }
                    decoders.add(build(changed, shared)); // the decoder's table, kept
                }
                double cpu = (cpu() - cpu0) / 1e9;
                long alloc = allocated() - alloc0;
                long kept = heapAfterGc() - before;
                System.out.printf(Locale.ROOT, "round %d, p=%d, %-38s %2d builds asked: thread CPU %6.2f s, allocated %,6d MB, "
                                + "held after (the decoders' tables) %,5d MB (%,.0f bytes per home)%n", round, parallelism,
                        shared ? "one table per registry (RoutingTables)" : "each its own (RoutingTable.of)",
                        parallelism * (FOLLOWERS + 1), cpu, alloc >> 20, kept >> 20, (double) kept / n);
                Reference.reachabilityFence(decoders);
                Reference.reachabilityFence(changed);
            }
        }
    }

    private static RoutingTable build(KitRegistry registry, boolean shared) {
        return shared ? RoutingTables.of(registry) : RoutingTable.of(registry);
    }

    private static long cpu() {
        return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }

    private static long allocated() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }

    private static long heapAfterGc() {
        System.gc();
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
