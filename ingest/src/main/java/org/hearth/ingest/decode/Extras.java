package org.hearth.ingest.decode;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * What rides along on a hub message besides its readings: battery and link quality, plus the
 * optional fields that could not be read. A bad optional field never costs the readings beside it:
 * it is dropped and reported as a {@code dropped-field} dead letter, and the events go on.
 *
 * @param battery percent, or null
 * @param linkQuality Zigbee LQI, or null
 * @param dropped one sentence per optional field that was unreadable
 */
record Extras(Integer battery, Integer linkQuality, List<String> dropped) {

    static final Extras NONE = new Extras(null, null, List.of());

    Extras {
        dropped = dropped.isEmpty() ? List.of() : List.copyOf(dropped);
    }

    /** Reads the two optional fields leniently (see {@link Fields#optionalInt}). */
    static Extras read(JsonNode obj, String batteryField, String linkQualityField) {
        List<String> dropped = new ArrayList<>(0);
        Integer battery = Fields.optionalInt(obj, batteryField, dropped);
        Integer linkQuality = linkQualityField == null ? null : Fields.optionalInt(obj, linkQualityField, dropped);
        return new Extras(battery, linkQuality, dropped);
    }
}
