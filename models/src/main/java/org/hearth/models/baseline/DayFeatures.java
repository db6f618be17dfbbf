package org.hearth.models.baseline;

import java.time.LocalTime;
import java.util.List;
import org.hearth.models.day.CareDay;
import org.hearth.models.day.DayProfile;

/**
 * The day-level feature vector of a profile, for the multivariate day score. Times of day are on
 * the care-day scale (so bedtime 23:50 and 00:10 are 20 minutes apart); absent values are NaN.
 */
public final class DayFeatures {

    /** Feature names, in vector order. */
    public static final List<String> NAMES = List.of(
            "rise", "bedtime", "first-kettle", "time-in-bed", "kettle-boils", "bathroom-day",
            "bathroom-night", "night-bed-exits", "out-of-home", "night-doors", "active-slots",
            "longest-stillness");

    /** The smallest spread treated as meaningful per feature (minutes or counts). */
    static final double[] MIN_SPREAD = {20, 20, 20, 30, 1, 1, 1, 1, 30, 1, 2, 15};

    private DayFeatures() {}

    public static double[] of(DayProfile p, LocalTime boundary) {
        return new double[] {
            care(p.riseMinute(), boundary), care(p.bedtimeMinute(), boundary),
            care(p.firstKettleMinute(), boundary), p.timeInBedMinutes(), p.kettleBoils(), p.bathroomDay(),
            p.bathroomNight(), p.nightBedExits(), p.outOfHomeMinutes(), p.nightDoorOpenings(),
            p.activeSlotCount(), p.longestStillnessSeconds() / 60.0
        };
    }

    private static double care(int localMinute, LocalTime boundary) {
        return localMinute < 0 ? Double.NaN : CareDay.careMinute(localMinute, boundary);
    }
}
