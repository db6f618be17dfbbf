package org.hearth.simulator.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.hearth.models.testing.TestClock;
import org.junit.jupiter.api.Test;

class PacerTest {

    /** Moves only when the sleeper sleeps (or a test pushes it). */
    private final TestClock clock = new TestClock(Instant.parse("2026-11-23T09:00:00Z"));
    private final List<Duration> sleeps = new ArrayList<>();
    private final Sleeper sleeper = d -> {
        sleeps.add(d);
        clock.advance(d);
    };

    @Test
    void await_atSixtyTimesSpeedSleepsASecondPerSimulatedMinute() throws Exception {
        Pacer pacer = new Pacer(clock, sleeper, 60);
        long t0 = Instant.parse("2026-11-02T07:00:00Z").toEpochMilli();

        pacer.await(t0);
        pacer.await(t0 + 60_000);
        pacer.await(t0 + 60_000);
        pacer.await(t0 + 180_000);

        assertThat(sleeps).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
    }

    @Test
    void await_doesNotSleepWhenBehindSchedule() throws Exception {
        Pacer pacer = new Pacer(clock, sleeper, 1);
        pacer.await(0);
        clock.advance(Duration.ofSeconds(10)); // publishing was slow

        pacer.await(5_000);
        pacer.await(12_000);

        assertThat(sleeps).containsExactly(Duration.ofSeconds(2));
    }

    @Test
    void await_atInfiniteSpeedNeverSleeps() throws Exception {
        Pacer pacer = new Pacer(clock, sleeper, Double.POSITIVE_INFINITY);
        pacer.await(0);
        pacer.await(86_400_000);
        assertThat(sleeps).isEmpty();
    }

    @Test
    void constructor_rejectsNonPositiveSpeed() {
        assertThatThrownBy(() -> new Pacer(clock, sleeper, 0)).hasMessageContaining("--speed must be positive");
    }
}
