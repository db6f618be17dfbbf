package org.hearth.models.activity;

import java.time.Duration;
import java.time.Instant;

/**
 * No sign of life anywhere in the home from {@code at} to {@code end} while the resident was at
 * home and not in bed; {@code room} is where they were last seen. Only spells longer than the
 * configured minimum are reported; a spell still running is visible in {@link HomeStatus}.
 */
public record Stillness(Instant at, Instant end, String room) implements Activity {
    public Duration duration() {
        return Duration.between(at, end);
    }
}
