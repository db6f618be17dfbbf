package org.hearth.heartbeat;

import java.util.Objects;
import org.hearth.alerts.watchdog.JobHeartbeat;

/**
 * One parallel instance's heartbeat, on its way to the single publisher that merges them.
 *
 * @param subtask the instance's index
 * @param parallelism how many instances there are
 * @param beat what the instance knows
 */
public record HeartbeatPart(int subtask, int parallelism, JobHeartbeat beat) {

    public HeartbeatPart {
        Objects.requireNonNull(beat, "beat");
        if (parallelism < 1 || subtask < 0 || subtask >= parallelism) {
            throw new IllegalArgumentException("subtask " + subtask + " of " + parallelism);
        }
    }
}
