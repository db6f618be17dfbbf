package org.hearth.ingest.validate;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Throttles a device that floods: a token bucket per topic, over the messages' receive times (the
 * injected clock, so the demo's fast clock and tests behave). One subtask's buckets only: with
 * several readers the broker spreads a topic's messages, so the rate allowed per device is up to
 * the readers' number times this one. Buckets are not checkpointed; a restart forgives.
 *
 * <p>Other homes are not slowed: a throttled message costs a map look-up and a dead letter, no
 * wait. The map is bounded (least recently seen topics forgotten first), so a flood over random
 * topics costs memory only up to {@link #MAX_TOPICS}.
 */
final class DeviceThrottle {

    static final int MAX_TOPICS = 100_000;

    private final ValidationPolicy.DeviceRate rate;
    private final Map<String, Bucket> buckets = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
            return size() > MAX_TOPICS;
        }
    };

    private static final class Bucket {
        double tokens;
        long lastNanos;
        long throttled;
    }

    DeviceThrottle(ValidationPolicy.DeviceRate rate) {
        this.rate = rate;
    }

    /** True if the message may pass; false counts it as throttled for its topic. */
    boolean admit(String topic, Instant receivedAt) {
        long now = receivedAt.getEpochSecond() * 1_000_000_000L + receivedAt.getNano();
        Bucket b = buckets.get(topic);
        if (b == null) {
            b = new Bucket();
            b.tokens = rate.burst();
            b.lastNanos = now;
            buckets.put(topic, b);
        } else if (now > b.lastNanos) {
            b.tokens = Math.min(rate.burst(), b.tokens + (now - b.lastNanos) / 1e9 * rate.perSecond());
            b.lastNanos = now;
        }
        if (b.tokens >= 1) {
            b.tokens -= 1;
            return true;
        }
        b.throttled++;
        return false;
    }

    /** Messages throttled on {@code topic} while it has been remembered. */
    long throttled(String topic) {
        Bucket b = buckets.get(topic);
        return b == null ? 0 : b.throttled;
    }
}
