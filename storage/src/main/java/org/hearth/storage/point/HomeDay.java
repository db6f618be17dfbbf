package org.hearth.storage.point;

import java.time.Instant;
import java.util.Objects;
import org.hearth.models.baseline.DayScore;
import org.hearth.models.day.DayProfile;

/**
 * A closed care day of one home: its profile and, once the baseline is ready, its day-level
 * anomaly score.
 *
 * @param homeId the home
 * @param closedAt the event time at which the care day closed (the point's time)
 * @param profile the day's summary
 * @param score the day's score against the baseline, or null while learning
 */
public record HomeDay(String homeId, Instant closedAt, DayProfile profile, DayScore score) {
    public HomeDay {
        Objects.requireNonNull(homeId, "homeId");
        Objects.requireNonNull(closedAt, "closedAt");
        Objects.requireNonNull(profile, "profile");
    }
}
