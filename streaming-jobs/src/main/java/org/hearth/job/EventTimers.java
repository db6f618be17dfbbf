package org.hearth.job;

import java.time.Instant;

/**
 * Flink timers have millisecond resolution; rule and lifecycle instants have nanoseconds (a
 * deadline "just before" an event is one nanosecond before it). A timer for an instant is set at
 * the first millisecond not before it, so that when it fires the instant has passed: truncating
 * instead sets a timer that fires a fraction of a millisecond early, finds nothing due, and (set
 * again for the same instant, now behind the watermark) fires again at once, for ever.
 */
final class EventTimers {

    private EventTimers() {
    }

    /** The timer timestamp at which {@code at} has passed. */
    static long at(Instant at) {
        long millis = at.toEpochMilli();
        return at.getNano() % 1_000_000 == 0 ? millis : millis + 1;
    }

    /** As {@link #at(Instant)}, but strictly after the timer now firing, so a timer never re-fires itself. */
    static long after(Instant at, long firing) {
        return Math.max(at(at), firing + 1);
    }
}
