package org.hearth.models.activity;

import java.time.Duration;
import java.time.Instant;

/**
 * A long silence of the whole home (no motion, bed, button, kettle or contact) that a contact opened:
 * the last sign of life before it was {@code sensorId} opening or closing. {@code roundTrip} when the
 * same contact ended it (out through a door and back in through it). What an exit door is learned
 * from ({@code rules.ExitDoors}): reported for every contact, whatever its role, at least
 * {@link #MIN_LENGTH} long, in or out of the home as the tracker believes it (so that what is
 * learned does not depend on what was learned before).
 */
public record ContactSilence(Instant at, Instant end, String sensorId, boolean roundTrip) implements Activity {

    /**
     * A silence this long is an outing or a person sitting unseen; shorter gaps are the hall, the
     * post, the bins. Half an hour: on the shared real home the front door opened 292 such silences in
     * 285 days, 221 ending with the door, and the fridge 105, 22 ending with it.
     */
    public static final Duration MIN_LENGTH = Duration.ofMinutes(30);

    public Duration duration() {
        return Duration.between(at, end);
    }
}
