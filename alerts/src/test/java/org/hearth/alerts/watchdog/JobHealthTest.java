package org.hearth.alerts.watchdog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.hearth.alerts.watchdog.JobHealth.State;
import org.junit.jupiter.api.Test;

class JobHealthTest {

    static final Instant START = Instant.parse("2026-11-23T09:00:00Z");
    private final WatchdogSettings settings = WatchdogSettings.defaults(); // silent 2m, lag 15m, checkpoints 10m / 3

    /** A heartbeat at {@code at} from a job started at START, two minutes behind, checkpointed a minute ago. */
    static JobHeartbeat beat(Instant at) {
        return new JobHeartbeat("hearth", at, at.minus(Duration.ofMinutes(2)), 100, at.minus(Duration.ofMinutes(1)), 0, 30L, START);
    }

    @Test
    void assess_healthyWhenFreshOnTimeAndCheckpointing() {
        Instant now = START.plus(Duration.ofMinutes(30));
        assertThat(JobHealth.assess(beat(now.minusSeconds(5)), now, START, settings).state()).isEqualTo(State.HEALTHY);
    }

    @Test
    void assess_silentWhenNoHeartbeatArrivedAfterStartingToWatch() {
        assertThat(JobHealth.assess(null, START.plusSeconds(60), START, settings).state()).isEqualTo(State.HEALTHY);
        JobHealth silent = JobHealth.assess(null, START.plusSeconds(121), START, settings);
        assertThat(silent.state()).isEqualTo(State.SILENT);
        assertThat(silent.observed()).isEqualTo("no heartbeat since the watchdog started at 09:00 UTC");
    }

    @Test
    void assess_silentWhenLastHeartbeatOlderThanSilentAfter() {
        Instant last = START.plus(Duration.ofMinutes(10));
        assertThat(JobHealth.assess(beat(last), last.plusSeconds(120), START, settings).state()).isEqualTo(State.HEALTHY);
        JobHealth silent = JobHealth.assess(beat(last), last.plusSeconds(121), START, settings);
        assertThat(silent.state()).isEqualTo(State.SILENT);
        assertThat(silent.since()).isEqualTo(last);
        assertThat(silent.explanation().facts()).containsEntry("since", "09:10 UTC");
    }

    @Test
    void assess_laggingWhenWatermarkFarBehindTheHeartbeatsClock() {
        Instant at = START.plus(Duration.ofHours(1));
        JobHeartbeat behind = new JobHeartbeat("hearth", at, at.minus(Duration.ofMinutes(16)), 100, at, 0, 30L, START);
        JobHealth lagging = JobHealth.assess(behind, at, START, settings);
        assertThat(lagging.state()).isEqualTo(State.LAGGING);
        assertThat(lagging.observed()).isEqualTo("event time 16 min behind the clock");
        JobHeartbeat justWithin = new JobHeartbeat("hearth", at, at.minus(Duration.ofMinutes(15)), 100, at, 0, 30L, START);
        assertThat(JobHealth.assess(justWithin, at, START, settings).healthy()).isTrue();
    }

    @Test
    void assess_laggingWhenNoEventTimeLongAfterStart() {
        Instant at = START.plus(Duration.ofMinutes(20));
        JobHeartbeat none = new JobHeartbeat("hearth", at, null, 0, at, 0, 30L, START);
        assertThat(JobHealth.assess(none, at, START, settings).state()).isEqualTo(State.LAGGING);
    }

    @Test
    void assess_checkpointsFailingAfterConsecutiveAborts() {
        Instant at = START.plus(Duration.ofMinutes(5));
        JobHeartbeat two = new JobHeartbeat("hearth", at, at, 10, at.minusSeconds(90), 2, 30L, START);
        JobHeartbeat three = new JobHeartbeat("hearth", at, at, 10, at.minusSeconds(90), 3, 30L, START);
        assertThat(JobHealth.assess(two, at, START, settings).healthy()).isTrue();
        JobHealth failing = JobHealth.assess(three, at, START, settings);
        assertThat(failing.state()).isEqualTo(State.CHECKPOINTS_FAILING);
        assertThat(failing.observed()).isEqualTo("3 checkpoints failed in a row");
    }

    @Test
    void assess_checkpointsFailingWhenNoneCompletedForTooLong() {
        Instant at = START.plus(Duration.ofMinutes(11));
        JobHeartbeat never = new JobHeartbeat("hearth", at, at, 10, null, 0, 30L, START);
        assertThat(JobHealth.assess(never, at, START, settings).observed()).isEqualTo("no checkpoint completed since start at 09:00 UTC");
        JobHeartbeat stale = new JobHeartbeat("hearth", at, at, 10, START.plusSeconds(30), 0, 30L, START);
        assertThat(JobHealth.assess(stale, at, START, settings).state()).isEqualTo(State.CHECKPOINTS_FAILING);
        JobHeartbeat checkpointingOff = new JobHeartbeat("hearth", at, at, 10, null, 0, null, START);
        assertThat(JobHealth.assess(checkpointingOff, at, START, settings).healthy()).isTrue();
    }

    @Test
    void settings_refuseASilenceShorterThanTwoHeartbeats() {
        assertThatThrownBy(() -> new WatchdogSettings(Duration.ofSeconds(10), Duration.ofSeconds(15), Duration.ofMinutes(15),
                Duration.ofMinutes(10), 3, Duration.ofSeconds(15)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least twice heartbeatEvery");
    }
}
