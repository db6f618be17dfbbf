package org.hearth.models.event;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What a sensor reports, as named in the native message's {@code kind} field (DESIGN.md, Contracts).
 *
 * <p>{@link #AVAILABILITY} extends the contract: hub kits report a device going offline or online
 * (Zigbee2MQTT availability, Shelly online, Tasmota LWT) and the detection job needs that to tell a
 * dead kit from a still resident.
 */
public enum SensorKind {
    /** 1 = movement seen. */
    MOTION("motion", 0, 1),
    /** 1 = open. */
    CONTACT("contact", 0, 1),
    /** Watts drawn through a plug. */
    POWER("power", 0, 20_000),
    /** 1 = occupied. */
    BED("bed", 0, 1),
    /** 1 = pressed. */
    BUTTON("button", 0, 1),
    /** Degrees Celsius. */
    TEMPERATURE("temperature", -40, 85),
    /** Relative humidity, percent. */
    HUMIDITY("humidity", 0, 100),
    /** The device or hub is alive; the value carries no meaning. */
    HEARTBEAT("heartbeat", Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY),
    /** 1 = online, 0 = offline (an extension of the contract for hub kits). */
    AVAILABILITY("availability", 0, 1);

    private final String wireName;
    private final double min;
    private final double max;

    SensorKind(String wireName, double min, double max) {
        this.wireName = wireName;
        this.min = min;
        this.max = max;
    }

    /** The name used in JSON and YAML, e.g. {@code "motion"}. */
    @JsonValue
    public String wireName() {
        return wireName;
    }

    /** Whether a value is physically plausible for this kind; implausible ones are dead-lettered. */
    public boolean accepts(double value) {
        return !Double.isNaN(value) && value >= min && value <= max;
    }

    /** The lowest plausible value. */
    public double min() {
        return min;
    }

    /** The highest plausible value. */
    public double max() {
        return max;
    }

    /**
     * Looks a kind up by its wire name, ignoring case.
     *
     * @throws IllegalArgumentException naming the accepted kinds when the name is unknown
     */
    @JsonCreator
    public static SensorKind fromWireName(String name) {
        if (name != null) {
            String lower = name.trim().toLowerCase(Locale.ROOT);
            for (SensorKind kind : values()) {
                if (kind.wireName.equals(lower)) {
                    return kind;
                }
            }
        }
        throw new IllegalArgumentException("unknown kind '" + name + "' (one of " + wireNames() + ")");
    }

    /** All wire names, comma separated, for error messages. */
    public static String wireNames() {
        return Arrays.stream(values()).map(SensorKind::wireName).collect(Collectors.joining(", "));
    }
}
