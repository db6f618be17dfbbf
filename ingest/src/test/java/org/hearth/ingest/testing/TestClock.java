package org.hearth.ingest.testing;

import java.io.Serializable;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A serializable clock that tests move by hand. Every copy (Flink serializes it into each
 * function) reads the same static time, which works because the MiniCluster shares the JVM.
 */
public final class TestClock extends Clock implements Serializable {

    private static final AtomicLong MILLIS = new AtomicLong();

    public static TestClock at(Instant instant) {
        MILLIS.set(instant.toEpochMilli());
        return new TestClock();
    }

    public static void advance(java.time.Duration d) {
        MILLIS.addAndGet(d.toMillis());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(MILLIS.get());
    }
}
