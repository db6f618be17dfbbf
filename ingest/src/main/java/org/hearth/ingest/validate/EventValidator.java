package org.hearth.ingest.validate;

import static org.hearth.ingest.deadletter.DeadLetterReason.OUT_OF_RANGE;
import static org.hearth.ingest.deadletter.DeadLetterReason.TIMESTAMP_IN_FUTURE;
import static org.hearth.ingest.deadletter.DeadLetterReason.TIMESTAMP_TOO_OLD;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.hearth.ingest.deadletter.DeadLetterReason;
import org.hearth.models.event.SensorEvent;

/**
 * Checks a decoded event for plausibility: its value against its kind's range, battery and link
 * quality against theirs, and its timestamp against the clock within the policy's bounds.
 */
public final class EventValidator {

    /** Why an event was refused. */
    public record Violation(DeadLetterReason reason, String detail) {}

    private final ValidationPolicy policy;
    private final Clock clock;

    public EventValidator(ValidationPolicy policy, Clock clock) {
        this.policy = policy;
        this.clock = clock;
    }

    public Optional<Violation> check(SensorEvent e) {
        String who = "sensor '" + e.sensorId() + "' of home '" + e.homeId() + "': ";
        if (!Double.isFinite(e.value())) {
            // 1e400 parses to Infinity, which a heartbeat's open range would otherwise accept.
            return Optional.of(new Violation(OUT_OF_RANGE, who + e.kind().wireName() + " value " + e.value() + " is not finite"));
        }
        if (!e.kind().accepts(e.value())) {
            return Optional.of(new Violation(OUT_OF_RANGE, who + e.kind().wireName() + " value " + e.value()
                    + " outside [" + e.kind().min() + ", " + e.kind().max() + "]"));
        }
        if (e.battery() != null && (e.battery() < 0 || e.battery() > 100)) {
            return Optional.of(new Violation(OUT_OF_RANGE, who + "battery " + e.battery() + "% outside [0, 100]"));
        }
        if (e.linkQuality() != null && (e.linkQuality() < 0 || e.linkQuality() > 255)) {
            return Optional.of(new Violation(OUT_OF_RANGE, who + "link quality " + e.linkQuality() + " outside [0, 255]"));
        }
        if (e.ts().isBefore(policy.earliest())) {
            return Optional.of(new Violation(TIMESTAMP_TOO_OLD, who + "ts " + e.ts() + " is before " + policy.earliest()));
        }
        if (!e.ts().isBefore(policy.latest())) {
            return Optional.of(new Violation(TIMESTAMP_IN_FUTURE, who + "ts " + e.ts() + " is not before " + policy.latest()));
        }
        Instant now = clock.instant();
        if (policy.maxAhead() != null && e.ts().isAfter(now.plus(policy.maxAhead()))) {
            return Optional.of(new Violation(TIMESTAMP_IN_FUTURE, who + "ts " + e.ts() + " is more than "
                    + policy.maxAhead() + " ahead of " + now));
        }
        if (policy.maxBehind() != null && e.ts().isBefore(now.minus(policy.maxBehind()))) {
            return Optional.of(new Violation(TIMESTAMP_TOO_OLD, who + "ts " + e.ts() + " is more than "
                    + policy.maxBehind() + " behind " + now));
        }
        return Optional.empty();
    }
}
