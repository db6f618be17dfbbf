package org.hearth.simulator.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PacerTest {

    /** A clock that only moves when the sleeper sleeps (or a test pushes it). */
    static final class ManualClock extends Clock {
        Instant now = Instant.parse("2026-11-23T09:00:00Z");

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
            return now;
        }
    }

    private final ManualClock clock = new ManualClock();
    private final List<Duration> sleeps = new ArrayList<>();
    private final Sleeper sleeper = d -> {
        sleeps.add(d);
        clock.now = clock.now.plus(d);
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
        clock.now = clock.now.plusSeconds(10); // publishing was slow

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
