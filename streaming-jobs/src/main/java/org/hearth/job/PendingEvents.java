package org.hearth.job;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.hearth.models.event.SensorEvent;

/**
 * The detector's events that wait for the watermark, on the heap of its operator
 * ({@link PendingEventsOperator}) rather than in a keyed RocksDB list with an event-time timer each.
 *
 * <p>Why: the list and the per-event timer were five RocksDB operations per reading (add, timer
 * insert, get, update, timer removal) before the detector's own state, 45 % of the detector task's CPU
 * at steady state (BENCHMARKS.md, live-15's profile). What waits is only what the watermark has not
 * passed yet: the allowed out-of-orderness (30 s live) in the usual case. Not bounded: the watermark is the least of
 * the sources' subtasks', so a subtask that lags or stalls holds every home's events here until it catches up (before,
 * they waited in RocksDB, on disk). {@link PendingEventsOperator} reports the count as a gauge.
 *
 * <p>Handed out by event time (the millisecond, as a timer fires), then home, then
 * {@link HomeDetector#EVENT_ORDER}: a home's events at one millisecond come together, in the order
 * the detector took them from its list.
 */
final class PendingEvents {

    /** The snapshot's layout: a version, then the count and the events. */
    static final int FORMAT = 1;

    /** The order events are handed out in. */
    static final Comparator<SensorEvent> ORDER = Comparator.<SensorEvent>comparingLong(e -> e.ts().toEpochMilli())
            .thenComparing(SensorEvent::homeId)
            .thenComparing(HomeDetector.EVENT_ORDER);

    private final PriorityQueue<SensorEvent> queue = new PriorityQueue<>(ORDER);

    void add(SensorEvent event) {
        queue.add(event);
    }

    int size() {
        return queue.size();
    }

    /** The earliest buffered event time (millisecond) at or before {@code watermark}, or null if none is due. */
    Long nextDue(long watermark) {
        SensorEvent head = queue.peek();
        if (head == null) {
            return null;
        }
        long t = head.ts().toEpochMilli();
        return t <= watermark ? t : null;
    }

    /**
     * Removes the events of the earliest buffered millisecond, one list per home in home order, each in
     * {@link HomeDetector#EVENT_ORDER}.
     */
    List<List<SensorEvent>> takeEarliest() {
        List<List<SensorEvent>> homes = new ArrayList<>();
        SensorEvent head = queue.peek();
        if (head == null) {
            return homes;
        }
        long t = head.ts().toEpochMilli();
        List<SensorEvent> home = null;
        while (!queue.isEmpty() && queue.peek().ts().toEpochMilli() == t) {
            SensorEvent e = queue.poll();
            if (home == null || !home.get(0).homeId().equals(e.homeId())) {
                home = new ArrayList<>();
                homes.add(home);
            }
            home.add(e);
        }
        return homes;
    }

    /** Runs the timers of every home up to a time (inclusive); never called with a time before an earlier call's. */
    @FunctionalInterface
    interface Timers {
        void advanceTo(long time) throws Exception;
    }

    /** One home's firing at {@code t} with its events there ({@link HomeDetector#EVENT_ORDER}). */
    @FunctionalInterface
    interface Firing {
        void fire(long t, String home, List<SensorEvent> events) throws Exception;
    }

    /**
     * Hands over every buffered event at or before {@code watermark} as the timers of a timer per event would
     * have fired: for each buffered millisecond t in order, the timers before t first, then each home's events
     * at t as one firing. The one drain of {@link PendingEventsOperator} and ScaleBench's job path. The
     * caller runs the timers from the last t to the watermark itself.
     */
    void handOver(long watermark, Timers timers, Firing firing) throws Exception {
        Long t;
        while ((t = nextDue(watermark)) != null) {
            timers.advanceTo(t - 1); // the deadlines before t first
            for (List<SensorEvent> home : takeEarliest()) {
                firing.fire(t, home.get(0).homeId(), home);
            }
        }
    }

    /** Drops every buffered event of the given homes (removed from the registry); returns how many. */
    int forget(Set<String> homes) {
        if (homes.isEmpty()) {
            return 0;
        }
        return removeIf(e -> homes.contains(e.homeId()));
    }

    /** Keeps only the events that {@code keep} accepts (a restore keeps its own key groups'); returns how many were dropped. */
    int retain(Predicate<SensorEvent> keep) {
        return removeIf(keep.negate());
    }

    private int removeIf(Predicate<SensorEvent> drop) {
        int before = queue.size();
        queue.removeIf(drop);
        return before - queue.size();
    }

    /** The buffer as bytes, for a checkpoint. */
    byte[] snapshot() throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(64 + queue.size() * 64);
        out.writeInt(FORMAT);
        out.writeInt(queue.size());
        for (SensorEvent e : queue) {
            SensorEventSerializer.INSTANCE.serialize(e, out);
        }
        return out.getCopyOfBuffer();
    }

    /** Adds the events of a {@link #snapshot()}. */
    void restore(byte[] snapshot) throws IOException {
        DataInputDeserializer in = new DataInputDeserializer(snapshot);
        int format = in.readInt();
        if (format != FORMAT) {
            throw new IOException("pending events snapshot format " + format + ", this build reads " + FORMAT);
        }
        int count = in.readInt();
        if (count < 0) {
            throw new IOException("pending events snapshot with a negative count: " + count);
        }
        for (int i = 0; i < count; i++) {
            queue.add(SensorEventSerializer.INSTANCE.deserialize(in));
        }
    }

    /** All the buffered events, in no particular order (for tests and restores). */
    Collection<SensorEvent> all() {
        return List.copyOf(queue);
    }
}
