package org.hearth.job.status;

import java.time.Instant;
import java.util.Objects;

/**
 * An alert opened or closed for a home, as the alert lifecycle saw it: the detector only knows
 * whether a rule's condition holds, the lifecycle knows whether an alert is open (raised and not
 * yet resolved or cancelled, acknowledged or not).
 *
 * @param homeId the home
 * @param rule the rule's wire name, e.g. {@code no-kettle}
 * @param open true when the alert opened, false when it closed
 * @param at the event time of the change
 */
public record AlertFact(String homeId, String rule, boolean open, Instant at) {

    public AlertFact {
        Objects.requireNonNull(homeId, "homeId");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(at, "at");
    }

    /**
     * The fact for a lifecycle key ({@code home|rule}) whose open alert came or went, or null when
     * nothing changed: the one call the lifecycle's Flink function makes.
     */
    public static AlertFact ifChanged(String lifecycleKey, boolean wasOpen, boolean isOpen, Instant at) {
        if (wasOpen == isOpen) {
            return null;
        }
        int bar = lifecycleKey.lastIndexOf('|');
        return new AlertFact(lifecycleKey.substring(0, bar), lifecycleKey.substring(bar + 1), isOpen, at);
    }
}
