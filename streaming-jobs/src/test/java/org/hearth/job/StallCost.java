package org.hearth.job;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Instant;
import java.util.Random;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.hearth.ingest.control.ControlMessage;
import org.hearth.models.event.SensorEvent;
import org.hearth.models.event.SensorKind;

/**
 * Bench (BENCHMARKS.md, a spilled home's way back to the heap, review-17 F4): the detector operator on RocksDB in
 * Flink's test harness through a stall that ends. Every home reads in turn, a reading every {@code gapMs} of event
 * time in all (so a home's readings are homes x gap apart, under the 30 s of out-of-orderness); the watermark held
 * for {@code stall} readings (the heap fills to its limit, the rest spills), then 30 s behind the latest reading,
 * moved every 100 readings, for {@code after} readings. Thread CPU: per reading through the stall; of the first watermark after it (the
 * backlog handed over); from the release until no home is spilled (the reading's index, never before the way back);
 * per reading over the last two thirds of the rest (the steady state after the stall), and the homes spilled then. Only
 * the operator's methods that main had before the way back, so that main's classes can run it too.
 */
public class StallCost {

    public static void main(String[] args) throws Exception {
        int homes = Integer.parseInt(args[0]);
        int limit = Integer.parseInt(args[1]);
        int stall = Integer.parseInt(args[2]);
        int after = Integer.parseInt(args[3]);
        int gapMs = Integer.parseInt(args[4]);
        int rounds = Integer.parseInt(args[5]);
        DetectionJobConfig config = SpillCost.twoRoomHomes(homes);
        for (int r = 0; r < rounds; r++) {
            run(config, homes, limit, stall, after, gapMs, r);
        }
    }

    static void run(DetectionJobConfig config, int homes, int limit, int stall, int after, int gapMs, int round) throws Exception {
        Random random = new Random(3);
        Instant start = Instant.parse("2026-11-23T08:00:00Z");
        ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        try (var h = new KeyedBroadcastOperatorTestHarness<>(new PendingEventsOperator(new HomeDetector(config), limit),
                SensorEvent::homeId, Types.STRING, 128, 1, 0)) {
            h.setStateBackend(new EmbeddedRocksDBStateBackend());
            h.open();
            PendingEventsOperator op = (PendingEventsOperator) h.getOperator();
            for (int i = 0; i < homes; i++) { // every home seen once first (its state built), outside the measure
                h.processElement(SensorEvent.of("h" + i, "pir-kitchen", start.plusMillis(i), SensorKind.MOTION, 1), 0);
            }
            long t = start.toEpochMilli() + homes;
            h.watermark(t);
            int n = 0;
            long c0 = bean.getCurrentThreadCpuTime();
            for (; n < stall; n++) {
                t += gapMs;
                h.processElement(reading(n, homes, t, random), 0);
            }
            long c1 = bean.getCurrentThreadCpuTime();
            long spilledAtStall = op.spilledEvents();
            int spilledHomesAtStall = op.spilledHomes();
            long backlog = 0;
            int spilledAfterBacklog = 0;
            long steadyFrom = 0;
            int noneSpilledAfter = -1;
            long noneSpilledCpu = 0;
            for (int i = 0; i < after; i++, n++) {
                t += gapMs;
                h.processElement(reading(n, homes, t, random), 0);
                if (i % 100 == 0) {
                    long w0 = bean.getCurrentThreadCpuTime();
                    h.watermark(t - 30_000);
                    if (i == 0) {
                        backlog = bean.getCurrentThreadCpuTime() - w0;
                        spilledAfterBacklog = op.spilledHomes();
                    }
                }
                if (noneSpilledAfter < 0 && op.spilledHomes() == 0) {
                    noneSpilledAfter = i;
                    noneSpilledCpu = bean.getCurrentThreadCpuTime() - c1;
                }
                if (i == after / 3) {
                    steadyFrom = bean.getCurrentThreadCpuTime();
                }
            }
            long c2 = bean.getCurrentThreadCpuTime();
            int steady = after - after / 3 - 1;
            System.out.printf("round %d: stall %.1f us/reading (%d spilled, %d homes); backlog handed over %.0f ms (%d homes spilled after);"
                            + " no home spilled after %s readings (%.0f ms from the release); then %.1f us/reading (%d homes spilled at the end)%n",
                    round, (c1 - c0) / 1e3 / stall, spilledAtStall, spilledHomesAtStall, backlog / 1e6, spilledAfterBacklog,
                    noneSpilledAfter < 0 ? "never in " + after : String.valueOf(noneSpilledAfter), noneSpilledCpu / 1e6,
                    (c2 - steadyFrom) / 1e3 / steady, op.spilledHomes());
        }
    }

    private static SensorEvent reading(int n, int homes, long t, Random random) {
        return SensorEvent.of("h" + (n % homes), random.nextBoolean() ? "pir-kitchen" : "pir-bathroom", Instant.ofEpochMilli(t),
                SensorKind.MOTION, 1);
    }
}
