package org.hearth.alerts.watchdog;

import java.time.Instant;
import java.util.Objects;

/**
 * What the detection job says about itself every few seconds, published retained at QoS 1 on
 * {@link #TOPIC}. The watchdog judges the job by it without depending on the job: a heartbeat that
 * stops, an event time far behind the wall clock, or checkpoints that no longer complete.
 *
 * <p>The topic has four levels on purpose: {@code hearth/+/+} (ingest) and {@code hearth/status/+}
 * (per-home learning status) do not match it, so the heartbeat is never read as a sensor or a home.
 *
 * @param job the job's name ({@code hearth})
 * @param at wall-clock time of this heartbeat
 * @param watermark the job's event time (the lowest watermark of its parallel readers), or null
 *     while it has none yet
 * @param eventsProcessed sensor events through ingest since the job (re)started
 * @param lastCheckpointAt wall-clock time the last checkpoint completed, or null when none has yet
 * @param checkpointsFailed checkpoints aborted since the last one that completed
 * @param checkpointEverySeconds the checkpoint interval, or null when checkpointing is off (then
 *     checkpoints are not judged)
 * @param startedAt when this run of the job started (wall clock)
 */
public record JobHeartbeat(String job, Instant at, Instant watermark, long eventsProcessed, Instant lastCheckpointAt,
                           int checkpointsFailed, Long checkpointEverySeconds, Instant startedAt) {

    /** {@code hearth/status/job/heartbeat}. */
    public static final String TOPIC = "hearth/status/job/heartbeat";

    public JobHeartbeat {
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(startedAt, "startedAt");
        if (eventsProcessed < 0 || checkpointsFailed < 0) {
            throw new IllegalArgumentException("counts cannot be negative");
        }
    }
}
