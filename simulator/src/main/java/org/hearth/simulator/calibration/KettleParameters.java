package org.hearth.simulator.calibration;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import org.hearth.models.json.HearthJson;

/**
 * Kettle habits measured on real UK households, used to give simulated residents believable kettle
 * use. Derived by {@link KettleCalibration} from {@code ../shared/data/kettle-uk/boils.csv} (REFIT
 * and UK-DALE, CC BY 4.0); the derived numbers are committed as the resource
 * {@code kettle-uk.json} so that builds do not need the data file.
 *
 * @param boils boils in the source data
 * @param houseDays days between each house's first and last boil, summed over houses
 * @param daysWithBoils house-days with at least one boil
 * @param meanBoilsPerDay mean boils on a day with boils
 * @param withinHouseCv day-to-day coefficient of variation of boils a day, mean over houses
 * @param noBoilDayRate share of days with no boil, counting only gaps of at most
 *     {@value KettleCalibration#MAX_NO_BOIL_RUN} days (longer gaps are holidays or missing data)
 * @param firstBoilMedianMinute median local minute of the day's first boil after 04:00, all houses
 * @param firstBoilWithinHouseSdMinutes robust day-to-day spread of the first boil (IQR / 1.349),
 *     median over houses
 * @param weekendFirstBoilShiftMinutes weekend minus weekday median first boil, median over houses
 * @param gapQuantileLevels the levels of {@code gapQuantilesMinutes}
 * @param gapQuantilesMinutes quantiles of the minutes between consecutive boils on one day
 * @param hourShareAfterFirst share of the boils after the day's first one, by local hour (24 values)
 * @param durationMinuteShare share of boils lasting 1, 2, 3, 4 and 5+ minutes at or above 1000 W
 * @param wattsP10 10th percentile of mean watts while boiling
 * @param wattsMedian median of mean watts while boiling
 * @param wattsP90 90th percentile of mean watts while boiling
 * @param derivation how these numbers were obtained, in words
 */
@JsonPropertyOrder(alphabetic = false)
public record KettleParameters(
        int boils,
        int houseDays,
        int daysWithBoils,
        double meanBoilsPerDay,
        double withinHouseCv,
        double noBoilDayRate,
        double firstBoilMedianMinute,
        double firstBoilWithinHouseSdMinutes,
        double weekendFirstBoilShiftMinutes,
        List<Double> gapQuantileLevels,
        List<Double> gapQuantilesMinutes,
        List<Double> hourShareAfterFirst,
        List<Double> durationMinuteShare,
        double wattsP10,
        double wattsMedian,
        double wattsP90,
        String derivation) {

    /** The resource committed with the simulator. */
    public static final String RESOURCE = "kettle-uk.json";

    /** The committed parameters. */
    public static KettleParameters committed() {
        try (InputStream in = KettleParameters.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            return HearthJson.json().readValue(in, KettleParameters.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
