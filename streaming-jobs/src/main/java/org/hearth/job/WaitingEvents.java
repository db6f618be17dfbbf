package org.hearth.job;

import java.util.Set;
import org.hearth.models.event.SensorEvent;

/** Where {@link HomeDetector} puts the events that wait for the watermark when its operator keeps them. */
interface WaitingEvents {

    /** Keeps an event until the watermark passes it (the current key is its home). */
    void add(SensorEvent event) throws Exception;

    /** Drops every waiting event of the given homes (removed from the registry); returns how many. */
    int forget(Set<String> homes) throws Exception;
}
