package org.hearth.alerts.gateway;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with "equal jitter": before retry n (1-based) wait half of
 * {@code min(maxDelay, baseDelay * 2^(n-1))} plus a random part of the other half. The wait always
 * grows, yet many senders that failed together do not retry together.
 *
 * @param attempts attempts per gateway, at least 1
 * @param baseDelay the first backoff
 * @param maxDelay the cap
 */
public record RetryPolicy(int attempts, Duration baseDelay, Duration maxDelay) {

    public RetryPolicy {
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be >= 1");
        }
        Objects.requireNonNull(baseDelay, "baseDelay");
        Objects.requireNonNull(maxDelay, "maxDelay");
    }

    public static RetryPolicy defaults() {
        return new RetryPolicy(4, Duration.ofSeconds(1), Duration.ofSeconds(30));
    }

    /** The wait before retry {@code retry} (1 = the first retry). */
    public Duration backoff(int retry, RandomGenerator random) {
        long cap = maxDelay.toMillis();
        long exp = baseDelay.toMillis() << Math.min(retry - 1, 30);
        long ceiling = Math.min(cap, exp < 0 ? cap : exp);
        long half = ceiling / 2;
        return Duration.ofMillis(half + (half > 0 ? random.nextLong(half + 1) : 0));
    }
}
