package org.hearth.models.activity;

import java.time.Duration;
import java.time.Instant;

/** One boil of the kettle: power above the "on" threshold from {@code at} until {@code end}. */
public record KettleBoil(Instant at, Instant end, String sensorId) implements Activity {
    public Duration duration() {
        return Duration.between(at, end);
    }
}
