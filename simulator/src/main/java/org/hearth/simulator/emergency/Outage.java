package org.hearth.simulator.emergency;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A stretch of the recording with no event at all, from the last event before it to the first after:
 * the kit (or the recording) was down, so there is no truth to judge by.
 */
public record Outage(Instant start, Instant end) {

    /**
     * The gaps of at least {@code gap} between consecutive event times.
     *
     * @param sortedMillis every event's time in epoch milliseconds, ascending
     */
    public static List<Outage> find(long[] sortedMillis, int count, Duration gap) {
        List<Outage> out = new ArrayList<>();
        long limit = gap.toMillis();
        for (int i = 1; i < count; i++) {
            if (sortedMillis[i] - sortedMillis[i - 1] >= limit) {
                out.add(new Outage(Instant.ofEpochMilli(sortedMillis[i - 1]), Instant.ofEpochMilli(sortedMillis[i])));
            }
        }
        return out;
    }

    /** Whether {@code [from, to]} touches this outage. */
    public boolean overlaps(Instant from, Instant to) {
        return !to.isBefore(start) && !from.isAfter(end);
    }
}
