package org.hearth.storage.point;

import java.time.Instant;
import java.util.Objects;
import org.hearth.models.baseline.Baseline;

/**
 * A resident's baseline after an update, to be stored as its bands (quantiles), never as its
 * window of days.
 *
 * @param homeId the home
 * @param at the event time of the update (the day close that fed it)
 * @param baseline the baseline
 */
public record HomeBaseline(String homeId, Instant at, Baseline baseline) {
    public HomeBaseline {
        Objects.requireNonNull(homeId, "homeId");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(baseline, "baseline");
    }
}
