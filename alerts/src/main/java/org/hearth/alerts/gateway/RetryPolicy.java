package org.hearth.alerts.gateway;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;
import org.hearth.models.time.Backoff;

/**
 * How the SMS sender retries a gateway: {@code attempts} per gateway, and before retry n (1-based)
 * models' {@link Backoff} with "equal jitter": half of {@code min(maxDelay, baseDelay * 2^(n-1))}
 * plus a random part of the other half. The wait always grows, yet many senders that failed
 * together do not retry together.
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

    /** The wait before retry {@code retry} (1 = the first retry): Hearth's one backoff, with equal jitter. */
    public Duration backoff(int retry, RandomGenerator random) {
        return new Backoff(baseDelay, maxDelay).withEqualJitter(retry, random);
    }
}
