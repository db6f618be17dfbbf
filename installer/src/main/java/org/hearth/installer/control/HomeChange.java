package org.hearth.installer.control;

import java.util.ArrayList;
import java.util.List;

/**
 * What changed in one home present in both registries.
 *
 * @param homeId the home
 * @param sensorsAdded ids of new sensors
 * @param sensorsRemoved ids of sensors gone
 * @param sensorsChanged sensors whose kind, room, role or device changed
 * @param residentBefore the resident id before
 * @param residentAfter the resident id now
 * @param settingsChanged other home fields that changed ({@code timezone}, {@code carers},
 *     {@code installer}, {@code cohort}, {@code overrides}, {@code hubs}, {@code alias})
 */
public record HomeChange(
        String homeId,
        List<String> sensorsAdded,
        List<String> sensorsRemoved,
        List<SensorChange> sensorsChanged,
        String residentBefore,
        String residentAfter,
        List<String> settingsChanged) {

    public HomeChange {
        sensorsAdded = List.copyOf(sensorsAdded);
        sensorsRemoved = List.copyOf(sensorsRemoved);
        sensorsChanged = List.copyOf(sensorsChanged);
        settingsChanged = List.copyOf(settingsChanged);
    }

    /**
     * Whether the learned baseline must start again: only when a different person lives there.
     * Baselines are keyed by resident id, so swapping, adding or removing sensors keeps them.
     */
    public boolean residentChanged() {
        return !residentBefore.equals(residentAfter);
    }

    /** Sensors whose per-sensor state the job should drop: removed ones and ones that changed kind. */
    public List<String> sensorStateToDrop() {
        List<String> drop = new ArrayList<>(sensorsRemoved);
        sensorsChanged.stream().filter(SensorChange::resetsSensorState).map(SensorChange::sensorId).forEach(drop::add);
        return List.copyOf(drop);
    }

    public boolean isEmpty() {
        return sensorsAdded.isEmpty() && sensorsRemoved.isEmpty() && sensorsChanged.isEmpty() && !residentChanged()
                && settingsChanged.isEmpty();
    }

    /** One line per change, for the installer. */
    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        if (residentChanged()) {
            lines.add("home " + homeId + ": resident changed (" + residentBefore + " -> " + residentAfter
                    + "): learning starts again for " + residentAfter);
        }
        sensorsAdded.forEach(s -> lines.add("home " + homeId + ": sensor " + s + " added"));
        sensorsRemoved.forEach(s -> lines.add("home " + homeId + ": sensor " + s + " removed"));
        for (SensorChange c : sensorsChanged) {
            lines.add("home " + homeId + ": sensor " + c.sensorId() + " changed (" + String.join(", ", c.fields()) + ")"
                    + (c.resetsSensorState() ? ": its readings start afresh" : ": baseline kept"));
        }
        if (!settingsChanged.isEmpty()) {
            lines.add("home " + homeId + ": " + String.join(", ", settingsChanged) + " changed");
        }
        return lines;
    }
}
