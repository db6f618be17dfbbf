package org.hearth.models.day;

import java.util.Comparator;
import java.util.Objects;

/** A room in a time band: the key of longest-stillness figures. */
public record RoomBand(String room, TimeBand band) implements Comparable<RoomBand> {

    private static final Comparator<RoomBand> ORDER =
            Comparator.comparing(RoomBand::room).thenComparing(RoomBand::band);

    public RoomBand {
        Objects.requireNonNull(room, "room");
        Objects.requireNonNull(band, "band");
    }

    @Override
    public int compareTo(RoomBand o) {
        return ORDER.compare(this, o);
    }
}
