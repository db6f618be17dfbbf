package org.hearth.models.activity;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Bathroom visits, built from the other detectors' output: a visit starts when the resident is
 * confirmed in a bathroom (or the bathroom fires again while they were last placed there, e.g.
 * after going back to bed from it) and ends when they are confirmed elsewhere, get into bed or go
 * out. A glimpse of the bathroom PIR that never became presence is not a visit.
 */
final class BathroomDetector {

    private final ActivityConfig config;
    private final ZoneId zone;
    private final Set<String> bathrooms;
    private String room;
    private Instant visitStart;

    BathroomDetector(ActivityConfig config, ZoneId zone, Set<String> bathrooms) {
        this.config = config;
        this.zone = zone;
        this.bathrooms = bathrooms;
    }

    void onActivity(Activity a, Consumer<Activity> out) {
        if (a instanceof Motion m) {
            if (room == null) {
                room = m.room();
            }
            if (visitStart == null && bathrooms.contains(m.room()) && bathrooms.contains(room)) {
                visitStart = m.at();
            }
        } else if (a instanceof RoomChanged c) {
            room = c.to();
            if (!bathrooms.contains(c.to())) {
                end(c.at(), out);
            } else if (visitStart == null) {
                visitStart = c.at();
            }
        } else if (a instanceof BedEntered || a instanceof LeftHome) {
            end(a.at(), out);
        }
    }

    private void end(Instant at, Consumer<Activity> out) {
        if (visitStart != null && at.isAfter(visitStart)) {
            boolean night = config.isNight(visitStart.atZone(zone).toLocalTime());
            out.accept(new BathroomVisit(visitStart, at, night));
        }
        visitStart = null;
    }

    /** When the current visit began, or null. */
    Instant visitStart() {
        return visitStart;
    }

    void write(DataOutput out, TrackerIO io) throws IOException {
        io.writeString(out, room);
        io.writeInstant(out, visitStart);
    }

    void read(DataInput in, TrackerIO io) throws IOException {
        room = io.readString(in);
        visitStart = io.readInstant(in);
    }
}
