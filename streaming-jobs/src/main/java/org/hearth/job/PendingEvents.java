package org.hearth.job;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
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
 * passed yet: the allowed out-of-orderness (30 s live) in the usual case. A source subtask that lags or stalls
 * holds the watermark and so every home's events; the operator bounds what waits here and spills the latest
 * milliseconds to keyed state ({@link SpilledEvents}).
 *
 * <p>Handed out by event time (the millisecond, as a timer fires), then home, then
 * {@link HomeDetector#EVENT_ORDER}: a home's events at one millisecond come together, in the order
 * the detector took them from its list. Kept grouped by millisecond (a sorted map), so that the earliest
 * and the latest millisecond are both cheap to take: the latest is what the bound spills.
 */
final class PendingEvents implements WaitingEvents {

    /** The snapshot's layout: a version, then the count and the events. */
    static final int FORMAT = 1;

    /** The order of one millisecond's events as they are handed out. */
    private static final Comparator<SensorEvent> WITHIN_MS = Comparator.comparing(SensorEvent::homeId)
            .thenComparing(HomeDetector.EVENT_ORDER);

    /** By millisecond: one {@link SensorEvent}, or an {@code ArrayList} of them (most milliseconds hold one event). */
    private final TreeMap<Long, Object> byMs = new TreeMap<>();
    private int size;

    @Override
    public void add(SensorEvent event) {
        byMs.merge(event.ts().toEpochMilli(), event, PendingEvents::join);
        size++;
    }

    @SuppressWarnings("unchecked")
    private static Object join(Object held, Object added) {
        if (held instanceof ArrayList<?> list) {
            ((ArrayList<SensorEvent>) list).add((SensorEvent) added);
            return list;
        }
        ArrayList<SensorEvent> list = new ArrayList<>(4);
        list.add((SensorEvent) held);
        list.add((SensorEvent) added);
        return list;
    }

    int size() {
        return size;
    }

    /** The earliest buffered event time (millisecond) at or before {@code watermark}, or null if none is due. */
    Long nextDue(long watermark) {
        if (byMs.isEmpty()) {
            return null;
        }
        long t = byMs.firstKey();
        return t <= watermark ? t : null;
    }

    /** The latest buffered millisecond, or null when empty. */
    Long latest() {
        return byMs.isEmpty() ? null : byMs.lastKey();
    }

    /**
     * Removes the events of the earliest buffered millisecond, one list per home in home order, each in
     * {@link HomeDetector#EVENT_ORDER}.
     */
    List<List<SensorEvent>> takeEarliest() {
        return byHome(byMs.pollFirstEntry());
    }

    /** Removes the events of the latest buffered millisecond, as {@link #takeEarliest()} does the earliest's. */
    List<List<SensorEvent>> takeLatest() {
        return byHome(byMs.pollLastEntry());
    }

    @SuppressWarnings("unchecked")
    private List<List<SensorEvent>> byHome(Map.Entry<Long, Object> entry) {
        List<List<SensorEvent>> homes = new ArrayList<>();
        if (entry == null) {
            return homes;
        }
        if (entry.getValue() instanceof SensorEvent one) {
            size--;
            homes.add(List.of(one));
            return homes;
        }
        ArrayList<SensorEvent> events = (ArrayList<SensorEvent>) entry.getValue();
        size -= events.size();
        events.sort(WITHIN_MS);
        List<SensorEvent> home = null;
        for (SensorEvent e : events) {
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
    @Override
    public int forget(Set<String> homes) {
        if (homes.isEmpty()) {
            return 0;
        }
        return removeIf(e -> homes.contains(e.homeId()));
    }

    @SuppressWarnings("unchecked")
    private int removeIf(Predicate<SensorEvent> drop) {
        int before = size;
        Iterator<Map.Entry<Long, Object>> it = byMs.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<Long, Object> entry = it.next();
            if (entry.getValue() instanceof SensorEvent one) {
                if (drop.test(one)) {
                    it.remove();
                    size--;
                }
                continue;
            }
            ArrayList<SensorEvent> events = (ArrayList<SensorEvent>) entry.getValue();
            int n = events.size();
            events.removeIf(drop);
            size -= n - events.size();
            if (events.isEmpty()) {
                it.remove();
            }
        }
        return before - size;
    }

    /** The buffer as bytes, for a checkpoint. */
    byte[] snapshot() throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(64 + size * 64);
        out.writeInt(FORMAT);
        out.writeInt(size);
        for (SensorEvent e : all()) {
            SensorEventSerializer.INSTANCE.serialize(e, out);
        }
        return out.getCopyOfBuffer();
    }

    /** Adds the events of a {@link #snapshot()}. */
    void restore(byte[] snapshot) throws IOException {
        restore(snapshot, e -> true);
    }

    /**
     * Adds the events of a {@link #snapshot()} that {@code keep} accepts, tested as each is read: a restore reads
     * every subtask's snapshot (union state) and keeps its own key groups', so the heap never holds the others'.
     */
    void restore(byte[] snapshot, Predicate<SensorEvent> keep) throws IOException {
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
            SensorEvent e = SensorEventSerializer.INSTANCE.deserialize(in);
            if (keep.test(e)) {
                add(e);
            }
        }
    }

    /** All the buffered events, by millisecond (for snapshots, tests and restores). */
    @SuppressWarnings("unchecked")
    List<SensorEvent> all() {
        List<SensorEvent> all = new ArrayList<>(size);
        for (Object held : byMs.values()) {
            if (held instanceof SensorEvent one) {
                all.add(one);
            } else {
                all.addAll((ArrayList<SensorEvent>) held);
            }
        }
        return all;
    }
}
