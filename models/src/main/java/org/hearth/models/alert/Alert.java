package org.hearth.models.alert;

import java.time.Instant;
import java.util.Objects;

/**
 * One alert raised: one line of {@code alerts.jsonl} (DESIGN.md Contracts). Components are in the
 * contract's order, so the JSON is written in that order too.
 *
 * @param alertId stable id: the same alert replayed gets the same id
 * @param homeId the home
 * @param residentId the resident's pseudonymous id
 * @param rule which rule raised it
 * @param severity how it is routed
 * @param at the event time at which the alert was raised
 * @param expected what is usual, in plain words ("usually up by 08:10")
 * @param observed what happened instead ("no movement since 22:41")
 * @param message the SMS text
 */
public record Alert(
        String alertId,
        String homeId,
        String residentId,
        Rule rule,
        Severity severity,
        Instant at,
        String expected,
        String observed,
        String message) {

    public Alert {
        Objects.requireNonNull(alertId, "alertId");
        Objects.requireNonNull(homeId, "homeId");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(at, "at");
    }
}
