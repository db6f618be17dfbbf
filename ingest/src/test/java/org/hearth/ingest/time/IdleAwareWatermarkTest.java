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
        long idle = wm.watermark(T + 10 * MIN);
        wm.onEvent(T + MIN, T + 10 * MIN); // a late event resumes the stream
        assertThat(wm.watermark(T + 10 * MIN + 1)).isEqualTo(idle);
    }

    @Test
    void watermark_inReplayFollowsEventTimeOnly() {
        IdleAwareWatermark wm = new IdleAwareWatermark(Duration.ofSeconds(30), Duration.ZERO, Duration.ZERO, false);
        assertThat(wm.watermark(T)).isEqualTo(Long.MIN_VALUE);
        wm.onEvent(T, 0);
        assertThat(wm.watermark(T + 365L * 24 * 60 * MIN)).isEqualTo(T - 30_001);
    }

    @Test
    void isLate_strictlyBehindTheWatermark() {
        assertThat(LateEventRouter.isLate(99, 100)).isTrue();
        assertThat(LateEventRouter.isLate(100, 100)).isFalse();
    }
}
