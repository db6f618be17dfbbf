package org.hearth.models.baseline;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import org.hearth.models.day.CareDay;

/**
 * What is usual for a time anchor at a rule's sensitivity, and when the rule should act.
 *
 * @param anchor rise, first kettle or bedtime
 * @param usualMinute the person's q-quantile (local wall minute): "usually up by" this
 * @param deadlineMinute the usual time plus the rule's minimum margin (local wall minute)
 * @param share the share of window days on which it happened by {@code usualMinute}
 * @param samples how many window days had this anchor at all
 */
public record AnchorExpectation(Anchor anchor, int usualMinute, int deadlineMinute, double share, int samples) {

    /** The instant at which the deadline falls in the given care day (DST-safe wall-clock time). */
    public Instant deadlineOn(CareDay day, ZoneId zone, LocalTime boundary) {
        return day.instantAt(deadlineMinute, zone, boundary);
    }

    /** The instant of the usual time in the given care day. */
    public Instant usualOn(CareDay day, ZoneId zone, LocalTime boundary) {
        return day.instantAt(usualMinute, zone, boundary);
    }
}
