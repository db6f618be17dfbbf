package org.hearth.models.baseline;

import java.time.LocalTime;
import org.hearth.models.day.CareDay;

/**
 * @param windowDays how many recent care days the baseline remembers (default 28)
 * @param minDays how many it needs before personal rules run (default 7)
 * @param boundary the care-day boundary, the origin of the scale on which times of day are compared
 */
public record BaselineConfig(int windowDays, int minDays, LocalTime boundary) {

    public BaselineConfig {
        if (windowDays < 1 || minDays < 1 || minDays > windowDays) {
            throw new IllegalArgumentException("need 1 <= minDays <= windowDays");
        }
    }

    /** One instance (immutable): every home's rules hold it, and built per home it was ~0.2-0.5 KB of heap each. */
    private static final BaselineConfig DEFAULTS = new BaselineConfig(28, 7, CareDay.DEFAULT_BOUNDARY);

    public static BaselineConfig defaults() {
        return DEFAULTS;
    }
}
