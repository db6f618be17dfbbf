package org.hearth.ingest.time;

import java.io.Serializable;
import java.time.Duration;

/**
 * The watermark arithmetic, in plain Java: bounded out-of-orderness over event time, plus (in live
 * mode) a floor from the wall clock once the input has been idle for a while.
 *
 * <p>Why the floor: event-time timers ("nobody has moved for 3 hours") fire only when the watermark
 * passes them, and a silent home sends no events to move it. Flink's {@code withIdleness} only
 * marks an input idle; it does not advance time. So, after {@code idleAfter} without events, the
 * watermark becomes at least {@code wallClock - allowedLateness}: an event that arrives later than
 * that is late (side output, counted), which is the price of detecting silence.
 *
 * <p>Idle is counted from the start too, never assumed: right after a (re)start the broker delivers
 * what it queued while Hearth was away, and a start that moved time to the wall clock at once would
 * judge all of it late. When the source reports its progress ({@code source.SourceProgress}), the
 * floor waits for the reader to say it has caught up since the last event, and is taken from that
 * moment, not from the wall clock: while the reader is behind or disconnected, time does not pass
 * what the broker may still hold (the job's heartbeat then shows the lag to the watchdog).
 *
 * <p>The watermark never goes backwards.
 */
public final class IdleAwareWatermark implements Serializable {

    private final long outOfOrdernessMillis;
    private final long allowedLatenessMillis;
    private final long idleAfterMillis;
    private final boolean followWallClock;

    private long maxEventTime = Long.MIN_VALUE;
    private long lastEventWallTime = Long.MIN_VALUE;
    private long current = Long.MIN_VALUE;
    /** The source reports its progress: the floor needs a caught-up report after the last event. */
    private boolean sourceReportsProgress;
    /** The reader's time of its latest caught-up report, if one came after the last event; else MIN. */
    private long caughtUpSinceLastEvent = Long.MIN_VALUE;

    /**
     * @param followWallClock true in live mode; false in replay, where only event time counts
     */
    public IdleAwareWatermark(Duration outOfOrderness, Duration allowedLateness, Duration idleAfter, boolean followWallClock) {
        this.outOfOrdernessMillis = outOfOrderness.toMillis();
        this.allowedLatenessMillis = allowedLateness.toMillis();
        this.idleAfterMillis = idleAfter.toMillis();
        this.followWallClock = followWallClock;
    }

    public void onEvent(long eventTime, long wallTime) {
        maxEventTime = Math.max(maxEventTime, eventTime);
        lastEventWallTime = wallTime;
        caughtUpSinceLastEvent = Long.MIN_VALUE;
    }

    /** The reader (re)started and may have a backlog to read: from now on the floor waits for its reports. */
    public void onSourceBehind() {
        sourceReportsProgress = true;
        caughtUpSinceLastEvent = Long.MIN_VALUE;
    }

    /** The reader had read everything the broker held for it at {@code readerTime}. */
    public void onSourceCaughtUp(long readerTime) {
        sourceReportsProgress = true;
        caughtUpSinceLastEvent = Math.max(caughtUpSinceLastEvent, readerTime);
    }

    /** The watermark to emit at {@code wallTime}; never lower than one returned before. */
    public long watermark(long wallTime) {
        long fromEvents = maxEventTime == Long.MIN_VALUE ? Long.MIN_VALUE : maxEventTime - outOfOrdernessMillis - 1;
        long candidate = fromEvents;
        if (lastEventWallTime == Long.MIN_VALUE) {
            lastEventWallTime = wallTime; // the start: idle is counted from here
        }
        boolean idle = wallTime - lastEventWallTime >= idleAfterMillis;
        if (followWallClock && idle) {
            if (!sourceReportsProgress) {
                candidate = Math.max(candidate, wallTime - allowedLatenessMillis);
            } else if (caughtUpSinceLastEvent != Long.MIN_VALUE) {
                candidate = Math.max(candidate, Math.min(wallTime, caughtUpSinceLastEvent) - allowedLatenessMillis);
            }
        }
        current = Math.max(current, candidate);
        return current;
    }
}
