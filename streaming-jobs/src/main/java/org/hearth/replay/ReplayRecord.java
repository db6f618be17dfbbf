package org.hearth.replay;

import org.hearth.ingest.deadletter.DeadLetter;
import org.hearth.models.event.SensorEvent;

/**
 * One record read from a replay file: an event, or a line that could not become one.
 *
 * @param event the event, or null
 * @param deadLetter the rejected line with its reason, or null
 */
public record ReplayRecord(SensorEvent event, DeadLetter deadLetter) {

    public static ReplayRecord of(SensorEvent event) {
        return new ReplayRecord(event, null);
    }

    public static ReplayRecord of(DeadLetter deadLetter) {
        return new ReplayRecord(null, deadLetter);
    }

    public boolean isEvent() {
        return event != null;
    }
}
