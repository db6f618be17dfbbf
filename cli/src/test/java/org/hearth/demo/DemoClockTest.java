package org.hearth.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.hearth.models.testing.TestClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoClockTest {

    private static final Instant BEFORE_HISTORY = Instant.parse("2026-11-12T00:00:00Z");
    private static final Instant LIVE_MORNING = Instant.parse("2026-11-23T06:00:00Z");
    private static final Instant REAL_EVENING = Instant.parse("2026-11-23T18:00:00Z");

    @TempDir
    Path dir;

    @Test
    void instant_standsBeforeTheHistoryUntilStarted() {
        TestClock real = new TestClock(REAL_EVENING);
        DemoClock clock = new DemoClock(dir.resolve("started"), BEFORE_HISTORY, LIVE_MORNING, 120, real);

        real.advance(Duration.ofSeconds(600));

        assertThat(clock.instant()).isEqualTo(BEFORE_HISTORY);
        assertThat(clock.started()).isFalse();
    }

    @Test
    void instant_runsFromTheLiveMorningAtSpeedOnceStarted() {
        TestClock real = new TestClock(REAL_EVENING);
        DemoClock clock = new DemoClock(dir.resolve("started"), BEFORE_HISTORY, LIVE_MORNING, 120, real);

        clock.start();
        real.advance(Duration.ofSeconds(30));

        assertThat(clock.instant()).isEqualTo(LIVE_MORNING.plusSeconds(30 * 120));
    }

    @Test
    void copies_agreeThroughTheStartFile() {
        TestClock real = new TestClock(REAL_EVENING);
        Path started = dir.resolve("started");
        DemoClock inTheJob = new DemoClock(started, BEFORE_HISTORY, LIVE_MORNING, 60, real);
        DemoClock inTheRunner = new DemoClock(started, BEFORE_HISTORY, LIVE_MORNING, 60, real);

        inTheRunner.start();
        real.advance(Duration.ofSeconds(10));

        assertThat(inTheJob.instant()).isEqualTo(inTheRunner.instant()).isEqualTo(LIVE_MORNING.plusSeconds(600));
    }
}
