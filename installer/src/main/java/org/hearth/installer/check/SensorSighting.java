package org.hearth.installer.check;

import java.time.Instant;
import org.hearth.models.event.SensorKind;
import org.hearth.models.registry.Sensor;

/**
 * What the check has heard from one registered sensor so far.
 *
 * @param sensor the registered sensor
 * @param label the installer's word for it ("kitchen motion")
 * @param required whether its silence fails the check (see {@link KitCheck#isRequired})
 * @param readings live readings received (retained broker copies and availability do not count)
 * @param lastKind kind of the last reading, or null
 * @param lastValue value of the last reading (meaningful only when {@code lastKind} is set)
 * @param battery last battery percentage reported, or null
 * @param linkQuality last link quality reported, or null
 * @param lastSeen when the last live reading arrived (check's clock), or null
 * @param online the hub's last availability word for the device: true, false, or null when unknown
 * @param retainedOnly true when the only thing heard is a broker's retained copy (old news)
 */
public record SensorSighting(
        Sensor sensor,
        String label,
        boolean required,
        int readings,
        SensorKind lastKind,
        double lastValue,
        Integer battery,
        Integer linkQuality,
        Instant lastSeen,
        Boolean online,
        boolean retainedOnly) {

    static SensorSighting unseen(Sensor sensor, String label, boolean required) {
        return new SensorSighting(sensor, label, required, 0, null, 0, null, null, null, null, false);
    }

    /** True once a live reading of its own arrived during the check. */
    public boolean seen() {
        return readings > 0;
    }

    /**
     * A device's heartbeat proves it alive but is not its reading: after a reading of its own
     * (bed occupied, door closed) the table keeps showing that, not "alive".
     */
    SensorSighting withReading(SensorKind kind, double value, Integer battery, Integer linkQuality, Instant at) {
        if (kind == SensorKind.HEARTBEAT && lastKind != null && lastKind != SensorKind.HEARTBEAT) {
            kind = lastKind;
            value = lastValue;
        }
        return new SensorSighting(sensor, label, required, readings + 1, kind, value,
                battery != null ? battery : this.battery, linkQuality != null ? linkQuality : this.linkQuality,
                at, online, false);
    }

    SensorSighting withRetained(SensorKind kind, double value, Integer battery, Integer linkQuality) {
        if (seen()) {
            return this;
        }
        return new SensorSighting(sensor, label, required, 0, kind, value,
                battery != null ? battery : this.battery, linkQuality != null ? linkQuality : this.linkQuality,
                null, online, true);
    }

    SensorSighting withOnline(boolean isOnline) {
        return new SensorSighting(sensor, label, required, readings, lastKind, lastValue, battery, linkQuality,
                lastSeen, isOnline, retainedOnly);
    }
}
