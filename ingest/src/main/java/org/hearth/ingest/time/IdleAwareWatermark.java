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
    }

    /** The watermark to emit at {@code wallTime}; never lower than one returned before. */
    public long watermark(long wallTime) {
        long fromEvents = maxEventTime == Long.MIN_VALUE ? Long.MIN_VALUE : maxEventTime - outOfOrdernessMillis - 1;
        long candidate = fromEvents;
        boolean idle = lastEventWallTime == Long.MIN_VALUE || wallTime - lastEventWallTime >= idleAfterMillis;
        if (followWallClock && idle) {
            candidate = Math.max(candidate, wallTime - allowedLatenessMillis);
        }
        current = Math.max(current, candidate);
        return current;
    }
}
