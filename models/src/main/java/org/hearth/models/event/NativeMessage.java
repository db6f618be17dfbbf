package org.hearth.models.event;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * The payload of a native sensor message on {@code hearth/{homeId}/{sensorId}} (DESIGN.md):
 * {@code {"ts": "2026-11-23T07:12:03.120Z", "kind": "motion", "value": 1, "battery": 87}}.
 * The home and sensor come from the topic.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NativeMessage(Instant ts, SensorKind kind, Double value, Integer battery, Integer linkQuality) {

    /** Joins the payload with the identity the topic gave it. */
    public SensorEvent toEvent(String homeId, String sensorId) {
        return new SensorEvent(homeId, sensorId, ts, kind, value == null ? 0 : value, battery, linkQuality);
    }

    /** The payload that would carry this event. */
    public static NativeMessage of(SensorEvent event) {
        return new NativeMessage(event.ts(), event.kind(), event.value(), event.battery(), event.linkQuality());
    }
}
