package org.hearth.installer.control;

import java.util.List;
import org.hearth.models.registry.Sensor;

/**
 * A sensor whose registration changed between two registries (same id).
 *
 * @param before as it was
 * @param after as it is now
 * @param fields which fields differ: {@code kind}, {@code room}, {@code role}, {@code device}
 */
public record SensorChange(Sensor before, Sensor after, List<String> fields) {

    public SensorChange {
        fields = List.copyOf(fields);
    }

    public String sensorId() {
        return after.id();
    }

    /**
     * Whether the sensor's own state in the job (last reading, offline timer, battery) must be
     * dropped: its kind changed, so old readings mean something else. A new device or room for the
     * same id is a swap or a move: readings of the new device continue the old ones.
     */
    public boolean resetsSensorState() {
        return fields.contains("kind");
    }
}
