package org.hearth.job.status;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hearth.models.status.BaselineSummary;
import org.hearth.models.baseline.Baseline;
import org.hearth.models.rules.HomeRules;
import org.hearth.models.rules.HomeRulesState;
import org.hearth.models.rules.LearnedRules;

/**
 * Tells the detector when a home's status facts changed, so that it emits {@link DetectorFacts}
 * on change only: a day closed into the baseline, learning became watching, a sensor went silent
 * or came back, the resident answered an "I'm OK" pre-alert (or an answer left the window), or a new
 * care day began (at least one status per care day shows the job alive).
 *
 * <p>It compares a small key (a few numbers and the silent sensors) after each of the detector's
 * timers; the usual times (three quantiles) and every learned rule's calibrated threshold are
 * computed only when the key changed, so the thresholds shown are those of the last day close or
 * care-day start (not-home's limits also move with each outing remembered; the status shows them as
 * of then). The memory of
 * what was last reported is per subtask and not checkpointed: after a restart each home reports
 * once more, which a status consumer takes as an unchanged status. Not thread-safe (one per
 * function instance, as Flink calls it).
 */
public final class StatusFacts {

    private final Map<String, Key> reported = new HashMap<>();

    /** What decides whether facts changed; the usual times follow from the baseline's last day. */
    private record Key(int days, boolean ready, LocalDate lastLearned, List<String> silent, LocalDate careDay,
            Map<String, Integer> residentOks) {}

    /**
     * The home's facts when they differ from those last reported for it, else empty.
     *
     * @param rules the home's rules (its registry entry and baseline)
     * @param state the home's rule state, after the timer's events and deadlines were applied
     * @param at the timer's event time
     */
    public Optional<DetectorFacts> changed(HomeRules rules, HomeRulesState state, Instant at) {
        String homeId = rules.home().id();
        LearnedRules.Learning learning = rules.learned().learning(state.learned); // hot: no baseline read per timer
        Key key = new Key(learning.days(), learning.ready(), learning.lastLearned(),
                silentSensors(rules, state), state.lastCareDay, rules.learned().residentOks(state.learned));
        if (key.equals(reported.get(homeId))) {
            return Optional.empty();
        }
        reported.put(homeId, key);
        Baseline baseline = rules.learned().baseline(state.learned); // the cold part, only when the facts changed
        LearnedRules.StatusLimits limits = rules.learned().statusLimits(state.learned);
        return Optional.of(new DetectorFacts(homeId, key.days(), baseline.config().minDays(), key.ready(),
                BaselineSummary.of(baseline).withStillnessLimits(limits.stillness())
                        .withResidentOks(key.residentOks())
                        .withRuleThresholds(limits.thresholds())
                        .withExitDoors(rules.learned().exitDoors(state.learned)),
                key.silent(), key.careDay(), at));
    }

    /**
     * Sensors with an open sensor-offline condition that the registry still lists: a sensor removed
     * or swapped away while silent is not the installer's problem any more.
     */
    static List<String> silentSensors(HomeRules rules, HomeRulesState state) {
        if (state.safety.offline.isEmpty()) {
            return List.of();
        }
        List<String> silent = new ArrayList<>(state.safety.offline.size());
        for (String id : state.safety.offline.keySet()) {
            if (rules.home().sensor(id).isPresent()) {
                silent.add(id);
            }
        }
        return silent;
    }
}
