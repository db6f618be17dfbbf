package org.hearth.models.status;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import org.hearth.models.alert.Rule;
import org.hearth.models.baseline.Baseline;

/**
 * A home's learning status: what an installer needs to know after leaving, and what
 * {@code hearth status} shows. Published retained on {@code hearth/status/{homeId}} (so a reader
 * arriving later still gets the last one) and written to storage.
 *
 * <p>JSON form (one object, fields in this order):
 * <pre>{@code
 * {"homeId":"h1","state":"learning","daysLearned":3,"daysNeeded":7,
 *  "baseline":{"usualRise":"07:40","usualBedtime":"22:30","usualFirstKettle":null},
 *  "openAlerts":["no-kettle"],"silentSensors":["pir-kitchen"],"updatedAt":"2026-11-23T09:05:00Z"}
 * }</pre>
 * Ids and rule names only: never the resident's name or alias.
 *
 * @param homeId the home
 * @param state learning or watching
 * @param daysLearned care days in the baseline's window
 * @param daysNeeded care days the baseline needs before personal rules run
 * @param baseline usual times, each null while unknown
 * @param openAlerts wire names of the rules with an open alert, sorted
 * @param silentSensors ids of sensors the job currently considers silent (offline), sorted
 * @param updatedAt the event time this status describes
 */
public record HomeStatus(
        String homeId,
        LearningState state,
        int daysLearned,
        int daysNeeded,
        BaselineSummary baseline,
        List<String> openAlerts,
        List<String> silentSensors,
        Instant updatedAt) {

    public HomeStatus {
        Objects.requireNonNull(homeId, "homeId");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(updatedAt, "updatedAt");
        baseline = baseline == null ? BaselineSummary.UNKNOWN : baseline;
        openAlerts = openAlerts == null ? List.of() : openAlerts.stream().sorted().toList();
        silentSensors = silentSensors == null ? List.of() : silentSensors.stream().sorted().toList();
    }

    /**
     * The status the detection job knows for a home.
     *
     * @param baseline the resident's baseline (ready or not)
     * @param openAlerts rules with an open alert for the resident
     * @param silentSensors sensors with an open sensor-offline condition
     * @param at the event time (the job's watermark or the triggering event's time)
     */
    public static HomeStatus of(String homeId, Baseline baseline, Collection<Rule> openAlerts,
                                Collection<String> silentSensors, Instant at) {
        return new HomeStatus(homeId, baseline.ready() ? LearningState.WATCHING : LearningState.LEARNING,
                baseline.days(), baseline.config().minDays(), BaselineSummary.of(baseline),
                openAlerts.stream().map(Rule::wireName).toList(), List.copyOf(silentSensors), at);
    }

    /** "learning 3 of 7 days" or "watching". */
    public String stateText() {
        return state == LearningState.WATCHING ? "watching"
                : "learning " + Math.min(daysLearned, daysNeeded) + " of " + daysNeeded + " days";
    }

    /** Whether two statuses say the same thing, whatever their times. */
    public boolean sameAs(HomeStatus other) {
        return other != null && homeId.equals(other.homeId) && state == other.state && daysLearned == other.daysLearned
                && daysNeeded == other.daysNeeded && baseline.equals(other.baseline)
                && openAlerts.equals(other.openAlerts) && silentSensors.equals(other.silentSensors);
    }
}
