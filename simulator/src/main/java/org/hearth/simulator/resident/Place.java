package org.hearth.simulator.resident;

/** Where a person is: a room of the home, in bed, or out of the home. */
public enum Place {
    BED("bedroom"),
    BEDROOM("bedroom"),
    BATHROOM("bathroom"),
    KITCHEN("kitchen"),
    LIVING("living"),
    DINING("dining"),
    HALL("hall"),
    OUT(null);

    private final String room;

    Place(String room) {
        this.room = room;
    }

    /** The room name used in {@code homes.yaml}, or null when out. */
    public String room() {
        return room;
    }

    /** Whether moving between these places passes through the hall. */
    boolean needsHallBetween(Place other) {
        if (this == other || this == HALL || other == HALL || this == OUT || other == OUT) {
            return false;
        }
        return !(room.equals(other.room));
    }
}
