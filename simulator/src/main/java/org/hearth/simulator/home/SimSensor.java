package org.hearth.simulator.home;

import org.hearth.models.event.SensorKind;
import org.hearth.models.registry.Sensor;

/**
 * A sensor as the simulator drives it: its registry entry plus the physical traits that shape its
 * readings.
 *
 * @param sensor the registry entry written to {@code homes.yaml}
 * @param batteryStart battery percent at the start of the simulation, or -1 for mains power
 * @param drainPerDay battery percentage points lost per day
 * @param linkQuality typical Zigbee link quality (0-255)
 * @param blindMs PIR only: after reporting motion, the sensor reports nothing new for this long
 * @param clearMs PIR only: after the blind time, "no motion" is reported if nothing moved for this long
 */
public record SimSensor(Sensor sensor, double batteryStart, double drainPerDay, int linkQuality, long blindMs, long clearMs) {

    public String id() {
        return sensor.id();
    }

    public SensorKind kind() {
        return sensor.kind();
    }

    public boolean onBattery() {
        return batteryStart >= 0;
    }

    /** Battery percent after {@code days} of simulated time, never below 1; null on mains. */
    public Integer batteryAfter(double days) {
        if (!onBattery()) {
            return null;
        }
        return (int) Math.max(1, Math.round(batteryStart - drainPerDay * days));
    }
}
