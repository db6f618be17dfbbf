package org.hearth.models.registry;

import org.hearth.models.event.SensorKind;

/**
 * One registered sensor.
 *
 * @param id the sensor id, unique within the home (the last segment of a native topic)
 * @param kind what it reports
 * @param room a free room name ("kitchen", "bathroom", ...)
 * @param role what the rules use it for, or null
 * @param device the device's name on a non-native hub (Zigbee2MQTT friendly name, Shelly device id,
 *     Tasmota topic), or null for native sensors
 */
public record Sensor(String id, SensorKind kind, String room, SensorRole role, String device) {

    /**
     * The record's own format, built without {@code String.format}: Java 17 writes a record's {@code toString} through it,
     * and every home's rules build a key from their sensors' text when first used (a start's first minutes, issue 18).
     */
    @Override
    public String toString() {
        return "Sensor[id=" + id + ", kind=" + kind + ", room=" + room + ", role=" + role + ", device=" + device + "]";
    }

    public boolean hasRole(SensorRole wanted) {
        return role == wanted;
    }

    /**
     * Whether this is a way out of the home: a contact with the front-door role, or one of {@code learnedExitDoors},
     * the contacts the resident's own outings showed to be doors out ({@code rules.ExitDoors}).
     */
    public boolean isWayOut(java.util.Set<String> learnedExitDoors) {
        return kind == SensorKind.CONTACT && (role == SensorRole.FRONT_DOOR || learnedExitDoors.contains(id));
    }
}
