package org.hearth.models.activity;

import java.time.Duration;
import java.time.Instant;

/**
 * A stay in the bathroom from {@code at} to {@code end} (the resident was next seen elsewhere, got
 * into bed or went out). {@code night} when it began inside the configured night window.
 */
public record BathroomVisit(Instant at, Instant end, boolean night) implements Activity {
    public Duration duration() {
        return Duration.between(at, end);
    }
}
