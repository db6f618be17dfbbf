package org.hearth.ingest.validate;

import static org.hearth.ingest.deadletter.DeadLetterReason.DROPPED_FIELD;
import static org.hearth.ingest.deadletter.DeadLetterReason.OUT_OF_RANGE;
import static org.hearth.ingest.deadletter.DeadLetterReason.TIMESTAMP_IN_FUTURE;
import static org.hearth.ingest.deadletter.DeadLetterReason.TIMESTAMP_TOO_OLD;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.hearth.ingest.deadletter.DeadLetterReason;
import org.hearth.models.event.SensorEvent;

/**
 * Checks a decoded event for plausibility: its value against its kind's range and its timestamp
 * against the clock within the policy's bounds (either refuses the event); battery and link
 * quality against theirs (an implausible one is dropped, the event kept).
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

    /**
     * The event without its implausible optional fields (battery outside [0, 100], link quality
     * outside [0, 255]), each dropped field reported in {@code dropped} as {@code dropped-field}:
     * a bad battery reading never costs the motion or door reading it came with.
     */
    public SensorEvent withoutImplausibleExtras(SensorEvent e, List<Violation> dropped) {
        Integer battery = e.battery();
        Integer linkQuality = e.linkQuality();
        if (battery != null && (battery < 0 || battery > 100)) {
            dropped.add(new Violation(DROPPED_FIELD, who(e) + "battery " + battery + "% outside [0, 100]; dropped, the reading was kept"));
            battery = null;
        }
        if (linkQuality != null && (linkQuality < 0 || linkQuality > 255)) {
            dropped.add(new Violation(DROPPED_FIELD, who(e) + "link quality " + linkQuality + " outside [0, 255]; dropped, the reading was kept"));
            linkQuality = null;
        }
        return Objects.equals(battery, e.battery()) && Objects.equals(linkQuality, e.linkQuality()) ? e
                : new SensorEvent(e.homeId(), e.sensorId(), e.ts(), e.kind(), e.value(), battery, linkQuality);
    }

    /** Whether {@link #withoutImplausibleExtras} would return the event unchanged, dropping nothing. */
    public boolean hasPlausibleExtras(SensorEvent e) {
        Integer battery = e.battery();
        Integer linkQuality = e.linkQuality();
        return (battery == null || (battery >= 0 && battery <= 100)) && (linkQuality == null || (linkQuality >= 0 && linkQuality <= 255));
    }

    private static String who(SensorEvent e) {
        return "home '" + e.homeId() + "': ";
    }

    /** Why the event must be refused (value or time implausible), if it must. */
    public Optional<Violation> check(SensorEvent e) {
        return Optional.ofNullable(violation(e));
    }

    /**
     * Why the event must be refused, or null: {@link #check} without the Optional, for the per-message
     * path. The sentence naming the sensor is built only for a refusal.
     */
    public Violation violation(SensorEvent e) {
        if (!Double.isFinite(e.value())) {
            // 1e400 parses to Infinity, which a heartbeat's open range would otherwise accept.
            return new Violation(OUT_OF_RANGE, sensor(e) + e.kind().wireName() + " value " + e.value() + " is not finite");
        }
        if (!e.kind().accepts(e.value())) {
            return new Violation(OUT_OF_RANGE, sensor(e) + e.kind().wireName() + " value " + e.value()
                    + " outside [" + e.kind().min() + ", " + e.kind().max() + "]");
        }
        if (e.ts().isBefore(policy.earliest())) {
            return new Violation(TIMESTAMP_TOO_OLD, sensor(e) + "ts " + e.ts() + " is before " + policy.earliest());
        }
        if (!e.ts().isBefore(policy.latest())) {
            return new Violation(TIMESTAMP_IN_FUTURE, sensor(e) + "ts " + e.ts() + " is not before " + policy.latest());
        }
        if (policy.maxAhead() == null && policy.maxBehind() == null) {
            return null;
        }
        Instant now = clock.instant();
        if (policy.maxAhead() != null && e.ts().isAfter(now.plus(policy.maxAhead()))) {
            return new Violation(TIMESTAMP_IN_FUTURE, sensor(e) + "ts " + e.ts() + " is more than "
                    + policy.maxAhead() + " ahead of " + now);
        }
        if (policy.maxBehind() != null && e.ts().isBefore(now.minus(policy.maxBehind()))) {
            return new Violation(TIMESTAMP_TOO_OLD, sensor(e) + "ts " + e.ts() + " is more than "
                    + policy.maxBehind() + " behind " + now);
        }
        return null;
    }

    private static String sensor(SensorEvent e) {
        return "sensor '" + e.sensorId() + "' of home '" + e.homeId() + "': ";
    }
}
