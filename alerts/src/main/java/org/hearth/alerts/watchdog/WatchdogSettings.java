package org.hearth.alerts.watchdog;

import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;

/**
 * When the watchdog calls the job unhealthy (the {@code watchdog:} section of {@code hearth.yaml}).
 *
 * @param heartbeatEvery how often the job publishes its heartbeat
 * @param silentAfter no heartbeat for this long: the job is silent (must exceed {@code heartbeatEvery})
 * @param maxLag the job's event time this far behind its heartbeat's wall clock: the job is lagging
 *     (must exceed the allowed lateness, which live event time always trails by)
 * @param checkpointStaleAfter no completed checkpoint for this long: checkpoints are failing
 * @param failedCheckpoints this many aborted checkpoints in a row: checkpoints are failing
 * @param checkEvery how often the watchdog looks
 */
public record WatchdogSettings(Duration heartbeatEvery, Duration silentAfter, Duration maxLag,
                               Duration checkpointStaleAfter, int failedCheckpoints, Duration checkEvery)
        implements Serializable {

    public WatchdogSettings {
        Objects.requireNonNull(heartbeatEvery, "heartbeatEvery");
        Objects.requireNonNull(silentAfter, "silentAfter");
        Objects.requireNonNull(maxLag, "maxLag");
        Objects.requireNonNull(checkpointStaleAfter, "checkpointStaleAfter");
        Objects.requireNonNull(checkEvery, "checkEvery");
        positive(heartbeatEvery, "heartbeatEvery");
        positive(maxLag, "maxLag");
        positive(checkpointStaleAfter, "checkpointStaleAfter");
        positive(checkEvery, "checkEvery");
        if (silentAfter.compareTo(heartbeatEvery.multipliedBy(2)) < 0) {
            throw new IllegalArgumentException("silentAfter (" + silentAfter + ") must be at least twice heartbeatEvery ("
                    + heartbeatEvery + "), or one late heartbeat raises an alert");
        }
        if (failedCheckpoints < 1) {
            throw new IllegalArgumentException("failedCheckpoints must be at least 1");
        }
    }

    /** Heartbeat every 10 s; silent after 2 min; lagging beyond 15 min; checkpoints stale after 10 min or 3 failures; look every 15 s. */
    public static WatchdogSettings defaults() {
        return new WatchdogSettings(Duration.ofSeconds(10), Duration.ofMinutes(2), Duration.ofMinutes(15),
                Duration.ofMinutes(10), 3, Duration.ofSeconds(15));
    }

    private static void positive(Duration d, String name) {
        if (d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }
}
