package org.hearth.simulator.anomaly;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The {@code type} of a ground-truth label in {@code labels.jsonl}. Each says what the simulator did
 * and what {@code start} and {@code end} mean for it.
 */
public enum AnomalyType {
    /** Fell and lay still: start = last movement, end = found by a visitor (or after a help-button press). */
    FALL,
    /** Stayed in bed past the usual rise: start = the rise time drawn for the day, end = actually up. */
    NOT_UP,
    /** No kettle all morning: start = when the first boil would have been, end = local noon. */
    NO_KETTLE,
    /** Out of the front door at night: start = door opened, end = back in (sometimes brought back near dawn). */
    NIGHT_WANDERING,
    /** Out and not back when expected: start = the planned return, end = actual return. */
    NOT_HOME,
    /** Bathroom visits rising day by day and nights disturbed: start = first affected rise, end = the rise after the last. */
    ILLNESS_TREND,
    /** Kettle use falling gradually (and rising later): start and end as for {@link #ILLNESS_TREND}. */
    SLOW_DECLINE,
    /** One sensor silent (no readings, no heartbeats): start and end of the silence. */
    SENSOR_OFFLINE,
    /** The whole home silent (hub down): start and end of the silence. */
    HUB_OFFLINE;

    /** {@code fall}, {@code not-up}, ... */
    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Whether the resident's behaviour changed (the others are failures of the kit). */
    public boolean behavioural() {
        return this != SENSOR_OFFLINE && this != HUB_OFFLINE;
    }

    /** Whether this spans days and is detected at day close rather than within minutes. */
    public boolean trend() {
        return this == ILLNESS_TREND || this == SLOW_DECLINE;
    }

    @JsonCreator
    public static AnomalyType fromWireName(String name) {
        String lower = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        for (AnomalyType type : values()) {
            if (type.wireName().equals(lower)) {
                return type;
            }
        }
        throw new IllegalArgumentException("unknown label type '" + name + "' (one of "
                + Arrays.stream(values()).map(AnomalyType::wireName).collect(Collectors.joining(", ")) + ")");
    }
}
