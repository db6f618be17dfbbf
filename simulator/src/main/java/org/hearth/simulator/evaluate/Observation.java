package org.hearth.simulator.evaluate;

import java.time.Duration;
import java.time.Instant;

/** How many homes were watched for how long: the denominator of false alerts per home-month. */
public record Observation(int homes, Instant start, Instant end) {

    public Observation {
        if (homes < 1 || !end.isAfter(start)) {
            throw new IllegalArgumentException("an observation needs at least one home and a positive span");
        }
    }

    public double days() {
        return Duration.between(start, end).toMillis() / 86_400_000.0;
    }

    public double homeMonths() {
        return homes * days() / 30.0;
    }
}
