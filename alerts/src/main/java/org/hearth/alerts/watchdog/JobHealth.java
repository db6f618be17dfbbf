package org.hearth.alerts.watchdog;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.hearth.models.explain.Explanation;

/**
 * The watchdog's verdict on the job at one moment, decided from the last heartbeat alone (pure, so
 * it is tested with instants, not with a running job).
 *
 * @param state healthy or what is wrong (the first that applies: silent, lagging, checkpoints failing)
 * @param since when the trouble began as far as the watchdog can tell (wall clock), null when healthy
 * @param observed what was seen, for the system alert ({@code "no heartbeat since 09:12 UTC"})
 */
public record JobHealth(State state, Instant since, String observed) {

    public enum State { HEALTHY, SILENT, LAGGING, CHECKPOINTS_FAILING }

    public JobHealth {
        Objects.requireNonNull(state, "state");
    }

    public boolean healthy() {
        return state == State.HEALTHY;
    }

    /**
     * @param last the newest heartbeat, or null when none has arrived
     * @param now the wall clock
     * @param watchingSince when the watchdog started (a job that never spoke is silent from then)
     */
    public static JobHealth assess(JobHeartbeat last, Instant now, Instant watchingSince, WatchdogSettings s) {
        if (last == null) {
            return Duration.between(watchingSince, now).compareTo(s.silentAfter()) > 0
                    ? new JobHealth(State.SILENT, watchingSince, "no heartbeat since the watchdog started at " + hhmm(watchingSince))
                    : healthy(now);
        }
        if (Duration.between(last.at(), now).compareTo(s.silentAfter()) > 0) {
            return new JobHealth(State.SILENT, last.at(), "no heartbeat since " + hhmm(last.at()));
        }
        Instant eventTime = last.watermark() != null ? last.watermark() : last.startedAt();
        Duration lag = Duration.between(eventTime, last.at());
        if (lag.compareTo(s.maxLag()) > 0) {
            String what = last.watermark() == null ? "no event time yet, " + minutes(lag) + " after start"
                    : "event time " + minutes(lag) + " behind the clock";
            return new JobHealth(State.LAGGING, eventTime.plus(s.maxLag()), what);
        }
        if (last.checkpointEverySeconds() != null) {
            if (last.checkpointsFailed() >= s.failedCheckpoints()) {
                return new JobHealth(State.CHECKPOINTS_FAILING, last.lastCheckpointAt() != null ? last.lastCheckpointAt()
                        : last.startedAt(), last.checkpointsFailed() + " checkpoints failed in a row");
            }
            Instant reference = last.lastCheckpointAt() != null ? last.lastCheckpointAt() : last.startedAt();
            if (Duration.between(reference, last.at()).compareTo(s.checkpointStaleAfter()) > 0) {
                return new JobHealth(State.CHECKPOINTS_FAILING, reference, last.lastCheckpointAt() == null
                        ? "no checkpoint completed since start at " + hhmm(reference)
                        : "no checkpoint completed since " + hhmm(reference));
            }
        }
        return healthy(now);
    }

    private static JobHealth healthy(Instant now) {
        return new JobHealth(State.HEALTHY, null, "heartbeat at " + hhmm(now));
    }

    /** The explanation of the {@code job-silent} system alert for this verdict. */
    public Explanation explanation() {
        Map<String, String> facts = new TreeMap<>();
        if (since != null) {
            facts.put("since", hhmm(since));
        }
        facts.put("state", state.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
        return new Explanation("a heartbeat every few seconds, event time close to the clock, checkpoints completing",
                observed, facts);
    }

    static String hhmm(Instant at) {
        return at.toString().substring(11, 16) + " UTC";
    }

    private static String minutes(Duration d) {
        return d.toMinutes() + " min";
    }
}
