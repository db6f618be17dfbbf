package org.hearth.heartbeat;

import java.time.Duration;
import java.time.Instant;
import org.hearth.alerts.watchdog.JobHeartbeat;

/**
 * What one parallel instance of the job knows about itself: events seen, its event time, and its
 * checkpoints (completed and aborted ones). Plain Java; {@link HeartbeatOperator} feeds it.
 */
public final class HeartbeatTracker {

    private final String job;
    private final Instant startedAt;
    private final Long checkpointEverySeconds;
    private long events;
    private Instant watermark;
    private Instant lastCheckpointAt;
    private int failedSinceLast;

    /**
     * @param job the job's name
     * @param startedAt when this run started (wall clock)
     * @param checkpointEvery the checkpoint interval, or null when checkpointing is off
     */
    public HeartbeatTracker(String job, Instant startedAt, Duration checkpointEvery) {
        this.job = job;
        this.startedAt = startedAt;
        this.checkpointEverySeconds = checkpointEvery == null ? null : Math.max(1, checkpointEvery.toSeconds());
    }

    public void event() {
        events++;
    }

    /** A watermark passed; {@code Long.MIN_VALUE} (none yet) and {@code Long.MAX_VALUE} (input ended) say nothing. */
    public void watermark(long millis) {
        if (millis != Long.MIN_VALUE && millis != Long.MAX_VALUE) {
            Instant at = Instant.ofEpochMilli(millis);
            if (watermark == null || at.isAfter(watermark)) {
                watermark = at;
            }
        }
    }

    public void checkpointCompleted(Instant at) {
        lastCheckpointAt = at;
        failedSinceLast = 0;
    }

    public void checkpointAborted() {
        failedSinceLast++;
    }

    public JobHeartbeat snapshot(Instant now) {
        return new JobHeartbeat(job, now, watermark, events, lastCheckpointAt, failedSinceLast, checkpointEverySeconds, startedAt);
    }
}
