package org.hearth.models.event;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Objects;

/**
 * One reading from one sensor in one home, normalised from whatever the hub sent.
 *
 * <p>This is also one line of a replay file ({@code *.jsonl}, DESIGN.md Contracts). {@code ts} is
 * the sensor's own timestamp in UTC: all of Hearth runs on event time.
 *
 * @param homeId the home, as in {@code homes.yaml}
 * @param sensorId the sensor within that home
 * @param ts when the sensor saw it (UTC)
 * @param kind what kind of reading
 * @param value the reading; see {@link SensorKind} for its meaning per kind
 * @param battery battery percentage if the device reported one, else null
 * @param linkQuality radio link quality (Zigbee LQI, 0-255) if reported, else null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SensorEvent(
        String homeId,
        String sensorId,
        Instant ts,
        SensorKind kind,
        double value,
        Integer battery,
        Integer linkQuality) {

    public SensorEvent {
        Objects.requireNonNull(homeId, "homeId");
        Objects.requireNonNull(sensorId, "sensorId");
        Objects.requireNonNull(ts, "ts");
        Objects.requireNonNull(kind, "kind");
    }

    /** An event without battery or link quality. */
    public static SensorEvent of(String homeId, String sensorId, Instant ts, SensorKind kind, double value) {
        return new SensorEvent(homeId, sensorId, ts, kind, value, null, null);
    }

    /** True for a reading that means "on": movement, open, occupied, pressed, online. */
    @JsonIgnore
    public boolean isOn() {
        return value >= 0.5;
    }

    /**
     * The identity used to drop redeliveries: a redelivered message gives the same sensor, instant,
     * kind <em>and value</em>. The value is part of it because a hub may report two different
     * readings under one device timestamp: Zigbee2MQTT's own {@code occupancy: false} after its
     * timeout repeats the {@code last_seen} of the {@code true} before it, and without the value the
     * second was dropped as a copy of the first.
     */
    @JsonIgnore
    public String dedupeKey() {
        return homeId + '/' + sensorId + '/' + ts.toEpochMilli() + '/' + kind.wireName() + '/' + value;
    }
}
