package org.hearth.simulator.anomaly;

/**
 * A span in which a sensor (or, with {@code sensor == HUB}, the whole home) delivers nothing.
 *
 * @param sensor index into the home's sensors, or {@link #HUB}
 */
public record OfflineWindow(int sensor, long start, long end) {

    /** The whole home: the hub is down. */
    public static final int HUB = -1;

    public boolean silences(int sensorIndex, long t) {
        return (sensor == HUB || sensor == sensorIndex) && t >= start && t < end;
    }
}
