package org.hearth.models.status;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.time.LocalTime;
import java.util.OptionalDouble;
import org.hearth.models.baseline.Anchor;
import org.hearth.models.baseline.Baseline;

/**
 * The resident's usual times, as an installer or carer would say them: the median of the days
 * learned so far, in the resident's local time. Each is null while no learned day has it.
 *
 * @param usualRise usual time up
 * @param usualBedtime usual time into bed
 * @param usualFirstKettle usual first kettle
 */
public record BaselineSummary(
        @JsonFormat(shape = JsonFormat.Shape.STRING, pattern = "HH:mm") LocalTime usualRise,
        @JsonFormat(shape = JsonFormat.Shape.STRING, pattern = "HH:mm") LocalTime usualBedtime,
        @JsonFormat(shape = JsonFormat.Shape.STRING, pattern = "HH:mm") LocalTime usualFirstKettle) {

    public static final BaselineSummary UNKNOWN = new BaselineSummary(null, null, null);

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
