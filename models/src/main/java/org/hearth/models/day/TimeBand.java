package org.hearth.models.day;

import java.time.LocalTime;

/** Parts of the local day, for stillness that is normal at one time and alarming at another. */
public enum TimeBand {
    /** 00:00-06:00 */
    NIGHT,
    /** 06:00-12:00 */
    MORNING,
    /** 12:00-18:00 */
    AFTERNOON,
    /** 18:00-24:00 */
    EVENING;

    public static TimeBand of(LocalTime t) {
        return values()[t.getHour() / 6];
    }

    public static TimeBand ofMinute(int localMinuteOfDay) {
        return values()[Math.floorMod(localMinuteOfDay, 1440) / 360];
    }

    /** The local minute of the day this band begins at (00:00, 06:00, 12:00, 18:00). */
    public int firstMinute() {
        return ordinal() * 360;
    }

    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
