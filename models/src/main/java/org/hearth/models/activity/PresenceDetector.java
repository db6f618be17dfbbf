package org.hearth.models.activity;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.time.Instant;
import java.util.function.Consumer;
import org.hearth.models.event.SensorEvent;
import org.hearth.models.event.SensorKind;
import org.hearth.models.registry.Sensor;

/**
 * The room the resident is in, from motion sensors. A PIR reports once and is then blind for a
 * while, and retriggers irregularly while someone moves, so presence never times out: the resident
 * stays in the last confirmed room until another room fires. A move to another room is confirmed
 * only if the old room stays quiet for {@code roomSettle} after the new one fired; if the old room
 * fires again first, the other room was a glimpse (a PIR seeing through a doorway, two rooms firing
 * at once) and no move is recorded. When several other rooms fire within the settle time the last
 * one wins.
 */
final class PresenceDetector implements Detector {

    private final ActivityConfig config;
    private String current;
    private String pendingRoom;
    private Instant pendingAt;
    private String lastSeenRoom;

    PresenceDetector(ActivityConfig config) {
        this.config = config;
    }

    @Override
    public Instant nextDeadline() {
        return pendingAt == null ? null : pendingAt.plus(config.roomSettle());
    }

    @Override
    public void fire(Consumer<Activity> out) {
        out.accept(new RoomChanged(pendingAt, current, pendingRoom));
        current = pendingRoom;
        pendingRoom = null;
        pendingAt = null;
    }

    @Override
    public void onEvent(SensorEvent e, Sensor sensor, Consumer<Activity> out) {
        if (sensor.kind() != SensorKind.MOTION || !e.isOn()) {
            return;
        }
        String room = sensor.room() == null ? sensor.id() : sensor.room();
        lastSeenRoom = room;
        out.accept(new Motion(e.ts(), room));
        if (current == null) {
            current = room;
        } else if (room.equals(current)) {
            pendingRoom = null;
            pendingAt = null;
        } else if (!room.equals(pendingRoom)) {
            pendingRoom = room;
            pendingAt = e.ts();
        }
    }

    String current() {
        return current;
    }

    String lastSeenRoom() {
        return lastSeenRoom;
    }

    void write(DataOutput out, TrackerIO io) throws IOException {
        io.writeString(out, current);
        io.writeString(out, pendingRoom);
        io.writeInstant(out, pendingAt);
        io.writeString(out, lastSeenRoom);
    }

    void read(DataInput in, TrackerIO io) throws IOException {
        current = io.readString(in);
        pendingRoom = io.readString(in);
        pendingAt = io.readInstant(in);
        lastSeenRoom = io.readString(in);
    }
}
