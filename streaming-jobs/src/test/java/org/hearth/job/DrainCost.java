package org.hearth.job;

import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.Random;
import org.hearth.models.event.SensorEvent;
import org.hearth.models.event.SensorKind;

/**
 * The heap buffer alone: add every event, then the watermark 30 s behind the latest hands over what it passed
 * (no-op timers and firings). Thread CPU per event, after a warm-up. perMs: events per millisecond on average.
 */
public class DrainCost {
    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(args[0]);
        double perMs = Double.parseDouble(args[1]);
        int rounds = Integer.parseInt(args[2]);
        Random random = new Random(5);
        SensorEvent[] events = new SensorEvent[n];
        double t = Instant.parse("2026-11-23T08:00:00Z").toEpochMilli();
        for (int i = 0; i < n; i++) {
            t += random.nextDouble() * 2 / perMs;
            long ms = (long) t + random.nextInt(2_000) - 1_000; // a little out of order
            events[i] = SensorEvent.of("home-" + random.nextInt(1_000_000), "pir-kitchen", Instant.ofEpochMilli(ms), SensorKind.MOTION, 1);
        }
        long[] sink = {0};
        var bean = ManagementFactory.getThreadMXBean();
        for (int r = 0; r < rounds; r++) {
            PendingEvents pending = new PendingEvents();
            long c0 = bean.getCurrentThreadCpuTime();
            long latest = Long.MIN_VALUE;
            for (int i = 0; i < n; i++) {
                pending.add(events[i]);
                latest = Math.max(latest, events[i].ts().toEpochMilli());
                if ((i & 255) == 0) {
                    pending.handOver(latest - 30_000, time -> sink[0] += time, (at, home, list) -> sink[0] += list.size());
                }
            }
            pending.handOver(Long.MAX_VALUE, time -> sink[0] += time, (at, home, list) -> sink[0] += list.size());
            long c1 = bean.getCurrentThreadCpuTime();
            if (r >= rounds / 2) {
                System.out.printf("round %d: %.3f us per event%n", r, (c1 - c0) / 1e3 / n);
            }
        }
        System.out.println(sink[0] == 42 ? "" : "(done)");
    }
}
