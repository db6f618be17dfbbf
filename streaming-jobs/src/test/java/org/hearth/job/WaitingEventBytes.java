package org.hearth.job;

import java.time.Instant;
import java.util.Random;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.hearth.models.event.SensorEvent;
import org.hearth.models.event.SensorKind;

/** Bench (BENCHMARKS.md, the bound on the waiting events): heap bytes per waiting event in PendingEvents, events as the job deserializes them. */
public class WaitingEventBytes {
    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(args[0]);
        Random random = new Random(1);
        DataOutputSerializer out = new DataOutputSerializer(64);
        String[] sensors = {"pir-kitchen", "pir-bathroom", "front-door", "bed", "kitchen-plug"};
        long t = Instant.parse("2026-11-23T08:00:00Z").toEpochMilli();
        SensorEvent[] events = new SensorEvent[n];
        for (int i = 0; i < n; i++) {
            t += random.nextInt(3);
            out.clear();
            SensorEventSerializer.INSTANCE.serialize(SensorEvent.of(String.format("home-%06d", random.nextInt(100_000)),
                    sensors[random.nextInt(sensors.length)], Instant.ofEpochMilli(t), SensorKind.MOTION, 1), out);
            events[i] = SensorEventSerializer.INSTANCE.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
        }
        long eventsOnly = used();
        PendingEvents pending = new PendingEvents();
        for (SensorEvent e : events) {
            pending.add(e);
        }
        long withBuffer = used();
        events = null;
        long bufferOnly = used();
        System.out.printf("%d events: the buffer's map %.1f bytes per event; the buffer with its events %.1f (heap at start subtracted)%n", pending.size(),
                (withBuffer - eventsOnly) / (double) n, (bufferOnly - used0) / (double) n);
    }

    static long used0;

    static long used() {
        for (int i = 0; i < 5; i++) {
            System.gc();
        }
        Runtime r = Runtime.getRuntime();
        return r.totalMemory() - r.freeMemory();
    }

    static {
        used0 = used();
    }
}
