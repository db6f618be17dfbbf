package org.hearth.models.activity;

import java.util.Objects;
import java.util.Set;
import org.hearth.models.registry.Home;

/**
 * A home as an {@link ActivityTracker} sees it: its kit, and the rooms the tracker derives from it (those of the front
 * doors, where motion may be the way out, and those that count as a bathroom). Worked out once per kit and shared by
 * every tracker restored for it: on RocksDB the tracker is restored from its bytes at every event, and deriving the
 * rooms again each time was ~6 % of the detector's per-event path (issue 18, hot-13).
 */
public record TrackedHome(Home home, Set<String> frontDoorRooms, Set<String> bathroomRooms) {

    public TrackedHome {
        Objects.requireNonNull(home, "home");
        frontDoorRooms = Set.copyOf(frontDoorRooms);
        bathroomRooms = Set.copyOf(bathroomRooms);
    }

    public static TrackedHome of(Home home) {
        return new TrackedHome(home, ActivityTracker.frontDoorRooms(home), ActivityTracker.bathroomRooms(home));
    }
}
