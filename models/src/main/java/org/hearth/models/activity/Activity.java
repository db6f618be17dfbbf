package org.hearth.models.activity;

import java.time.Instant;

/**
 * Something the resident did, recognised from raw sensor events by {@link ActivityTracker}.
 *
 * <p>Every activity has the event time {@link #at()} at which it began; spells also carry an end.
 * Activities are emitted when they are certain (a bed exit after its debounce, a boil when the
 * power drops), so they may arrive some minutes after {@code at}; consumers must not assume they
 * arrive in {@code at} order across kinds.
 */
public sealed interface Activity
        permits KettleBoil, BedEntered, BedExited, Motion, RoomChanged, DoorOpened, DoorClosed,
                LeftHome, ReturnedHome, BathroomVisit, Stillness, ContactSilence {

    /** When the activity began (event time, UTC). */
    Instant at();
}
