package org.hearth.models.activity;

import java.time.Duration;
import java.time.Instant;

/** The resident came back at {@code at} after going out at {@code leftAt}. */
public record ReturnedHome(Instant at, Instant leftAt) implements Activity {
    public Duration away() {
        return Duration.between(leftAt, at);
    }
}
