package org.hearth.job;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeutils.base.ListSerializer;
import org.apache.flink.api.common.typeutils.base.LongSerializer;
import org.hearth.models.event.SensorEvent;

/**
 * The waiting events that did not fit on the detector operator's heap ({@link PendingEventsOperator}'s bound): in
 * keyed state, a map per home from millisecond to that home's events there, and on the heap only a home's earliest
 * spilled millisecond and count (for the homes that have spilled events).
 *
 * <p>The operator keeps one rule: a spilled home's events on the heap are all earlier than its earliest spilled
 * millisecond. So a millisecond of a home is never split between the heap and the spill, and a home's spilled
 * events are handed over by one event-time timer at its earliest spilled millisecond, re-armed at the next one: the
 * timers interleave them with the heap's hand-over and the deadlines in time order, as a timer per event did.
 *
 * <p>A home leaves the spill when its last spilled events are handed over, or whole, back to the heap
 * ({@link #takeAll}), when the operator's heap has room again. The earliest spilled millisecond after a firing is the
 * map's first key on RocksDB (its keys in byte order: numeric for non-negative longs), found by a scan of the home's
 * keys on the heap backend.
 *
 * <p>The map's calls act on the current key: the caller sets it to {@code home} first.
 */
final class SpilledEvents {

    /** Keyed state: a home's spilled events by millisecond. */
    static final MapStateDescriptor<Long, List<SensorEvent>> SPILLED = new MapStateDescriptor<>("home-detector-spilled-events",
            LongSerializer.INSTANCE, new ListSerializer<>(SensorEventSerializer.INSTANCE));

    /** A home with spilled events: the earliest millisecond and how many. */
    private static final class Spilled {
        long earliest;
        int count;

        Spilled(long earliest) {
            this.earliest = earliest;
        }
    }

    private final MapState<Long, List<SensorEvent>> state;
    /**
     * Whether the map iterates its keys in numeric order from 0 up: on RocksDB it iterates in the order of the
     * keys' bytes, and {@link LongSerializer} writes a long big-endian, which is numeric order for the non-negative
     * ones (a negative one's sign bit puts it after them). The heap backend's map has no order.
     */
    private final boolean ordered;
    private final Map<String, Spilled> homes = new HashMap<>();
    private long events;

    /**
     * @param ordered whether {@code state} iterates its keys in the order of their bytes (RocksDB), so that the
     *                earliest spilled millisecond after a firing is the first key rather than found by a scan
     */
    SpilledEvents(MapState<Long, List<SensorEvent>> state, boolean ordered) {
        this.state = state;
        this.ordered = ordered;
    }

    /** Whether an event of {@code home} at {@code ms} belongs in the spill: the home has spilled events no later. */
    boolean takes(String home, long ms) {
        Spilled s = homes.get(home);
        return s != null && ms >= s.earliest;
    }

    /**
     * Adds events of the current key's home at one millisecond; true when that millisecond is now the home's
     * earliest spilled one (a timer is wanted there).
     */
    boolean add(String home, long ms, List<SensorEvent> added) throws Exception {
        List<SensorEvent> held = state.get(ms);
        List<SensorEvent> all = held == null ? new ArrayList<>(added) : new ArrayList<>(held);
        if (held != null) {
            all.addAll(added);
        }
        state.put(ms, all);
        events += added.size();
        Spilled s = homes.get(home);
        if (s == null) {
            s = new Spilled(ms);
            homes.put(home, s);
            s.count = added.size();
            return true;
        }
        s.count += added.size();
        if (ms < s.earliest) {
            s.earliest = ms;
            return true;
        }
        return false;
    }

    /**
     * Removes and returns the current key's home's spilled events at {@code ms} if it is the home's earliest
     * spilled millisecond (in {@link HomeDetector#EVENT_ORDER}); empty otherwise.
     */
    List<SensorEvent> takeAt(String home, long ms) throws Exception {
        Spilled s = homes.get(home);
        if (s == null || s.earliest != ms) {
            return List.of();
        }
        List<SensorEvent> due = new ArrayList<>(state.get(ms));
        state.remove(ms);
        due.sort(HomeDetector.EVENT_ORDER);
        events -= due.size();
        s.count -= due.size();
        if (s.count <= 0) {
            homes.remove(home);
            return due;
        }
        s.earliest = ordered && ms >= 0 ? state.keys().iterator().next() : earliestByScan();
        return due;
    }

    /** The least of the current key's spilled milliseconds, looking at every one (a map without order). */
    private long earliestByScan() throws Exception {
        long next = Long.MAX_VALUE;
        for (Long t : state.keys()) {
            next = Math.min(next, t);
        }
        return next;
    }

    /** The home's earliest spilled millisecond, or null when it has none. */
    Long earliest(String home) {
        Spilled s = homes.get(home);
        return s == null ? null : s.earliest;
    }

    /** Counts a home's spilled events found in restored state (the current key's). */
    void restored(String home) throws Exception {
        Spilled s = null;
        for (Map.Entry<Long, List<SensorEvent>> e : state.entries()) {
            if (s == null) {
                s = new Spilled(e.getKey());
            }
            s.earliest = Math.min(s.earliest, e.getKey());
            s.count += e.getValue().size();
        }
        if (s != null) {
            homes.put(home, s);
            events += s.count;
        }
    }

    /**
     * Forgets a removed home's spilled events (the current key's): each spilled millisecond is first given to
     * {@code armedAt}, which deletes the timer there (every spill timer is at a spilled millisecond: one fires only
     * where events wait), so that the home, if it comes back, is not fired at an instant it no longer has events
     * for; returns how many were forgotten.
     */
    int forget(String home, java.util.function.LongConsumer armedAt) throws Exception {
        Spilled s = homes.remove(home);
        if (s == null) {
            return 0;
        }
        for (Long ms : state.keys()) {
            armedAt.accept(ms);
        }
        state.clear();
        events -= s.count;
        return s.count;
    }

    /**
     * Removes and returns all of the current key's home's spilled events, for the heap (review-17 F4); each spilled
     * millisecond is first given to {@code armedAt}, which deletes the timer there, as {@link #forget} does.
     */
    List<SensorEvent> takeAll(String home, java.util.function.LongConsumer armedAt) throws Exception {
        Spilled s = homes.remove(home);
        if (s == null) {
            return List.of();
        }
        List<SensorEvent> all = new ArrayList<>(s.count);
        for (Map.Entry<Long, List<SensorEvent>> e : state.entries()) {
            armedAt.accept(e.getKey());
            all.addAll(e.getValue());
        }
        state.clear();
        events -= s.count;
        return all;
    }

    /**
     * Spilled homes whose events fit in {@code room} together, to go back to the heap: taken while their events
     * come to at most {@code budget} (the first home that fits the room is taken even past it, so that a home with
     * more than the budget can come back), among the first {@code looked} homes of the map (a bounded look: homes
     * too large for the room are passed over, not searched past every time).
     */
    List<String> returning(long room, long budget, int looked) {
        List<String> chosen = new ArrayList<>();
        long taken = 0;
        int seen = 0;
        for (Map.Entry<String, Spilled> e : homes.entrySet()) {
            if (seen++ == looked || taken >= budget) {
                break;
            }
            int n = e.getValue().count;
            if (taken + n <= room && (chosen.isEmpty() || taken + n <= budget)) {
                chosen.add(e.getKey());
                taken += n;
            }
        }
        return chosen;
    }

    long events() {
        return events;
    }

    int homes() {
        return homes.size();
    }
}
