package org.hearth.models.activity;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.time.Instant;
import java.util.function.Consumer;
import org.hearth.models.event.SensorEvent;
import org.hearth.models.registry.Sensor;
import org.hearth.models.registry.SensorRole;

/**
 * Bed entries and exits from the bed sensor, debounced both ways: a change counts only when the new
 * state lasts longer than the debounce (turning over, sitting on the edge to put on socks, a
 * flickering pad). The activity carries the time of the first reading of the new state.
 */
final class BedDetector implements Detector {

    private final ActivityConfig config;
    private boolean inBed;
    private boolean rawOccupied;
    private Instant rawChangedAt;
    private Instant pendingSince;

    BedDetector(ActivityConfig config) {
        this.config = config;
    }

    @Override
    public Instant nextDeadline() {
        if (pendingSince == null) {
            return null;
        }
        return pendingSince.plus(inBed ? config.bedExitDebounce() : config.bedEntryDebounce());
    }

    @Override
    public void fire(Consumer<Activity> out) {
        inBed = !inBed;
        out.accept(inBed ? new BedEntered(pendingSince) : new BedExited(pendingSince));
        pendingSince = null;
    }

    @Override
    public void onEvent(SensorEvent e, Sensor sensor, Consumer<Activity> out) {
        if (sensor.role() != SensorRole.BED && sensor.kind() != org.hearth.models.event.SensorKind.BED) {
            return;
        }
        if (e.isOn() != rawOccupied || rawChangedAt == null) {
            rawChangedAt = e.ts();
        }
        rawOccupied = e.isOn();
        if (rawOccupied == inBed) {
            pendingSince = null;
        } else if (pendingSince == null) {
            pendingSince = e.ts();
        }
    }

    boolean rawOccupied() {
        return rawOccupied;
    }

    /** When the bed's reading last changed (or was first read), or null before any reading. */
    Instant rawChangedAt() {
        return rawChangedAt;
    }

    void write(DataOutput out, TrackerIO io) throws IOException {
        out.writeBoolean(inBed);
        out.writeBoolean(rawOccupied);
        io.writeInstant(out, rawChangedAt);
        io.writeInstant(out, pendingSince);
    }

    void read(DataInput in, TrackerIO io) throws IOException {
        inBed = in.readBoolean();
        rawOccupied = in.readBoolean();
        rawChangedAt = io.readInstant(in);
        pendingSince = io.readInstant(in);
    }
}
