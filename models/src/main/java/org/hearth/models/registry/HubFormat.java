package org.hearth.models.registry;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** The MQTT dialect a home's hub speaks; ingest has one decoder per format. */
public enum HubFormat {
    /** Hearth's own JSON on {@code hearth/{homeId}/{sensorId}}. */
    NATIVE("native"),
    /** Zigbee2MQTT: {@code {base}/{friendly_name}}, {@code .../availability} and {@code {base}/bridge/state}. */
    ZIGBEE2MQTT("zigbee2mqtt"),
    /** Shelly: Gen2+ {@code {id}/events/rpc}, {@code {id}/status/{component}}, {@code {id}/online}; Gen1 {@code shellies/{id}/...}. */
    SHELLY("shelly"),
    /** Tasmota: {@code tele/{topic}/SENSOR|STATE|LWT} and {@code stat/{topic}/POWER|RESULT}. */
    TASMOTA("tasmota");

    private final String wireName;

    HubFormat(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    @JsonCreator
    public static HubFormat fromWireName(String name) {
        String lower = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        for (HubFormat format : values()) {
            if (format.wireName.equals(lower)) {
                return format;
            }
        }
        throw new IllegalArgumentException("unknown hub format '" + name + "' (one of native, zigbee2mqtt, shelly, tasmota)");
    }
}
