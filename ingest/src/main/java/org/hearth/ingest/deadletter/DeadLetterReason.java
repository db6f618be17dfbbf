package org.hearth.ingest.deadletter;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Why a message was not turned into events. One counter per reason. */
public enum DeadLetterReason {
    /** Payload over the size limit (64 KiB by default); not parsed at all. */
    PAYLOAD_TOO_LARGE,
    /** Topic longer than the limit (256 characters by default); not routed at all. */
    TOPIC_TOO_LONG,
    /** The sending device is over its message rate; throttled at the door (kept, not decoded). */
    RATE_LIMITED,
    /** JSON nested too deep, a number, string or name too long, too many tokens ({@code PayloadJson}). */
    JSON_OVER_LIMITS,
    /** Payload is not JSON (or not the plain-text word a LWT/online topic expects). */
    MALFORMED_JSON,
    /** No decoder claims the topic. */
    UNKNOWN_TOPIC,
    /** Native topic naming a home the registry does not have. */
    UNKNOWN_HOME,
    /** Native topic naming a sensor the home does not have. */
    UNKNOWN_SENSOR,
    /** Hub topic naming a device no sensor of the home is bound to. */
    UNKNOWN_DEVICE,
    /** A field the format needs is absent. */
    MISSING_FIELD,
    /** A field is present with the wrong JSON type or an unparseable value. */
    WRONG_TYPE,
    /** The payload's kind differs from the kind the registry gives the sensor. */
    KIND_MISMATCH,
    /** The value is implausible for its kind ({@code SensorKind.accepts}). */
    OUT_OF_RANGE,
    /**
     * An optional field (battery, link quality) was unreadable or implausible and was dropped; the
     * message's readings were kept. Counted and stored like any dead letter so the bad field is
     * seen, but nothing beside it is lost.
     */
    DROPPED_FIELD,
    /** The timestamp is further ahead of the clock than allowed, or after the latest plausible date (a device clock gone wrong). */
    TIMESTAMP_IN_FUTURE,
    /** The timestamp is further behind the clock than allowed, or before the earliest plausible date. */
    TIMESTAMP_TOO_OLD,
    /**
     * A device's own clock zone (Tasmota {@code STATUS7}: Local - UTC) differs from the zone
     * {@code homes.yaml} reads its local timestamps in: its readings would be dated wrong.
     */
    ZONE_MISMATCH,
    /** A decoder failed unexpectedly (a Hearth bug): the message is kept rather than failing the job. */
    DECODE_ERROR;

    /** Kebab-case name used in files and metric names, e.g. {@code malformed-json}. */
    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
