package org.hearth.job.status;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import org.hearth.models.status.BaselineSummary;

/**
 * What a home's detector knows that its learning status shows: how far the baseline has got, the
 * resident's usual times, and which registered sensors are silent. Emitted by the detector only
 * when one of these changes (or a new care day starts), never per event.
 *
 * @param homeId the home
 * @param daysLearned care days in the baseline
 * @param daysNeeded care days needed before the personal rules run
 * @param ready whether the personal rules run (watching)
 * @param baseline usual times (medians), each null while unknown
 * @param silentSensors registered sensors with an open sensor-offline condition, sorted
 * @param careDay the latest care day in which the home sent an event, or null
 * @param at the event time of the detector's timer that produced these facts
 */
public record DetectorFacts(String homeId, int daysLearned, int daysNeeded, boolean ready, BaselineSummary baseline,
                            List<String> silentSensors, LocalDate careDay, Instant at) {

    public DetectorFacts {
        Objects.requireNonNull(homeId, "homeId");
        Objects.requireNonNull(at, "at");
        baseline = baseline == null ? BaselineSummary.UNKNOWN : baseline;
        silentSensors = silentSensors == null ? List.of() : silentSensors.stream().sorted().toList();
    }
}
