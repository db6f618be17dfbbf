package org.hearth.models.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A wall clock a test moves by hand, for the plain classes that take a {@link Clock} (alerts, the simulator's pacer,
 * installer tools, the jobs' helpers). One instance, not shared between copies: a Flink function
 * serialized into a MiniCluster needs ingest's static {@code org.hearth.ingest.testing.TestClock}.
 */
public final class TestClock extends Clock {

    private Instant now;

    public TestClock(Instant start) {
        this.now = start;
    }

    public void advance(Duration d) {
        now = now.plus(d);
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
