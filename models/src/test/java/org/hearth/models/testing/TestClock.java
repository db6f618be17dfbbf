package org.hearth.models.testing;

import java.io.Serializable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The one clock tests move by hand ({@link #advance}, {@link #set}); it stands still otherwise, so
 * nothing a test asserts depends on how fast the machine is.
 *
 * <p>It is serializable, and every copy of one clock reads the same time: Flink serializes a clock
 * into each function it is given to, and a test that moves its clock must move the copies running
 * in the job too. The time lives in a JVM-wide table under the clock's id, which works because a
 * MiniCluster runs its tasks in the test's JVM and loads them with the test's class loader. Two
 * clocks made apart never share a time, so tests do not disturb each other. (One entry per clock
 * stays in the table until the JVM ends: a few dozen bytes per test.)
 */
public final class TestClock extends Clock implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final AtomicLong IDS = new AtomicLong();
    private static final Map<Long, AtomicReference<Instant>> TIMES = new ConcurrentHashMap<>();

    private final long id;

    public TestClock(Instant start) {
        this.id = IDS.incrementAndGet();
        TIMES.put(id, new AtomicReference<>(start));
    }

    /** Moves this clock and every copy of it forward by {@code d}. */
    public void advance(Duration d) {
        now().updateAndGet(t -> t.plus(d));
    }

    /** Moves this clock and every copy of it to {@code instant} (backwards too, if a test needs it). */
    public void set(Instant instant) {
        now().set(instant);
    }

    @Override
    public Instant instant() {
        return now().get();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        if (zone.equals(ZoneOffset.UTC)) {
            return this;
        }
        throw new UnsupportedOperationException("Hearth keeps clocks in UTC");
    }

    private AtomicReference<Instant> now() {
        AtomicReference<Instant> now = TIMES.get(id);
        if (now == null) {
            // Only a copy taken to another JVM lands here: there is no shared time to read.
            throw new IllegalStateException("a TestClock copy outside the JVM that made it");
        }
        return now;
    }
}
