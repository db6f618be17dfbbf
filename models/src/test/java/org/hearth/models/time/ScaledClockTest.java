package org.hearth.models.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ScaledClockTest {

    private static final Instant REAL_START = Instant.parse("2026-11-23T10:00:00Z");
    private static final Instant SIMULATED_START = Instant.parse("2026-11-20T06:00:00Z");

    /** A base clock the test moves by hand; serializable like the system clock. */
    static final class HandClock extends Clock implements Serializable {
        Instant now = REAL_START;

        @Override public ZoneId getZone() { return ZoneOffset.UTC; }
        @Override public Clock withZone(ZoneId zone) { return this; }
        @Override public Instant instant() { return now; }
    }

    @Test
    void instant_runsSpeedTimesFasterFromTheChosenStart() {
        HandClock base = new HandClock();
        ScaledClock clock = new ScaledClock(base, SIMULATED_START, 60);

        assertThat(clock.instant()).isEqualTo(SIMULATED_START);
        base.now = REAL_START.plusSeconds(90);
        assertThat(clock.instant()).isEqualTo(SIMULATED_START.plus(Duration.ofMinutes(90)));
    }

    @Test
    void baseDurationOf_isHowLongToWaitForSimulatedTime() {
        ScaledClock clock = new ScaledClock(new HandClock(), SIMULATED_START, 60);
        assertThat(clock.baseDurationOf(Duration.ofHours(1))).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void serializedCopy_showsTheSameTime() throws Exception {
        HandClock base = new HandClock();
        ScaledClock clock = new ScaledClock(base, SIMULATED_START, 10);
        base.now = REAL_START.plusSeconds(6);

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(clock);
        }
        ScaledClock copy;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            copy = (ScaledClock) in.readObject();
        }
        // The copy carries its own hand clock, frozen at the moment of serialization.
        assertThat(copy.instant()).isEqualTo(clock.instant()).isEqualTo(SIMULATED_START.plusSeconds(60));
    }

    @Test
    void constructor_rejectsNonPositiveSpeed() {
        assertThatThrownBy(() -> new ScaledClock(new HandClock(), SIMULATED_START, 0))
                .hasMessageContaining("speed must be a positive number");
    }
}
