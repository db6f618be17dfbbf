package org.hearth.models.registry;

import java.time.ZoneId;

/**
 * A hub that publishes for a home in a format other than native.
 *
 * @param format the MQTT dialect
 * @param base the base topic (Zigbee2MQTT's {@code base_topic}, e.g. {@code zigbee2mqtt/h2}); unused
 *     by Shelly and Tasmota, whose topics start with each device's own id
 * @param timezone optional: the zone or UTC offset the hub's devices write local timestamps in
 *     ({@code Europe/London}, {@code +01:00}), when it differs from the home's. Tasmota's
 *     {@code Time} is device local time and the firmware's default zone is CET ({@code Timezone 1}),
 *     not the UK's: a device left at the default needs {@code timezone: "+01:00"} here (or
 *     {@code SetOption52 1} so that its payloads carry the offset). Null means the home's zone.
 * @param occupancyTimeout optional: Zigbee2MQTT's {@code occupancy_timeout} in seconds (its
 *     default is 90). Zigbee2MQTT itself publishes {@code occupancy: false} this long after the
 *     last movement, repeating that movement's {@code last_seen}; Hearth dates the {@code false}
 *     at most this long after it. Null means 90.
 * @param ask optional: devices of this hub (Zigbee2MQTT friendly names, Tasmota topics) that Hearth
 *     commands to blink when it asks the resident "are you OK?" before texting a carer (a lamp, a
 *     chime with a light), besides the help button's own device. Zigbee2MQTT and Tasmota only:
 *     Hearth does not command Shelly or native kits. Empty when absent.
 */
public record Hub(HubFormat format, String base, String timezone, Integer occupancyTimeout, java.util.List<String> ask) {

    /** Zigbee2MQTT's default {@code occupancy_timeout}, seconds. */
    public static final int DEFAULT_OCCUPANCY_TIMEOUT_SECONDS = 90;

    public Hub {
        // Not List.copyOf: a null entry is the validator's to report (file, line, field), not an exception here.
        ask = ask == null ? java.util.List.of() : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(ask));
    }

    public Hub(HubFormat format, String base) {
        this(format, base, null, null, null);
    }

    public Hub(HubFormat format, String base, String timezone, Integer occupancyTimeout) {
        this(format, base, timezone, occupancyTimeout, null);
    }

    /** The zone hub timestamps without an offset are read in: this hub's, else the home's. Call on a validated registry. */
    public ZoneId zone(ZoneId homeZone) {
        return timezone == null || timezone.isBlank() ? homeZone : ZoneId.of(timezone.trim());
    }

    /** The occupancy timeout in seconds, default 90. */
    public int occupancyTimeoutSeconds() {
        return occupancyTimeout == null ? DEFAULT_OCCUPANCY_TIMEOUT_SECONDS : occupancyTimeout;
    }
}
