package org.hearth.models.rules;

import java.time.Instant;
import java.util.Objects;
import org.hearth.models.alert.Rule;
import org.hearth.models.explain.Explanation;

/**
 * One decision of a rule: its condition became true ({@link Change#RAISE}) or cleared
 * ({@link Change#CLEAR}). The alert lifecycle turns these into alerts and resolutions, so that a
 * rule never has to know whether an alert is already open.
 *
 * @param rule which rule decided
 * @param change raised or cleared
 * @param at the event time of the decision: a deadline for timers, the event's time otherwise
 * @param explanation expected versus observed, for the message and the alert line
 */
public record RuleOutcome(Rule rule, Change change, Instant at, Explanation explanation) {

    /** Whether the condition started or ended. */
    public enum Change { RAISE, CLEAR }

    public RuleOutcome {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(change, "change");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(explanation, "explanation");
    }

    public static RuleOutcome raise(Rule rule, Instant at, Explanation why) {
        return new RuleOutcome(rule, Change.RAISE, at, why);
    }

    public static RuleOutcome clear(Rule rule, Instant at, Explanation why) {
        return new RuleOutcome(rule, Change.CLEAR, at, why);
    }
}
