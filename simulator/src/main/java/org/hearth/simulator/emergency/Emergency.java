package org.hearth.simulator.emergency;

import java.time.Instant;

/** One inserted emergency: the resident of {@code homeId} stopped moving at {@code start} and nothing happened until {@code end}. */
public record Emergency(String homeId, Instant start, Instant end) {

    /** Whether an event at {@code t} falls in the removed stretch {@code [start, end)}. */
    public boolean covers(Instant t) {
        return !t.isBefore(start) && t.isBefore(end);
    }
}
