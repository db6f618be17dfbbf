package org.hearth.simulator.output;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Releases simulated readings at real or accelerated time: a reading delivered {@code t} after the
 * first one is released {@code t / speed} after the pacer started (speed 1 = real time, 60 = an
 * hour a minute, infinity = as fast as possible). It never sleeps to catch up: if publishing falls
 * behind, readings go out at once until it is back on schedule.
 */
public final class Pacer {

    private final Clock clock;
    private final Sleeper sleeper;
    private final double speed;
    private Instant wallStart;
    private long simStart;

    public Pacer(Clock clock, Sleeper sleeper, double speed) {
        if (!(speed > 0)) {
            throw new IllegalArgumentException("--speed must be positive, got " + speed);
        }
        this.clock = clock;
        this.sleeper = sleeper;
        this.speed = speed;
    }

    /** Waits until the reading delivered at {@code arrivalMs} (simulated) is due. */
    public void await(long arrivalMs) throws InterruptedException {
        if (wallStart == null) {
            wallStart = clock.instant();
            simStart = arrivalMs;
            return;
        }
        if (Double.isInfinite(speed)) {
            return;
        }
        Instant due = wallStart.plusNanos((long) ((arrivalMs - simStart) * 1e6 / speed));
        Duration wait = Duration.between(clock.instant(), due);
        if (!wait.isNegative() && !wait.isZero()) {
            sleeper.sleep(wait);
        }
    }
}
