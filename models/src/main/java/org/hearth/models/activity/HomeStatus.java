package org.hearth.models.activity;

import java.time.Duration;
import java.time.Instant;

/**
 * What the tracker believes now, for timers of live rules ("no movement since 22:41", "still in
 * the bathroom for 50 minutes", "went out at 02:10 and not back").
 *
 * @param watermark the event time up to which every event has been applied
 * @param lastSignOfLife the last motion, door, bed change, button press or kettle switch-on, or null
 * @param lastSeenRoom the room of the last motion reading, or null
 * @param currentRoom the confirmed room the resident is in, or null before any motion
 * @param inBed whether the bed reads occupied (raw, not debounced)
 * @param bedReadingSince when the bed's reading last changed (a null or old one while out of bed
 *     at night may mean a lost "in bed" reading), or null before any bed reading
 * @param awaySince when the resident went out, if out; else null
 * @param kettleOnSince when the kettle switched on, if it is on now; else null
 */
public record HomeStatus(
        Instant watermark,
        Instant lastSignOfLife,
        String lastSeenRoom,
        String currentRoom,
        boolean inBed,
        Instant bedReadingSince,
        Instant awaySince,
        Instant kettleOnSince) {

    public boolean away() {
        return awaySince != null;
    }

    /** How long nothing has moved as of {@code now}, or zero when nothing was ever seen. */
    public Duration stillFor(Instant now) {
        return lastSignOfLife == null || now.isBefore(lastSignOfLife)
                ? Duration.ZERO : Duration.between(lastSignOfLife, now);
    }
}
