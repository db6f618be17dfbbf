package org.hearth.ingest.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class IdleAwareWatermarkTest {

    private static final long T = 1_000_000_000L;
    private static final long MIN = 60_000;

    @Test
    void watermark_followsEventTimeMinusOutOfOrdernessWhileEventsFlow() {
        IdleAwareWatermark wm = new IdleAwareWatermark(Duration.ofSeconds(30), Duration.ofMinutes(2), Duration.ofMinutes(1), true);
        wm.onEvent(T, T);
        assertThat(wm.watermark(T + 1_000)).isEqualTo(T - 30_000 - 1);
    }

    @Test
    void watermark_advancesFromTheWallClockOnceIdleInLiveMode() {
        IdleAwareWatermark wm = new IdleAwareWatermark(Duration.ofSeconds(30), Duration.ofMinutes(2), Duration.ofMinutes(1), true);
        wm.onEvent(T, T);
        assertThat(wm.watermark(T + 30_000)).as("not idle yet").isEqualTo(T - 30_001);
        assertThat(wm.watermark(T + 10 * MIN)).isEqualTo(T + 10 * MIN - 2 * MIN);
    }

    @Test
    void watermark_neverGoesBackWhenEventsResumeBehindIt() {
        IdleAwareWatermark wm = new IdleAwareWatermark(Duration.ofSeconds(30), Duration.ofMinutes(2), Duration.ofMinutes(1), true);
        wm.watermark(T);
        long idle = wm.watermark(T + 10 * MIN);
        wm.onEvent(T + MIN, T + 10 * MIN); // a late event resumes the stream
        assertThat(wm.watermark(T + 10 * MIN + 1)).isEqualTo(idle);
    }

    @Test
    void watermark_countsIdleFromTheStartNotFromBeforeIt() {
        // A restart: the broker is about to deliver what it queued meanwhile; time must not jump first.
        IdleAwareWatermark wm = new IdleAwareWatermark(Duration.ofSeconds(30), Duration.ofMinutes(2), Duration.ofMinutes(1), true);
        assertThat(wm.watermark(T)).isEqualTo(Long.MIN_VALUE);
        assertThat(wm.watermark(T + 59_000)).as("not idle for a minute yet").isEqualTo(Long.MIN_VALUE);
        wm.onEvent(T - 10 * MIN, T + 59_500); // a queued event, ten minutes old: on time
        assertThat(wm.watermark(T + 60_000)).isEqualTo(T - 10 * MIN - 30_001);
    }

    @Test
    void watermark_waitsForTheSourceToCatchUpBeforeFollowingTheWallClock() {
        IdleAwareWatermark wm = new IdleAwareWatermark(Duration.ofSeconds(30), Duration.ofMinutes(2), Duration.ofMinutes(1), true);
        wm.watermark(T);
        wm.onSourceBehind();
        assertThat(wm.watermark(T + 10 * MIN)).as("behind: a backlog may still be queued").isEqualTo(Long.MIN_VALUE);
        wm.onEvent(T - 5 * MIN, T + 10 * MIN);
        assertThat(wm.watermark(T + 20 * MIN)).as("idle but not caught up: event time only").isEqualTo(T - 5 * MIN - 30_001);
        wm.onSourceCaughtUp(T + 20 * MIN);
        assertThat(wm.watermark(T + 20 * MIN + 1)).as("caught up: from the moment it caught up")
                .isEqualTo(T + 20 * MIN - 2 * MIN);
        assertThat(wm.watermark(T + 30 * MIN)).as("no newer report: time stays where the reader last caught up")
                .isEqualTo(T + 20 * MIN - 2 * MIN);
        wm.onSourceCaughtUp(T + 30 * MIN);
        assertThat(wm.watermark(T + 30 * MIN)).isEqualTo(T + 28 * MIN);
    }

    @Test
    void watermark_needsACaughtUpReportAfterTheLastEvent() {
        IdleAwareWatermark wm = new IdleAwareWatermark(Duration.ofSeconds(30), Duration.ofMinutes(2), Duration.ofMinutes(1), true);
        wm.watermark(T);
        wm.onSourceCaughtUp(T + MIN);
        wm.onEvent(T + MIN, T + MIN + 1); // more arrived: the report before it no longer holds
        assertThat(wm.watermark(T + 10 * MIN)).isEqualTo(T + MIN - 30_001);
        wm.onSourceCaughtUp(T + 10 * MIN);
        assertThat(wm.watermark(T + 10 * MIN)).isEqualTo(T + 8 * MIN);
    }

    @Test
    void watermark_inReplayFollowsEventTimeOnly() {
        IdleAwareWatermark wm = new IdleAwareWatermark(Duration.ofSeconds(30), Duration.ZERO, Duration.ZERO, false);
        assertThat(wm.watermark(T)).isEqualTo(Long.MIN_VALUE);
        wm.onEvent(T, 0);
        assertThat(wm.watermark(T + 365L * 24 * 60 * MIN)).isEqualTo(T - 30_001);
    }

    @Test
    void isLate_atOrBehindTheWatermark() {
        assertThat(LateEventRouter.isLate(99, 100)).isTrue();
        assertThat(LateEventRouter.isLate(100, 100)).isTrue();
        assertThat(LateEventRouter.isLate(101, 100)).isFalse();
    }
}
