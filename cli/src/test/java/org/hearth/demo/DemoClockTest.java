package org.hearth.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Serializable;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoClockTest {

    private static final Instant BEFORE_HISTORY = Instant.parse("2026-11-12T00:00:00Z");
    private static final Instant LIVE_MORNING = Instant.parse("2026-11-23T06:00:00Z");

    /** A real clock the test moves by hand. */
    static final class HandClock extends Clock implements Serializable {
        Instant now = Instant.parse("2026-11-23T18:00:00Z");

        @Override public ZoneId getZone() { return ZoneOffset.UTC; }
        @Override public Clock withZone(ZoneId zone) { return this; }
        @Override public Instant instant() { return now; }
    }

    @TempDir
    Path dir;

    @Test
    void instant_standsBeforeTheHistoryUntilStarted() {
        HandClock real = new HandClock();
        DemoClock clock = new DemoClock(dir.resolve("started"), BEFORE_HISTORY, LIVE_MORNING, 120, real);

        real.now = real.now.plusSeconds(600);

        assertThat(clock.instant()).isEqualTo(BEFORE_HISTORY);
        assertThat(clock.started()).isFalse();
    }

    @Test
    void instant_runsFromTheLiveMorningAtSpeedOnceStarted() {
        HandClock real = new HandClock();
        DemoClock clock = new DemoClock(dir.resolve("started"), BEFORE_HISTORY, LIVE_MORNING, 120, real);

        clock.start();
        real.now = real.now.plusSeconds(30);

        assertThat(clock.instant()).isEqualTo(LIVE_MORNING.plusSeconds(30 * 120));
    }

    @Test
    void copies_agreeThroughTheStartFile() {
        HandClock real = new HandClock();
        Path started = dir.resolve("started");
        DemoClock inTheJob = new DemoClock(started, BEFORE_HISTORY, LIVE_MORNING, 60, real);
        DemoClock inTheRunner = new DemoClock(started, BEFORE_HISTORY, LIVE_MORNING, 60, real);

        inTheRunner.start();
        real.now = real.now.plusSeconds(10);

        assertThat(inTheJob.instant()).isEqualTo(inTheRunner.instant()).isEqualTo(LIVE_MORNING.plusSeconds(600));
    }
}
