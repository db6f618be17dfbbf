package org.hearth.models.activity;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.time.Instant;
import java.util.Set;
import java.util.function.Consumer;
import org.hearth.models.event.SensorEvent;
import org.hearth.models.event.SensorKind;
import org.hearth.models.registry.Sensor;
import org.hearth.models.registry.SensorRole;

/**
 * Out-of-home spells. After the front door is used, if nothing inside moves for {@code awayAfter}
 * (motion in the door's own room in the first {@code doorGrace} is the resident passing the hall PIR
 * on the way out), the resident went out at the time of that door event. Motion in any other room
 * after the door, however soon, means they are in (as does a cupboard or fridge opened, or a button
 * pressed): someone who lets a visitor in, takes in the post
 * or comes home and walks into the living room has not gone out (on a real home, inserted
 * emergencies that began a minute after such a door use were taken for outings and never raised). They are back at the first motion or bed
 * reading inside; if the front door was used shortly before, at that door event.
 */
final class AwayDetector implements Detector {

    private final ActivityConfig config;
    private final Set<String> doorRooms;
    private Instant pendingDoor;
    private Instant awaySince;
    private Instant doorWhileAway;

    /** @param doorRooms the rooms of the home's front doors, whose motion may be the way out */
    AwayDetector(ActivityConfig config, Set<String> doorRooms) {
        this.config = config;
        this.doorRooms = Set.copyOf(doorRooms);
    }

    @Override
    public Instant nextDeadline() {
        return pendingDoor == null ? null : pendingDoor.plus(config.awayAfter());
    }

    @Override
    public void fire(Consumer<Activity> out) {
        awaySince = pendingDoor;
        pendingDoor = null;
        doorWhileAway = null;
        out.accept(new LeftHome(awaySince));
    }

    @Override
    public void onEvent(SensorEvent e, Sensor sensor, Consumer<Activity> out) {
        if (sensor.role() == SensorRole.FRONT_DOOR && sensor.kind() == SensorKind.CONTACT) {
            if (awaySince != null) {
                doorWhileAway = e.ts();
            } else {
                pendingDoor = e.ts();
            }
            return;
        }
        if (!handInside(e, sensor)) {
            return;
        }
        if (awaySince != null) {
            Instant back = doorWhileAway != null
                    && !doorWhileAway.plus(config.awayAfter()).isBefore(e.ts()) ? doorWhileAway : e.ts();
            out.accept(new ReturnedHome(back, awaySince));
            awaySince = null;
            doorWhileAway = null;
        } else if (pendingDoor != null
                && (e.ts().isAfter(pendingDoor.plus(config.doorGrace())) || elsewhereThanTheDoor(sensor))) {
            pendingDoor = null;
        }
    }

    /**
     * A reading only someone inside can cause: motion, getting into bed, and besides them a cupboard,
     * fridge or drawer opened or a button pressed (any contact but the front door, which is handled
     * above). Closings and other "off" readings are left out: contact sensors repeat their closed state
     * periodically. Without the hand-made readings, someone who came home, opened the fridge and fell
     * in the kitchen before its PIR saw them was taken for out (a real home, an emergency inserted
     * at 14:05 after the door at 14:02 and the fridge and freezer at 14:04: never raised).
     */
    private static boolean handInside(SensorEvent e, Sensor sensor) {
        return switch (sensor.kind()) {
            case MOTION, BED, CONTACT, BUTTON -> e.isOn();
            default -> false;
        };
    }

    /** Motion in a room known not to be a front door's (a home whose doors have no room keeps the grace alone). */
    private boolean elsewhereThanTheDoor(Sensor sensor) {
        return !doorRooms.isEmpty() && sensor.room() != null && !doorRooms.contains(sensor.room());
    }

    Instant awaySince() {
        return awaySince;
    }

    void write(DataOutput out) throws IOException {
        TrackerIO.writeInstant(out, pendingDoor);
        TrackerIO.writeInstant(out, awaySince);
        TrackerIO.writeInstant(out, doorWhileAway);
    }

    void read(DataInput in) throws IOException {
        pendingDoor = TrackerIO.readInstant(in);
        awaySince = TrackerIO.readInstant(in);
        doorWhileAway = TrackerIO.readInstant(in);
    }
}
