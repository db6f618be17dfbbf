package org.hearth.heartbeat;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.hearth.alerts.watchdog.JobHeartbeat;

/**
 * Merges the newest heartbeat of every parallel instance into the job's: the job's event time is
 * its slowest instance's (the lowest watermark, none while any instance has none), events add up,
 * the last checkpoint is the oldest instance's view and failures the worst. Nothing is merged until
 * every instance has spoken, so one fast instance cannot hide a stuck one.
 */
public final class HeartbeatMerger {

    private final Map<Integer, HeartbeatPart> latest = new HashMap<>();

    /** Takes one part; returns the merged heartbeat, or null while some instance has not reported. */
    public JobHeartbeat add(HeartbeatPart part) {
        Objects.requireNonNull(part, "part");
        latest.values().removeIf(p -> p.parallelism() != part.parallelism()); // rescaled: start over
        latest.put(part.subtask(), part);
        if (latest.size() < part.parallelism()) {
            return null;
        }
        Instant at = null;
        Instant watermark = null;
        boolean watermarkMissing = false;
        long events = 0;
        Instant lastCheckpoint = null;
        boolean checkpointMissing = false;
        int failed = 0;
        Instant started = null;
        for (HeartbeatPart p : latest.values()) {
            JobHeartbeat b = p.beat();
            at = at == null || b.at().isAfter(at) ? b.at() : at;
            if (b.watermark() == null) {
                watermarkMissing = true;
            } else if (watermark == null || b.watermark().isBefore(watermark)) {
                watermark = b.watermark();
            }
            events += b.eventsProcessed();
            if (b.lastCheckpointAt() == null) {
                checkpointMissing = true;
            } else if (lastCheckpoint == null || b.lastCheckpointAt().isBefore(lastCheckpoint)) {
                lastCheckpoint = b.lastCheckpointAt();
            }
            failed = Math.max(failed, b.checkpointsFailed());
            started = started == null || b.startedAt().isBefore(started) ? b.startedAt() : started;
        }
        JobHeartbeat any = latest.values().stream().map(HeartbeatPart::beat).min(Comparator.comparing(JobHeartbeat::at)).orElseThrow();
        return new JobHeartbeat(any.job(), at, watermarkMissing ? null : watermark, events,
                checkpointMissing ? null : lastCheckpoint, failed, any.checkpointEverySeconds(), started);
    }
}
