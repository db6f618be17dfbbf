package org.hearth.job;

import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.Random;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.hearth.ingest.control.ControlMessage;
import org.hearth.models.event.SensorEvent;
import org.hearth.models.event.SensorKind;

/** Bench (BENCHMARKS.md, the bound on the waiting events): the detector operator's CPU per reading through a stall and its release, all on the heap against nearly all spilled (RocksDB). */
public class SpillCost {
    public static void main(String[] args) throws Exception {
        int homes = Integer.parseInt(args[0]);
        int events = Integer.parseInt(args[1]);
        int rounds = Integer.parseInt(args[2]);
        DetectionJobConfig config = SpillCost.twoRoomHomes(homes);
        for (int r = 0; r < rounds; r++) {
            for (int limit : new int[] {Integer.MAX_VALUE, homes}) {
                double[] us = run(config, homes, events, limit);
                System.out.printf("round %d limit %s: %.1f us CPU per event (%.1f arriving, %.1f handed over), %d decisions%n", r,
                        limit == Integer.MAX_VALUE ? "none" : String.valueOf(limit), us[0] + us[1], us[0], us[1], (long) us[2]);
            }
        }
    }

    static double[] run(DetectionJobConfig config, int homes, int events, int limit) throws Exception {
        Random random = new Random(3);
        Instant start = Instant.parse("2026-11-23T08:00:00Z");
        try (var h = new KeyedBroadcastOperatorTestHarness<>(new PendingEventsOperator(new HomeDetector(config), limit),
                SensorEvent::homeId, Types.STRING, 128, 1, 0)) {
            h.setStateBackend(new EmbeddedRocksDBStateBackend());
            h.open();
            // every home seen once first (its state built), outside the measure
            for (int i = 0; i < homes; i++) {
                h.processElement(SensorEvent.of("h" + i, "pir-kitchen", start.plusMillis(i), SensorKind.MOTION, 1), 0);
            }
            h.watermark(start.toEpochMilli() + homes);
            long t = start.toEpochMilli() + homes + 1;
            var bean = ManagementFactory.getThreadMXBean();
            long c0 = bean.getCurrentThreadCpuTime();
            for (int i = 0; i < events; i++) {
                t += random.nextInt(60);
                h.processElement(SensorEvent.of("h" + random.nextInt(homes), random.nextBoolean() ? "pir-kitchen" : "pir-bathroom",
                        Instant.ofEpochMilli(t), SensorKind.MOTION, 1), 0);
            }
            long c1 = bean.getCurrentThreadCpuTime();
            h.watermark(t);
            long c2 = bean.getCurrentThreadCpuTime();
            if (limit < Integer.MAX_VALUE && ((PendingEventsOperator) h.getOperator()).spilledEvents() != 0) {
                throw new IllegalStateException("spilled events left");
            }
            return new double[] {(c1 - c0) / 1e3 / events, (c2 - c1) / 1e3 / events, h.extractOutputValues().size()};
        }
    }

    /** A registry of {@code homes} homes h0, h1, ... with a kitchen and a bathroom motion sensor each (also {@link StallCost}'s). */
    static DetectionJobConfig twoRoomHomes(int homes) {
        StringBuilder yaml = new StringBuilder("homes:\n");
        for (int i = 0; i < homes; i++) {
            yaml.append("  - id: h").append(i).append("\n    timezone: Europe/London\n    resident: {id: r").append(i)
                    .append(", alias: \"R.\"}\n    sensors:\n      - {id: pir-kitchen, kind: motion, room: kitchen}\n")
                    .append("      - {id: pir-bathroom, kind: motion, room: bathroom, role: bathroom}\n")
                    .append("    carers:\n      - {name: C, phone: \"+447700900100\"}\n");
        }
        return DetectionJobConfig.of(yaml.toString());
    }
}
