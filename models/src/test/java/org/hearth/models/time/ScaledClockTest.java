package org.hearth.models.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Duration;
import java.time.Instant;
import org.hearth.models.testing.TestClock;
import org.junit.jupiter.api.Test;

class ScaledClockTest {

    private static final Instant REAL_START = Instant.parse("2026-11-23T10:00:00Z");
    private static final Instant SIMULATED_START = Instant.parse("2026-11-20T06:00:00Z");

    @Test
    void instant_runsSpeedTimesFasterFromTheChosenStart() {
        TestClock base = new TestClock(REAL_START);
        ScaledClock clock = new ScaledClock(base, SIMULATED_START, 60);

        assertThat(clock.instant()).isEqualTo(SIMULATED_START);
        base.set(REAL_START.plusSeconds(90));
        assertThat(clock.instant()).isEqualTo(SIMULATED_START.plus(Duration.ofMinutes(90)));
    }

    @Test
    void baseDurationOf_isHowLongToWaitForSimulatedTime() {
        ScaledClock clock = new ScaledClock(new TestClock(REAL_START), SIMULATED_START, 60);
        assertThat(clock.baseDurationOf(Duration.ofHours(1))).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void serializedCopy_showsTheSameTime() throws Exception {
        TestClock base = new TestClock(REAL_START);
        ScaledClock clock = new ScaledClock(base, SIMULATED_START, 10);
        base.set(REAL_START.plusSeconds(6));

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(clock);
        }
        ScaledClock copy;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            copy = (ScaledClock) in.readObject();
        }
        assertThat(copy.instant()).isEqualTo(clock.instant()).isEqualTo(SIMULATED_START.plusSeconds(60));
    }

    @Test
    void constructor_rejectsNonPositiveSpeed() {
        assertThatThrownBy(() -> new ScaledClock(new TestClock(REAL_START), SIMULATED_START, 0))
                .hasMessageContaining("speed must be a positive number");
    }
}
