package org.hearth.ingest.source;

import java.time.Duration;

/** Doubling reconnect delay between a minimum and a maximum, reset after a successful connect. */
public final class Backoff {

    private final long minMillis;
    private final long maxMillis;
    private long next;

    public Backoff(Duration min, Duration max) {
        this.minMillis = Math.max(1, min.toMillis());
        this.maxMillis = Math.max(minMillis, max.toMillis());
        this.next = minMillis;
    }

    /** The delay before the next attempt; doubles each call up to the maximum. */
    public long nextDelayMillis() {
        long delay = next;
        next = Math.min(maxMillis, next * 2);
        return delay;
    }

    public void reset() {
        next = minMillis;
    }
}
