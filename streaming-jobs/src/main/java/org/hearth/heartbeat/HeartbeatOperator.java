package org.hearth.heartbeat;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.hearth.models.event.SensorEvent;

/**
 * Watches the events stream from inside the job: counts events, follows the watermark, hears of
 * every completed and aborted checkpoint, and every {@code every} of processing time emits this
 * instance's {@link HeartbeatPart}. An operator rather than a process function because it must
 * speak when no event arrives (a processing-time schedule, no key needed) and must see the
 * watermark and checkpoint notifications themselves.
 *
 * <p>It emits on a schedule, so a job whose task thread is stuck (or dead) stops its heartbeat:
 * exactly what the watchdog listens for.
 */
public final class HeartbeatOperator extends AbstractStreamOperator<HeartbeatPart>
        implements OneInputStreamOperator<SensorEvent, HeartbeatPart> {

    private static final long serialVersionUID = 1L;

    private final String job;
    private final Duration every;
    private final Duration checkpointEvery;
    private final Clock clock;
    private transient HeartbeatTracker tracker;

    /**
     * @param job the job's name
     * @param every how often to emit
     * @param checkpointEvery the job's checkpoint interval, or null when checkpointing is off
     * @param clock the wall clock (serializable; the demo's is scaled)
     */
    public HeartbeatOperator(String job, Duration every, Duration checkpointEvery, Clock clock) {
        this.job = Objects.requireNonNull(job, "job");
        this.every = Objects.requireNonNull(every, "every");
        this.checkpointEvery = checkpointEvery;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public void open() throws Exception {
        super.open();
        tracker = new HeartbeatTracker(job, clock.instant(), checkpointEvery);
        long period = Math.max(1, every.toMillis());
        getProcessingTimeService().scheduleWithFixedDelay(time -> emit(), period, period);
    }

    private void emit() {
        int subtask = getRuntimeContext().getTaskInfo().getIndexOfThisSubtask();
        int parallelism = getRuntimeContext().getTaskInfo().getNumberOfParallelSubtasks();
        output.collect(new StreamRecord<>(new HeartbeatPart(subtask, parallelism, tracker.snapshot(clock.instant()))));
    }

    @Override
    public void processElement(StreamRecord<SensorEvent> element) {
        tracker.event();
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        tracker.watermark(mark.getTimestamp());
        super.processWatermark(mark);
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) throws Exception {
        super.notifyCheckpointComplete(checkpointId);
        tracker.checkpointCompleted(clock.instant());
    }

    @Override
    public void notifyCheckpointAborted(long checkpointId) throws Exception {
        super.notifyCheckpointAborted(checkpointId);
        tracker.checkpointAborted();
    }
}
