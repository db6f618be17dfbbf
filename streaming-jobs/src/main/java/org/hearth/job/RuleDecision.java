package org.hearth.job;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;
import org.hearth.models.rules.RuleOutcome;

/**
 * A rule's outcome on its way from the home's detector to the alert lifecycle of (resident, rule).
 *
 * @param homeId the home (one resident per home)
 * @param outcome raised or cleared, when and why
 * @param urgent decided on the event's arrival, ahead of the watermark (the help button, which
 *     alerts at once: {@link org.hearth.models.rules.HelpPress}); the event-time path decides the
 *     same press again later, and the lifecycle keeps one alert ({@link LifecycleDriver#urgentAppliesAtOnce}). Written only
 *     when true, so other decisions read and write as before.
 */
public record RuleDecision(String homeId, RuleOutcome outcome,
                           @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean urgent) implements LifecycleCommand {

    public RuleDecision {
        Objects.requireNonNull(homeId, "homeId");
        Objects.requireNonNull(outcome, "outcome");
    }

    /** A decision made in event-time order (the usual kind). */
    public RuleDecision(String homeId, RuleOutcome outcome) {
        this(homeId, outcome, false);
    }

    /**
     * For Jackson: a decision written before the flag existed (waiting in a checkpoint's keyed state)
     * has none, and Hearth's JSON refuses a missing primitive ({@code FAIL_ON_NULL_FOR_PRIMITIVES}).
     * (An {@code answers} list, which a help press carried from the detector to the pre-alert gate
     * before issue 17 folded the gate into the detector, never reached the lifecycle's state; unknown
     * properties are ignored anyway.)
     */
    @JsonCreator
    static RuleDecision read(@JsonProperty("homeId") String homeId, @JsonProperty("outcome") RuleOutcome outcome,
                             @JsonProperty("urgent") Boolean urgent) {
        return new RuleDecision(homeId, outcome, Boolean.TRUE.equals(urgent));
    }

    /** A raise decided on arrival, ahead of the watermark. */
    public static RuleDecision urgent(String homeId, RuleOutcome raise) {
        if (raise.change() != RuleOutcome.Change.RAISE) {
            throw new IllegalArgumentException("only a raise is urgent: " + raise);
        }
        return new RuleDecision(homeId, raise, true);
    }

    /** The lifecycle key: one lifecycle per (resident, rule); a home has one resident. */
    @Override
    public String lifecycleKey() {
        return homeId + '|' + outcome.rule().wireName();
    }

    @Override
    public java.time.Instant at() {
        return outcome.at();
    }
}
