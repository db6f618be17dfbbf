package org.hearth.models.activity;

import java.time.Instant;
import java.util.function.Consumer;
import org.hearth.models.event.SensorEvent;
import org.hearth.models.registry.Sensor;

/**
 * One small state machine inside {@link ActivityTracker}. Events arrive in canonical event-time
 * order; a detector that waits for something not to happen (a debounce, "away after") exposes the
 * deadline, and the tracker fires deadlines in time order, so the output does not depend on how
 * events were batched.
 */
interface Detector {

    /** The earliest pending deadline, or null. */
    default Instant nextDeadline() {
        return null;
    }

    /** Resolves the pending decision whose deadline is {@link #nextDeadline()}. */
    default void fire(Consumer<Activity> out) {}

    /** Applies one event from a registered sensor. */
    void onEvent(SensorEvent event, Sensor sensor, Consumer<Activity> out);
}
