package org.hearth.ingest.validate;

import java.io.Serializable;
import java.time.Duration;

/**
 * The limits a message must respect. The time bounds catch device clocks gone wrong (a plug that
 * lost its time and reports 1970, a hub set a year ahead); they compare against the injected
 * clock, so they are switched off in replay, where history is old by definition.
 *
 * @param maxPayloadBytes larger payloads are dead-lettered unparsed (64 KiB by default)
 * @param maxAhead how far an event may lie ahead of the clock, or null for no bound
 * @param maxBehind how far an event may lie behind the clock, or null for no bound
 */
public record ValidationPolicy(int maxPayloadBytes, Duration maxAhead, Duration maxBehind) implements Serializable {

    public static final int DEFAULT_MAX_PAYLOAD_BYTES = 64 * 1024;

    /** Live defaults: 64 KiB, at most 5 minutes ahead, at most 7 days behind. */
    public static ValidationPolicy live() {
        return new ValidationPolicy(DEFAULT_MAX_PAYLOAD_BYTES, Duration.ofMinutes(5), Duration.ofDays(7));
    }

    /** Replay: size limit only; timestamps are history. */
    public static ValidationPolicy replay() {
        return new ValidationPolicy(DEFAULT_MAX_PAYLOAD_BYTES, null, null);
    }
}
