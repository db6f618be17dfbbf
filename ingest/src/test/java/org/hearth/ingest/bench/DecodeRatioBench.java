package org.hearth.ingest.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;
import org.hearth.ingest.source.MqttMessage;
import org.hearth.ingest.validate.MessageIngestor;
import org.hearth.models.json.HearthJson;

/**
 * The ratio of {@link DecodeBenchmark} measured so that load from other processes cancels out:
 * reference (Jackson tree) and candidate (decode + validate) run in alternating slices of 250 ms,
 * in alternating order, and each round gives one ratio; the median over the rounds is reported with
 * its range. JMH measures one benchmark after the other, so on a machine whose load swings (a shared
 * 2-core box at load 15-20) its two scores come from different conditions; this does not.
 *
 * <p>Each slice is also timed in CPU time of the whole process (this thread, and the garbage
 * collector's threads cleaning up after it): on a shared machine at load 10-15 a 250 ms slice gets
 * a varying share of a core, and the wall-clock ratios of one run spread from 0.02 to 7, while the
 * CPU a message costs does not depend on how long the thread waited for a core. Both ratios are
 * reported; the CPU one is the load-robust figure. Each row is measured only once both loops run at
 * their steady speed ({@link #warmUp}), so the JIT's own threads are not in it either.
 *
 * <p>Arguments: {@code [rounds] [results.md]}. Same inputs as {@link DecodeBenchmark}.
 */
public final class DecodeRatioBench {

    static final long SLICE_NANOS = 250_000_000L;
    /** Warm when neither loop got faster than its best by this much ... */
    static final double PLATEAU = 0.05;
    /** ... over this many pairs of slices, */
    static final int PLATEAU_PAIRS = 4;
    /** ... and the JIT spent less than this (ms) compiling meanwhile: a stray method, not the loops. */
    static final long JIT_QUIET_MILLIS = 10;
    static final long MAX_WARM_UP_NANOS = 30_000_000_000L;
    static volatile Object sink;
    private static final java.lang.management.CompilationMXBean JIT = java.lang.management.ManagementFactory.getCompilationMXBean();
    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();

    /** Messages per second of wall-clock time and per second of the process's CPU time over one slice. */
    private record Rate(double wall, double cpu) {}

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 12;
        Path out = args.length > 1 ? Path.of(args[1]) : null;
        StringBuilder md = new StringBuilder("### Decode and normalise, interleaved (one thread; median ratio over "
                + rounds + " alternating rounds, min-max in brackets; by wall clock and by the process's CPU time)\n\n");
        md.append("| format | homes in registry | warm-up | Jackson tree (msg/s, median) | decode + validate (msg/s, median) | events/s "
                + "| ratio decode / Jackson, wall clock | ratio, CPU time |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
        ObjectMapper json = HearthJson.json();
        for (int homes : new int[] {10, 10_000}) {
            MessageIngestor ingestor = DecodeBenchmark.ingestor(homes);
            Random random = new Random(42);
            MqttMessage[] nativeMix = DecodeBenchmark.nativeMix(random, homes);
            MqttMessage[] z2mMix = DecodeBenchmark.z2mMix(random, homes);
            for (boolean z2m : new boolean[] {false, true}) {
                MqttMessage[] batch = z2m ? z2mMix : nativeMix;
                double[] ref = new double[rounds];
                double[] dec = new double[rounds];
                double[] ratio = new double[rounds];
                double[] cpuRatio = new double[rounds];
                double warmUp = warmUp(() -> treeAll(json, batch), () -> ingestAll(ingestor, batch), batch.length);
                for (int r = 0; r < rounds; r++) {
                    Rate refRate;
                    Rate decRate;
                    if (r % 2 == 0) {
                        refRate = slice(() -> treeAll(json, batch), batch.length);
                        decRate = slice(() -> ingestAll(ingestor, batch), batch.length);
                    } else {
                        decRate = slice(() -> ingestAll(ingestor, batch), batch.length);
                        refRate = slice(() -> treeAll(json, batch), batch.length);
                    }
                    ref[r] = refRate.wall();
                    dec[r] = decRate.wall();
                    ratio[r] = dec[r] / ref[r];
                    cpuRatio[r] = decRate.cpu() / refRate.cpu();
                }
                double perMessage = z2m ? DecodeBenchmark.EVENTS_PER_Z2M_MESSAGE : 1.0;
                // Still the whole decode path after all rounds (no limit began to reject them meanwhile).
                DecodeBenchmark.requireAllValid(ingestor, batch, perMessage);
                String row = String.format(Locale.ROOT, "| %s | %,d | %.0f s | %,.0f | %,.0f | %,.0f | **%.2f** [%.2f-%.2f] | **%.2f** [%.2f-%.2f] |",
                        z2m ? "Zigbee2MQTT" : "native JSON", homes, warmUp, median(ref), median(dec), median(dec) * perMessage,
                        median(ratio), Arrays.stream(ratio).min().orElseThrow(), Arrays.stream(ratio).max().orElseThrow(),
                        median(cpuRatio), Arrays.stream(cpuRatio).min().orElseThrow(), Arrays.stream(cpuRatio).max().orElseThrow());
                System.out.println(row);
                md.append(row).append('\n');
            }
        }
        System.out.println(md);
        if (out != null) {
            Files.writeString(out, md + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
    }

    private interface Work {
        void run() throws Exception;
    }

    /**
     * Runs both workloads in turn until they run at their steady speed: neither has beaten its best
     * rate (CPU time) by more than {@link #PLATEAU} in the last {@link #PLATEAU_PAIRS} pairs of slices,
     * and the JIT's compilation time grew by less than {@link #JIT_QUIET_MILLIS} over them; after at
     * least 3 s and at most {@link #MAX_WARM_UP_NANOS}. Returns the seconds it took.
     *
     * <p>Why not a fixed warm-up: on this 2-core machine under load, C2 needs 4-12 s of a loop before
     * it runs at its steady speed, and a slice measured before that compares the JIT's progress on the
     * two loops, not the code. That is what JMH's 1-second warm-up measured until 2026-12-07
     * (BENCHMARKS.md, section 1). The compilation time alone is not enough: a compilation still
     * running is not in it, so a loop can look quiet at a tenth of its speed.
     */
    private static double warmUp(Work reference, Work candidate, int batch) throws Exception {
        long start = System.nanoTime();
        double bestReference = 0;
        double bestCandidate = 0;
        int sinceBetter = 0;
        long compiled = JIT.getTotalCompilationTime();
        while (true) {
            double r = slice(reference, batch).cpu();
            double c = slice(candidate, batch).cpu();
            boolean better = r > bestReference * (1 + PLATEAU) || c > bestCandidate * (1 + PLATEAU);
            bestReference = Math.max(bestReference, r);
            bestCandidate = Math.max(bestCandidate, c);
            sinceBetter = better ? 0 : sinceBetter + 1;
            if (sinceBetter == 0) {
                compiled = JIT.getTotalCompilationTime();
            }
            long elapsed = System.nanoTime() - start;
            boolean steady = sinceBetter >= PLATEAU_PAIRS && JIT.getTotalCompilationTime() - compiled < JIT_QUIET_MILLIS;
            if ((steady && elapsed >= 3_000_000_000L) || elapsed >= MAX_WARM_UP_NANOS) {
                return elapsed / 1e9;
            }
        }
    }

    /** Messages per second over one slice of repeated batches, by wall clock and by process CPU time. */
    private static Rate slice(Work work, int batch) throws Exception {
        long start = System.nanoTime();
        long cpuStart = OS.getProcessCpuTime();
        long batches = 0;
        long now;
        do {
            work.run();
            batches++;
            now = System.nanoTime();
        } while (now - start < SLICE_NANOS);
        long cpu = OS.getProcessCpuTime() - cpuStart;
        return new Rate(batches * batch / ((now - start) / 1e9), batches * batch / (cpu / 1e9));
    }

    private static void treeAll(ObjectMapper json, MqttMessage[] batch) throws Exception {
        for (MqttMessage m : batch) {
            sink = json.readTree(m.payload());
        }
    }

    private static void ingestAll(MessageIngestor ingestor, MqttMessage[] batch) {
        for (MqttMessage m : batch) {
            sink = ingestor.ingest(m);
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
