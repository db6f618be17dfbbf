package org.hearth.job;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.api.common.typeutils.base.array.BytePrimitiveArraySerializer;
import org.apache.flink.runtime.state.CheckpointableKeyedStateBackend;
import org.apache.flink.runtime.state.KeyGroupRange;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.state.rocksdb.RocksDBKeyedStateBackend;
import org.apache.flink.streaming.api.operators.InternalTimer;
import org.apache.flink.streaming.api.operators.InternalTimerService;
import org.apache.flink.streaming.api.operators.TimerHeapInternalTimer;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.hearth.ingest.control.ControlMessage;
import org.hearth.models.event.SensorEvent;

/**
 * The detector's operator: {@link EndOfInputOperator} with the events that wait for the watermark
 * kept on its heap ({@link PendingEvents}) instead of a keyed RocksDB list and an event-time timer per
 * event (five RocksDB operations per reading; BENCHMARKS.md), up to a bound; past it, in keyed state.
 *
 * <p>When the watermark advances, the buffered events it passes are handed to {@link HomeDetector}
 * as their timers should have fired: for each distinct millisecond t in order, the timers before t
 * (deadlines) fire first, then each home's events at t go to {@link HomeDetector#onTimer} as one firing at
 * t, with the same context a timer's firing has (key, timestamp, outputs); a home's deadline timer at t
 * itself is that firing ({@link DeadlineTimer#firesWithEvents}). Then time goes on to the watermark.
 * "Should have": with a timer per event, an event at the instant of its home's deadline shared that timer, and a
 * deadline moved earlier deleted it with the event still waiting, which then waited for the home's next firing
 * ({@code PendingEventsOnTimeTest}: a clear and a raise 23 minutes late). Here no event has a timer to lose.
 *
 * <p>The bound: the heap holds at most {@code heapLimit} events. The watermark is the least of the source subtasks'
 * (a disconnected or lagging reader holds it back on purpose), so one stalled subtask holds every other's readings
 * here. Past the limit the latest millisecond's events go to keyed state ({@link SpilledEvents}, on disk with
 * RocksDB), each home's at that millisecond whole, and a home's later events follow them there while it has any
 * spilled; an event earlier than the home's earliest spilled one still goes to the heap. A spilled home has one
 * event-time timer at its earliest spilled millisecond: its firing hands over the spilled events there (with the
 * deadline, when the home's deadline timer is at the same instant: one Flink timer) and the operator re-arms it at
 * the next. It re-arms after every firing of a spilled home, so a deadline moved earlier
 * ({@link DeadlineTimer#schedule} deletes the timer it kept) cannot take the spill's timer with it. Decisions are
 * the same as unbounded, home by home; between homes, a spilled home's firing at t comes after the heap's firings
 * at t (as a deadline's does). The way back (review-17 F4): once a watermark has passed and the heap is below half its
 * limit, spilled homes move their whole spill back to the heap, a bounded number of events per watermark
 * ({@link #returnToHeap}); before, a home stayed on the keyed path until a gap of the out-of-orderness in its
 * readings. Gauges {@code pendingEvents} (on the heap), {@code spilledEvents}, {@code spilledHomes}; counters
 * {@code eventsSpilled}, {@code eventsReturned}.
 *
 * <p>Checkpoints: the heap part is one union list entry per subtask (its events as bytes), and a
 * restore keeps the events of its own key groups, so it rescales (and spills what is over the limit then); the
 * spilled part is keyed state and rescales as such, its timers with it.
 * Union rather than raw keyed state for the heap part:
 * it is small (what the watermark has not passed, bounded), and raw keyed state is what Flink's heap
 * timers write, which an operator cannot share with them ({@code isUsingCustomRawKeyedState}).
 *
 * <p>State from before (the keyed list {@code pending} with an event-time timer per event) is moved
 * into the buffer when the operator opens, its timers deleted: from then on those events are handed
 * over with the new ones, in the same order as if they had come after the restore.
 */
final class PendingEventsOperator extends EndOfInputOperator<String, SensorEvent, ControlMessage, LifecycleCommand> {

    private static final long serialVersionUID = 1L;

    /** Operator state: one entry per subtask, its {@link PendingEvents#snapshot()}. */
    static final ListStateDescriptor<byte[]> CHECKPOINTED = new ListStateDescriptor<>("home-detector-pending-events",
            BytePrimitiveArraySerializer.INSTANCE);

    /** The gauge of how many events wait on the heap. */
    static final String PENDING_GAUGE = "pendingEvents";
    /** The gauge of how many events wait in keyed state, past the heap's limit. */
    static final String SPILLED_GAUGE = "spilledEvents";
    /** The gauge of how many homes have events in keyed state. */
    static final String SPILLED_HOMES_GAUGE = "spilledHomes";
    /** The counter of events put in keyed state (an event spilled twice counts twice: never, today). */
    static final String SPILLED_COUNTER = "eventsSpilled";
    /** The counter of spilled events moved back to the heap with their home. */
    static final String RETURNED_COUNTER = "eventsReturned";
    /** How many spilled homes the way back looks at per watermark at most (passing over those too large for the room). */
    static final int RETURN_LOOK = 4_096;

    /** The system property that sets the heap's limit (events per subtask). */
    static final String LIMIT_PROPERTY = "hearth.detector.heapEventsLimit";
    /**
     * The default limit: 1,000,000 events per subtask, about 0.25 GB of heap (BENCHMARKS.md, the bound on the
     * detector's waiting events: ~250 bytes per waiting event, the event ~180 and the map around it ~67, one event
     * per millisecond); at a million homes' ~29,000 readings/s, about 34 s of every reading at p=1, beyond the 30 s of
     * out-of-orderness, so the bound is reached only when the watermark is held back.
     */
    static final int DEFAULT_LIMIT = 1_000_000;

    private final int heapLimit;

    private transient PendingEvents pending;
    private transient SpilledEvents spilled;
    private transient ListState<byte[]> checkpointed;
    private transient InternalTimerService<VoidNamespace> timers;
    private transient Counter spills;
    private transient Counter returns;
    /** How far the timers have been advanced (they never go back). */
    private transient long timersAt;

    PendingEventsOperator(HomeDetector detector) {
        this(detector, limitFromProperty());
    }

    PendingEventsOperator(HomeDetector detector, int heapLimit) {
        super(detector, HomeDetector.BROADCAST);
        if (heapLimit < 1) {
            throw new IllegalArgumentException("the heap's limit of waiting events must be at least 1, not " + heapLimit);
        }
        this.heapLimit = heapLimit;
    }

    /** {@link #LIMIT_PROPERTY} where it is set, {@link #DEFAULT_LIMIT} otherwise. */
    static int limitFromProperty() {
        String value = System.getProperty(LIMIT_PROPERTY);
        if (value == null || value.isBlank()) {
            return DEFAULT_LIMIT;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(LIMIT_PROPERTY + " must be a whole number of events, not '" + value + "'", e);
        }
    }

    @Override
    public void initializeState(StateInitializationContext context) throws Exception {
        super.initializeState(context);
        pending = new PendingEvents();
        checkpointed = context.getOperatorStateStore().getUnionListState(CHECKPOINTED);
        if (context.isRestored()) {
            KeyGroupRange mine = ((CheckpointableKeyedStateBackend<?>) getKeyedStateBackend()).getKeyGroupRange();
            int keyGroups = getRuntimeContext().getTaskInfo().getMaxNumberOfParallelSubtasks();
            for (byte[] snapshot : checkpointed.get()) { // every subtask's (union state): only this one's key groups kept
                pending.restore(snapshot, e -> mine.contains(KeyGroupRangeAssignment.assignToKeyGroup(e.homeId(), keyGroups)));
            }
        }
        detector().bufferIn(new Bounded());
    }

    @Override
    public void open() throws Exception {
        super.open();
        spilled = new SpilledEvents(getPartitionedState(SpilledEvents.SPILLED), getKeyedStateBackend() instanceof RocksDBKeyedStateBackend);
        timers = getInternalTimerService("user-timers", VoidNamespaceSerializer.INSTANCE, this);
        getMetricGroup().gauge(PENDING_GAUGE, (Gauge<Integer>) pending::size);
        getMetricGroup().gauge(SPILLED_GAUGE, (Gauge<Long>) spilled::events);
        getMetricGroup().gauge(SPILLED_HOMES_GAUGE, (Gauge<Integer>) spilled::homes);
        spills = getMetricGroup().counter(SPILLED_COUNTER);
        returns = getMetricGroup().counter(RETURNED_COUNTER);
        timersAt = Long.MIN_VALUE;
        countRestoredSpill();
        takeOverKeyedList();
        spillOverLimit(); // a restore that rescaled down brings several subtasks' heaps
    }

    @Override
    public void snapshotState(StateSnapshotContext context) throws Exception {
        super.snapshotState(context);
        checkpointed.update(List.of(pending.snapshot()));
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        pending.handOver(mark.getTimestamp(), this::advanceTimersTo,
                (t, home, events) -> fire(new TimerHeapInternalTimer<>(t, home, VoidNamespace.INSTANCE), events));
        super.processWatermark(mark);
        timersAt = Math.max(timersAt, mark.getTimestamp());
        returnToHeap();
    }

    /**
     * Spilled homes back to the heap while it has room (review-17 F4): below half its limit, each home's whole spill
     * (the watermark has just passed, so every spilled millisecond left is after it, and the heap holds only the home's
     * earlier ones: no millisecond split, the order kept), at most {@link #returnBudget()} events per watermark so
     * that one watermark's work stays small. Without it a home stayed on the keyed path until a gap of the
     * out-of-orderness in its readings. Its spill timers are deleted; Flink keeps one timer per key and instant, so
     * a deadline timer of the home at a spilled millisecond went with it and is registered again. The heap hands
     * those events over at the same instants, with the deadline there as one firing, as when they never spilled.
     */
    private void returnToHeap() throws Exception {
        long room = returnBelow() - (long) pending.size();
        if (spilled.homes() == 0 || room <= 0) {
            return;
        }
        for (String home : spilled.returning(room, returnBudget(), RETURN_LOOK)) {
            setCurrentKey(home);
            if (spilled.earliest(home) <= timersAt) {
                throw new IllegalStateException("a spilled millisecond the watermark has passed: its timer was lost");
            }
            Long deadline = detector().registeredDeadline();
            List<SensorEvent> back = spilled.takeAll(home, ms -> timers.deleteEventTimeTimer(VoidNamespace.INSTANCE, ms));
            if (deadline != null && back.stream().anyMatch(e -> e.ts().toEpochMilli() == deadline)) {
                timers.registerEventTimeTimer(VoidNamespace.INSTANCE, deadline); // it was the spill timer deleted there
            }
            back.forEach(pending::add);
            returns.inc(back.size());
        }
    }

    /** The heap's size under which spilled homes come back: half the limit, so that a home back does not spill again at once. */
    private long returnBelow() {
        return Math.max(1, heapLimit / 2);
    }

    /** The spilled events moved back per watermark at most (past it, one home that fits the room). */
    private long returnBudget() {
        return Math.max(1, heapLimit / 64);
    }

    /** A timer of the detector's: a deadline, a spilled home's earliest spilled millisecond, or both. */
    @Override
    public void onEventTime(InternalTimer<String, VoidNamespace> timer) throws Exception {
        fire(timer, List.of());
    }

    /** One firing of a home at the timer's instant with its events there, from the heap or the spill. */
    private void fire(InternalTimer<String, VoidNamespace> timer, List<SensorEvent> fromHeap) throws Exception {
        String home = timer.getKey();
        setCurrentKey(home);
        List<SensorEvent> fromSpill = spilled.takeAt(home, timer.getTimestamp());
        List<SensorEvent> due = fromHeap;
        if (!fromSpill.isEmpty()) {
            due = fromHeap.isEmpty() ? fromSpill : new ArrayList<>(fromHeap); // both: never, by the heap's rule
            if (!fromHeap.isEmpty()) {
                due.addAll(fromSpill);
                due.sort(HomeDetector.EVENT_ORDER);
            }
        }
        detector().handOver(due);
        super.onEventTime(timer);
        Long next = spilled.earliest(home);
        if (next != null) { // again after every firing: a deadline moved earlier may have deleted the shared timer
            setCurrentKey(home);
            timers.registerEventTimeTimer(VoidNamespace.INSTANCE, next);
        }
    }

    private void advanceTimersTo(long time) throws Exception {
        if (time > timersAt) {
            getTimeServiceManager().orElseThrow().advanceWatermark(new Watermark(time));
            timersAt = time;
        }
    }

    /** Where the detector puts a waiting event: the heap, or the spill for a spilled home's later events. */
    private final class Bounded implements WaitingEvents {
        @Override
        public void add(SensorEvent event) throws Exception {
            keep(event);
        }

        /**
         * Its spill timers go with a removed home (Flink keeps one timer per key and instant: when the home's deadline
         * timer was at the same instant, it goes too, as a removed home needs none).
         */
        @Override
        public int forget(Set<String> homes) throws Exception {
            int forgotten = pending.forget(homes);
            for (String home : homes) {
                if (spilled.earliest(home) != null) {
                    setCurrentKey(home);
                    forgotten += spilled.forget(home, ms -> timers.deleteEventTimeTimer(VoidNamespace.INSTANCE, ms));
                }
            }
            return forgotten;
        }
    }

    /** The current key is the event's home; it is again on return. */
    private void keep(SensorEvent event) throws Exception {
        String home = event.homeId();
        long ms = event.ts().toEpochMilli();
        if (spilled.takes(home, ms)) {
            spill(home, ms, List.of(event));
            return;
        }
        pending.add(event);
        if (pending.size() > heapLimit) {
            spillOverLimit();
            setCurrentKey(home);
        }
    }

    /** The latest milliseconds off the heap into keyed state until the heap is within its limit. */
    private void spillOverLimit() throws Exception {
        while (pending.size() > heapLimit) {
            long ms = pending.latest();
            for (List<SensorEvent> home : pending.takeLatest()) {
                String homeId = home.get(0).homeId();
                setCurrentKey(homeId);
                spill(homeId, ms, home);
            }
        }
    }

    /** Into keyed state (the current key is {@code home}), with a timer when it is the home's earliest spilled millisecond. */
    private void spill(String home, long ms, List<SensorEvent> events) throws Exception {
        if (spilled.add(home, ms, events)) {
            timers.registerEventTimeTimer(VoidNamespace.INSTANCE, ms);
        }
        spills.inc(events.size());
    }

    /** The spilled events of a checkpoint, counted (their timers come back with the timer service's state). */
    private void countRestoredSpill() throws Exception {
        List<String> homes;
        try (Stream<String> keys = this.<String>getKeyedStateBackend().getKeys(SpilledEvents.SPILLED.getName(), VoidNamespace.INSTANCE)) {
            homes = keys.toList();
        }
        for (String home : homes) {
            setCurrentKey(home);
            spilled.restored(home);
        }
    }

    /** Events buffered in the keyed list by a build before this one: into the buffer, their timers deleted. */
    private void takeOverKeyedList() throws Exception {
        List<SensorEvent> listed = new ArrayList<>();
        getKeyedStateBackend().applyToAllKeys(VoidNamespace.INSTANCE, VoidNamespaceSerializer.INSTANCE, HomeDetector.PENDING,
                (key, list) -> list.get().forEach(listed::add));
        if (listed.isEmpty()) {
            return;
        }
        Set<String> homes = new LinkedHashSet<>();
        for (SensorEvent e : listed) {
            setCurrentKey(e.homeId());
            timers.deleteEventTimeTimer(VoidNamespace.INSTANCE, e.ts().toEpochMilli());
            pending.add(e);
            homes.add(e.homeId());
        }
        for (String home : homes) {
            setCurrentKey(home);
            getPartitionedState(HomeDetector.PENDING).clear();
        }
    }

    int heapLimit() {
        return heapLimit;
    }

    int heapEvents() {
        return pending.size();
    }

    long spilledEvents() {
        return spilled.events();
    }

    int spilledHomes() {
        return spilled.homes();
    }

    long eventsReturned() {
        return returns.getCount();
    }

    /** The home's earliest spilled millisecond, or null when it has none spilled. */
    Long spilledFrom(String home) {
        return spilled.earliest(home);
    }

    private HomeDetector detector() {
        return (HomeDetector) userFunction;
    }
}
