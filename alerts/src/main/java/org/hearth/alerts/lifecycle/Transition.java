package org.hearth.alerts.lifecycle;

import java.time.Instant;
import java.util.List;

/**
 * The result of one lifecycle step.
 *
 * @param state the new state, or null when no alert is open (clear the keyed state)
 * @param events what happened, in order: store them and hand them to delivery
 * @param wakeAt when to call back with a {@link LifecycleInput.Tick} (register an event-time timer),
 *     or null for no timer; a tick that arrives early or late is harmless
 */
public record Transition(LifecycleState state, List<LifecycleEvent> events, Instant wakeAt) {

    public Transition {
        events = events == null ? List.of() : List.copyOf(events);
    }
}
