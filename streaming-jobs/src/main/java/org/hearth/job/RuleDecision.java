package org.hearth.job;

import java.util.Objects;
import org.hearth.models.rules.RuleOutcome;

/**
 * A rule's outcome on its way from the home's detector to the alert lifecycle of (resident, rule).
 *
 * @param homeId the home (one resident per home)
 * @param outcome raised or cleared, when and why
 */
public record RuleDecision(String homeId, RuleOutcome outcome) implements LifecycleCommand {

    public RuleDecision {
        Objects.requireNonNull(homeId, "homeId");
        Objects.requireNonNull(outcome, "outcome");
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
