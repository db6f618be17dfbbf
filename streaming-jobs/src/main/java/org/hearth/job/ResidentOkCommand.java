package org.hearth.job;

import java.time.Instant;
import java.util.Objects;
import org.hearth.models.alert.Rule;

/**
 * The resident pressed the help button during the "I'm OK" pre-alert of {@code rule} (decided by
 * {@link HomeDetector}): the lifecycle cancels that alert before any carer is texted
 * ({@code CANCELLED}, reason {@code resident-ok}).
 *
 * @param homeId the home
 * @param rule the rule whose pre-alert the press answered
 * @param at the press's event time
 */
public record ResidentOkCommand(String homeId, Rule rule, Instant at) implements LifecycleCommand {

    public ResidentOkCommand {
        Objects.requireNonNull(homeId, "homeId");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(at, "at");
    }

    @Override
    public String lifecycleKey() {
        return homeId + '|' + rule.wireName();
    }
}
