package org.hearth.models.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TestClockTest {

    private static final Instant T0 = Instant.parse("2026-11-23T08:00:00Z");

    @Test
    void instant_standsStillUntilMovedByHand() {
        TestClock clock = new TestClock(T0);
        assertThat(clock.instant()).isEqualTo(T0);

        clock.advance(Duration.ofMinutes(10));
        assertThat(clock.instant()).isEqualTo(T0.plus(Duration.ofMinutes(10)));

        clock.set(T0.minusSeconds(1));
        assertThat(clock.millis()).isEqualTo(T0.minusSeconds(1).toEpochMilli());
    }

    @Test
    void serializedCopy_followsTheOriginalBothWays() throws Exception {
        TestClock clock = new TestClock(T0);
        TestClock copy = (TestClock) copyOf(clock);

        clock.advance(Duration.ofMinutes(5));
        assertThat(copy.instant()).isEqualTo(T0.plus(Duration.ofMinutes(5)));

        copy.set(T0.plus(Duration.ofHours(1)));
        assertThat(clock.instant()).isEqualTo(T0.plus(Duration.ofHours(1)));
    }

    @Test
    void clocksMadeApart_doNotShareTheirTime() {
        TestClock one = new TestClock(T0);
        TestClock other = new TestClock(T0);

        one.advance(Duration.ofDays(1));

        assertThat(other.instant()).isEqualTo(T0);
    }

    private static Clock copyOf(Clock clock) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(clock);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (Clock) in.readObject();
        }
    }
}
