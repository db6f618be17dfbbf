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

/**
 * Out-of-home spells. After the front door (or a contact learned as an exit door) is used, if nothing inside moves for {@code awayAfter}
 * (motion in the door's own room in the first {@code doorGrace} is the resident passing the hall PIR
 * on the way out), the resident went out at the time of that door event. Motion in any other room
 * after the door, however soon, means they are in (as does a cupboard or fridge opened, or a button
 * pressed, {@link #onOpened}): someone who lets a visitor in, takes in the post
 * or comes home and walks into the living room has not gone out (on a real home, inserted
 * emergencies that began a minute after such a door use were taken for outings and never raised). They are back at the first motion or bed
 * reading inside; if the front door was used shortly before, at that door event.
 */
final class AwayDetector implements Detector {

    private final ActivityConfig config;
    private final Set<String> frontDoorRooms;
    /** The front doors' rooms and those of the contacts learned as exit doors. */
    private Set<String> doorRooms;
    /** Contacts learned as exit doors ({@link ActivityTracker#learnExitDoors}): used as the front door is. */
    private Set<String> learnedDoors = Set.of();
    private Instant pendingDoor;
    private Instant awaySince;
    private Instant doorWhileAway;

    /** @param doorRooms the rooms of the home's front doors, whose motion may be the way out */
    AwayDetector(ActivityConfig config, Set<String> doorRooms) {
        this.config = config;
        this.frontDoorRooms = Set.copyOf(doorRooms);
        this.doorRooms = frontDoorRooms;
    }

    /** The contacts learned as exit doors, and their rooms (motion there may be the way out, too). */
    void learnedDoors(Set<String> ids, Set<String> rooms) {
        learnedDoors = Set.copyOf(ids);
        if (frontDoorRooms.containsAll(rooms)) { // none learned, or in the front doors' rooms: told at every restore
            doorRooms = frontDoorRooms;
            return;
        }
        Set<String> all = new java.util.HashSet<>(frontDoorRooms);
        all.addAll(rooms);
        doorRooms = Set.copyOf(all);
    }

    /** Whether {@code sensor} is a way out: the front door, or a contact learned as an exit door. */
    boolean isExit(Sensor sensor) {
        return sensor.isWayOut(learnedDoors);
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
        if (isExit(sensor)) {
            if (awaySince != null) {
                doorWhileAway = e.ts();
            } else {
                pendingDoor = e.ts();
            }
            return;
        }
        boolean inside = (sensor.kind() == SensorKind.MOTION || sensor.kind() == SensorKind.BED
                || sensor.kind() == SensorKind.BUTTON) && e.isOn();
        if (inside) {
            inside(e.ts(), sensor.room(), out);
        }
    }

    /**
     * A cupboard, fridge or drawer opened (any contact but the front door and the learned exit doors): a hand inside, as motion
     * is. Taken from {@link DoorDetector}'s {@code DoorOpened}, a change of state, so that a contact
     * that repeats its state (a window left open while the resident is out) does not bring them home.
     * Without it, someone who came home, opened the fridge and fell in the kitchen before its PIR saw
     * them was taken for out (a real home: an emergency inserted at 14:05 after the door at 14:02 and
     * the fridge and freezer at 14:04, never raised).
     */
    void onOpened(DoorOpened opened, Consumer<Activity> out) {
        if (!opened.frontDoor() && !learnedDoors.contains(opened.sensorId())) {
            inside(opened.at(), opened.room(), out);
        }
    }

    private void inside(Instant t, String room, Consumer<Activity> out) {
        if (awaySince != null) {
            Instant back = doorWhileAway != null
                    && !doorWhileAway.plus(config.awayAfter()).isBefore(t) ? doorWhileAway : t;
            out.accept(new ReturnedHome(back, awaySince));
            awaySince = null;
            doorWhileAway = null;
        } else if (pendingDoor != null && (t.isAfter(pendingDoor.plus(config.doorGrace())) || elsewhereThanTheDoor(room))) {
            pendingDoor = null;
        }
    }

    /** A room known not to be a front door's (a home whose doors have no room keeps the grace alone). */
    private boolean elsewhereThanTheDoor(String room) {
        return !doorRooms.isEmpty() && room != null && !doorRooms.contains(room);
    }

    Instant awaySince() {
        return awaySince;
    }

    void write(DataOutput out, TrackerIO io) throws IOException {
        io.writeInstant(out, pendingDoor);
        io.writeInstant(out, awaySince);
        io.writeInstant(out, doorWhileAway);
    }

    void read(DataInput in, TrackerIO io) throws IOException {
        pendingDoor = io.readInstant(in);
        awaySince = io.readInstant(in);
        doorWhileAway = io.readInstant(in);
    }
}
