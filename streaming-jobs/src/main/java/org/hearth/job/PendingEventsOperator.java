package org.hearth.job;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeutils.base.array.BytePrimitiveArraySerializer;
import org.apache.flink.runtime.state.CheckpointableKeyedStateBackend;
import org.apache.flink.runtime.state.KeyGroupRange;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.streaming.api.operators.InternalTimerService;
import org.apache.flink.streaming.api.operators.TimerHeapInternalTimer;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.hearth.ingest.control.ControlMessage;
import org.hearth.models.event.SensorEvent;

/**
 * The detector's operator: {@link EndOfInputOperator} with the events that wait for the watermark
 * kept on its heap ({@link PendingEvents}) instead of a keyed RocksDB list and an event-time timer per
 * event (five RocksDB operations per reading; BENCHMARKS.md).
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
 * <p>The buffer's size is the gauge {@code pendingEvents} of the operator's metric group: it grows while a source
 * subtask holds the watermark back (see {@link PendingEvents}).
 *
 * <p>Checkpoints: the buffer is one union list entry per subtask (its events as bytes), and a
 * restore keeps the events of its own key groups, so it rescales. Union rather than raw keyed state:
 * the buffer is small (what the watermark has not passed), and raw keyed state is what Flink's heap
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

    /** The gauge of how many events wait in the buffer. */
    static final String PENDING_GAUGE = "pendingEvents";

    private transient PendingEvents pending;
    private transient ListState<byte[]> checkpointed;
    /** How far the timers have been advanced (they never go back). */
    private transient long timersAt;

    PendingEventsOperator(HomeDetector detector) {
        super(detector, HomeDetector.BROADCAST);
    }

    @Override
    public void initializeState(StateInitializationContext context) throws Exception {
        super.initializeState(context);
        pending = new PendingEvents();
        checkpointed = context.getOperatorStateStore().getUnionListState(CHECKPOINTED);
        if (context.isRestored()) {
            for (byte[] snapshot : checkpointed.get()) {
                pending.restore(snapshot);
            }
            KeyGroupRange mine = ((CheckpointableKeyedStateBackend<?>) getKeyedStateBackend()).getKeyGroupRange();
            int keyGroups = getRuntimeContext().getTaskInfo().getMaxNumberOfParallelSubtasks();
            pending.retain(e -> mine.contains(KeyGroupRangeAssignment.assignToKeyGroup(e.homeId(), keyGroups)));
        }
        detector().bufferIn(pending);
    }

    @Override
    public void open() throws Exception {
        super.open();
        getMetricGroup().gauge(PENDING_GAUGE, (org.apache.flink.metrics.Gauge<Integer>) pending::size);
        timersAt = Long.MIN_VALUE;
        takeOverKeyedList();
    }

    @Override
    public void snapshotState(StateSnapshotContext context) throws Exception {
        super.snapshotState(context);
        checkpointed.update(List.of(pending.snapshot()));
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        pending.handOver(mark.getTimestamp(), this::advanceTimersTo, this::fire);
        super.processWatermark(mark);
        timersAt = Math.max(timersAt, mark.getTimestamp());
    }

    private void fire(long t, String homeId, List<SensorEvent> events) throws Exception {
        setCurrentKey(homeId);
        detector().handOver(events);
        onEventTime(new TimerHeapInternalTimer<>(t, homeId, VoidNamespace.INSTANCE));
    }

    private void advanceTimersTo(long time) throws Exception {
        if (time > timersAt) {
            getTimeServiceManager().orElseThrow().advanceWatermark(new Watermark(time));
            timersAt = time;
        }
    }

    /** Events buffered in the keyed list by a build before this one: into the heap buffer, their timers deleted. */
    private void takeOverKeyedList() throws Exception {
        List<SensorEvent> listed = new ArrayList<>();
        getKeyedStateBackend().applyToAllKeys(VoidNamespace.INSTANCE, VoidNamespaceSerializer.INSTANCE, HomeDetector.PENDING,
                (key, list) -> list.get().forEach(listed::add));
        if (listed.isEmpty()) {
            return;
        }
        InternalTimerService<VoidNamespace> timers = getInternalTimerService("user-timers", VoidNamespaceSerializer.INSTANCE, this);
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

    private HomeDetector detector() {
        return (HomeDetector) userFunction;
    }
}
