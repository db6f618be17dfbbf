package org.hearth.models.time;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * The one retry policy's waits: doubling from {@code first} up to {@code max}. Used by every loop
 * that tries again (ingest's MQTT reconnect, the storage writer, the SMS sender, which adds
 * {@linkplain #withEqualJitter jitter} since many senders fail together).
 *
 * @param first the wait before the first retry, more than zero
 * @param max the longest wait; a {@code max} below {@code first} is taken as {@code first}
 */
public record Backoff(Duration first, Duration max) {

    public Backoff {
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(max, "max");
        if (first.isNegative() || first.isZero()) {
            throw new IllegalArgumentException("first backoff must be more than zero, got " + first);
        }
        if (max.compareTo(first) < 0) {
            max = first;
        }
    }

    /** The wait before retry {@code retry} (1 = the first retry): {@code min(max, first * 2^(retry-1))}. */
    public Duration delay(int retry) {
        if (retry < 1) {
            throw new IllegalArgumentException("retry counts from 1, got " + retry);
        }
        int doublings = Math.min(retry - 1, 62);
        // first * 2^doublings reaches max long before it could overflow: compare by halving max instead.
        Duration d = first;
        for (int i = 0; i < doublings && d.compareTo(max) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(max) > 0 ? max : d;
    }

    /**
     * {@link #delay} with "equal jitter": half of it plus a random part of the other half (in whole
     * milliseconds). The wait still grows, yet many senders that failed together do not retry together.
     */
    public Duration withEqualJitter(int retry, RandomGenerator random) {
        long half = delay(retry).toMillis() / 2;
        return Duration.ofMillis(half + (half > 0 ? random.nextLong(half + 1) : 0));
    }
}
