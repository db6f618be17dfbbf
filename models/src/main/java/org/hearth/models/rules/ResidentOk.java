package org.hearth.models.rules;

import java.time.Instant;
import java.util.Objects;
import org.hearth.models.alert.Rule;

/**
 * The resident answered a rule's "I'm OK" pre-alert (a press on a device in the home within the
 * window, before any carer was texted): what that rule saw was normal for this person. The learned
 * rules keep these answers for as long as the day they fell on is in the baseline's window and
 * treat the situation as a normal observation ({@link LearnedRules#residentOk}).
 *
 * @param rule the rule whose pre-alert was answered
 * @param at the press's event time
 */
public record ResidentOk(Rule rule, Instant at) {

    public ResidentOk {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(at, "at");
    }
}
