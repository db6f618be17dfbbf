package org.hearth.models.time;

import java.io.Serializable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * A clock that runs {@code speed} times faster than a base clock, starting from a chosen instant.
 * The demo runs simulated homes at accelerated time: the simulator, the ingest validation, the
 * idle watermark and the alert timers must all read this same clock, or accelerated events look
 * like they come from the future.
 *
 * <p>Serializable, so a Flink function can carry it; every copy computes the same time from the
 * same base clock.
 */
public final class ScaledClock extends Clock implements Serializable {

    private static final long serialVersionUID = 1L;

    private final Clock base;
    private final Instant baseStart;
    private final Instant start;
    private final double speed;

    /**
     * @param base the clock to accelerate (the system clock in production, a fixed clock in tests)
     * @param start the instant this clock shows when {@code base} shows its current time
     * @param speed how many seconds pass on this clock per second of {@code base}; 1 = real time
     */
    public ScaledClock(Clock base, Instant start, double speed) {
        this(base, base.instant(), start, speed);
    }

    private ScaledClock(Clock base, Instant baseStart, Instant start, double speed) {
        if (!(speed > 0) || Double.isInfinite(speed)) {
            throw new IllegalArgumentException("speed must be a positive number, was " + speed);
        }
        if (!(base instanceof Serializable)) {
            throw new IllegalArgumentException("the base clock must be serializable (Clock.systemUTC() is)");
        }
        this.base = Objects.requireNonNull(base, "base");
        this.baseStart = baseStart;
        this.start = Objects.requireNonNull(start, "start");
        this.speed = speed;
    }

    /** Real time from now, shown as {@code start}. */
    public static ScaledClock startingAt(Instant start, double speed) {
        return new ScaledClock(Clock.systemUTC(), start, speed);
    }

    public double speed() {
        return speed;
    }

    /** How long to wait on the base clock for {@code simulated} to pass on this one. */
    public Duration baseDurationOf(Duration simulated) {
        return Duration.ofNanos((long) (simulated.toNanos() / speed));
    }

    @Override
    public Instant instant() {
        Duration elapsed = Duration.between(baseStart, base.instant());
        return start.plusNanos((long) (elapsed.toNanos() * speed));
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        if (zone.equals(ZoneOffset.UTC)) {
            return this;
        }
        throw new UnsupportedOperationException("Hearth keeps clocks in UTC; convert to a zone where a local time is needed");
    }
}
