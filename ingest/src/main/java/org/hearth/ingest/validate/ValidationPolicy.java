package org.hearth.ingest.validate;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The limits a message must respect at the door (ingest/README.md, "Limits at the door"). The time
 * bounds relative to the clock catch device clocks gone wrong (a plug that lost its time and
 * reports 1970, a hub set a year ahead); they compare against the injected clock, so they are
 * switched off in replay, where history is old by definition. The absolute bounds hold in replay too.
 *
 * @param maxPayloadBytes larger payloads are dead-lettered unparsed (64 KiB by default)
 * @param maxAhead how far an event may lie ahead of the clock, or null for no bound
 * @param maxBehind how far an event may lie behind the clock, or null for no bound
 * @param maxTopicChars longer topics are dead-lettered unrouted (256 by default)
 * @param earliest no event before this instant is plausible (2000-01-01)
 * @param latest no event at or after this instant is plausible (2100-01-01)
 * @param deviceRate the message rate allowed per topic, or null for none (replay)
 */
public record ValidationPolicy(int maxPayloadBytes, Duration maxAhead, Duration maxBehind, int maxTopicChars,
                               Instant earliest, Instant latest, DeviceRate deviceRate) implements Serializable {

    public static final int DEFAULT_MAX_PAYLOAD_BYTES = 64 * 1024;
    public static final int DEFAULT_MAX_TOPIC_CHARS = 256;
    public static final Instant DEFAULT_EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
    public static final Instant DEFAULT_LATEST = Instant.parse("2100-01-01T00:00:00Z");

    public ValidationPolicy {
        Objects.requireNonNull(earliest, "earliest");
        Objects.requireNonNull(latest, "latest");
        if (maxPayloadBytes <= 0 || maxTopicChars <= 0) {
            throw new IllegalArgumentException("payload and topic limits must be positive");
        }
    }

    /** The size and clock bounds, with the default topic, date and rate limits. */
    public ValidationPolicy(int maxPayloadBytes, Duration maxAhead, Duration maxBehind) {
        this(maxPayloadBytes, maxAhead, maxBehind, DEFAULT_MAX_TOPIC_CHARS, DEFAULT_EARLIEST, DEFAULT_LATEST,
                maxAhead == null && maxBehind == null ? null : DeviceRate.DEFAULT);
    }

    /** Live defaults: 64 KiB, at most 5 minutes ahead, at most 7 days behind, {@link DeviceRate#DEFAULT}. */
    public static ValidationPolicy live() {
        return new ValidationPolicy(DEFAULT_MAX_PAYLOAD_BYTES, Duration.ofMinutes(5), Duration.ofDays(7));
    }

    /** Replay: size, topic and absolute date limits; timestamps are history and arrive as fast as they are read. */
    public static ValidationPolicy replay() {
        return new ValidationPolicy(DEFAULT_MAX_PAYLOAD_BYTES, null, null);
    }

    public ValidationPolicy withDeviceRate(DeviceRate rate) {
        return new ValidationPolicy(maxPayloadBytes, maxAhead, maxBehind, maxTopicChars, earliest, latest, rate);
    }

    public ValidationPolicy withMaxPayloadBytes(int bytes) {
        return new ValidationPolicy(bytes, maxAhead, maxBehind, maxTopicChars, earliest, latest, deviceRate);
    }

    /**
     * A token bucket per topic: {@code burst} messages at once, refilled at {@code perSecond}.
     * A sensor that reports on change sends a few a minute; a metering plug at most one a second.
     * The burst is sized for backlogs, not for live rates: the bucket runs on receive time, so
     * after Hearth was down the broker hands over each topic's queue at once (a 1/s plug queues
     * 3,600 an hour). A backlog beyond the burst is throttled like a flood: dead-lettered, kept,
     * re-drivable.
     */
    public record DeviceRate(int burst, double perSecond) implements Serializable {
        /** 10,000 at once (about 3 hours of a 1/s plug), 20 a second sustained, per topic. */
        public static final DeviceRate DEFAULT = new DeviceRate(10_000, 20);

        public DeviceRate {
            if (burst < 1 || !(perSecond > 0) || Double.isInfinite(perSecond)) {
                throw new IllegalArgumentException("a device rate needs burst >= 1 and a finite perSecond > 0");
            }
        }
    }
}
