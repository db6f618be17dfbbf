package org.hearth.models.status;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.LocalTime;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;
import org.hearth.models.baseline.Anchor;
import org.hearth.models.baseline.Baseline;

/**
 * The resident's usual times, as an installer or carer would say them: the median of the days
 * learned so far, in the resident's local time. Each is null while no learned day has it.
 *
 * @param usualRise usual time up
 * @param usualBedtime usual time into bed
 * @param usualFirstKettle usual first kettle
 * @param stillnessLimitMinutes the stillness rule's calibrated limit per room and time of day
 *     ("bathroom afternoon" -> 45), once learned: how long a silence there may last before Hearth
 *     texts; empty (and left out of the JSON) while learning
 */
public record BaselineSummary(
        @JsonFormat(shape = JsonFormat.Shape.STRING, pattern = "HH:mm") LocalTime usualRise,
        @JsonFormat(shape = JsonFormat.Shape.STRING, pattern = "HH:mm") LocalTime usualBedtime,
        @JsonFormat(shape = JsonFormat.Shape.STRING, pattern = "HH:mm") LocalTime usualFirstKettle,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, Integer> stillnessLimitMinutes) {

    public static final BaselineSummary UNKNOWN = new BaselineSummary(null, null, null);

    public BaselineSummary {
        stillnessLimitMinutes = stillnessLimitMinutes == null ? Map.of()
                : java.util.Collections.unmodifiableMap(new TreeMap<>(stillnessLimitMinutes));
    }

    /** The usual times alone (no calibrated limits yet). */
    public BaselineSummary(LocalTime usualRise, LocalTime usualBedtime, LocalTime usualFirstKettle) {
        this(usualRise, usualBedtime, usualFirstKettle, Map.of());
    }

    /** The same usual times with the stillness rule's calibrated limits. */
    public BaselineSummary withStillnessLimits(Map<String, Integer> limits) {
        return new BaselineSummary(usualRise, usualBedtime, usualFirstKettle, limits);
    }

    /** The medians of a baseline's anchors (whatever days it holds, ready or not). */
    public static BaselineSummary of(Baseline baseline) {
        return new BaselineSummary(median(baseline, Anchor.RISE), median(baseline, Anchor.BEDTIME),
                median(baseline, Anchor.FIRST_KETTLE));
    }

    private static LocalTime median(Baseline baseline, Anchor anchor) {
        OptionalDouble minute = baseline.anchorQuantile(anchor, 0.5);
        if (minute.isEmpty()) {
            return null;
        }
        int m = Math.floorMod((int) Math.round(minute.getAsDouble()), 24 * 60);
        return LocalTime.of(m / 60, m % 60);
    }
}
