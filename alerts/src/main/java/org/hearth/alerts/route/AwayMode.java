package org.hearth.alerts.route;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import org.hearth.models.alert.Rule;

/**
 * A pause of behavioural monitoring for one home, set by a carer or the installer, always with an
 * end: an away mode that never ends would silently switch monitoring off for good.
 *
 * @param homeId the home
 * @param kind hospital, holiday or visitor
 * @param from when it started (event time)
 * @param until when it ends by itself (exclusive)
 * @param setBy pseudonymous id of who set it ({@code carer-0}, {@code installer})
 */
public record AwayMode(String homeId, AwayKind kind, Instant from, Instant until, String setBy) implements Serializable {

    public AwayMode {
        Objects.requireNonNull(homeId, "homeId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(until, "until (an away mode must have an end)");
        Objects.requireNonNull(setBy, "setBy");
        if (!until.isAfter(from)) {
            throw new IllegalArgumentException("away mode must end after it starts");
        }
    }

    public boolean activeAt(Instant at) {
        return !at.isBefore(from) && at.isBefore(until);
    }

    /** Away modes silence behavioural rules only: never the help button, never system alerts. */
    public boolean silences(Rule rule, Instant at) {
        return rule.behavioural() && activeAt(at);
    }
}
