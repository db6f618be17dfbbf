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
 * <p>It compares what was last reported with the home's state in place after each of the detector's timers (a few
 * numbers, the silent sensors and the resident's answers, these two only when there are any), building nothing per
 * event; the usual times (three quantiles) and every learned rule's calibrated threshold are
 * computed only when something changed, so the thresholds shown are those of the last day close or
 * care-day start (not-home's limits also move with each outing remembered; the status shows them as
 * of then). The memory of
 * what was last reported is per subtask and not checkpointed: after a restart each home reports
 * once more, which a status consumer takes as an unchanged status. Not thread-safe (one per
 * function instance, as Flink calls it).
 */
public final class StatusFacts {

    private final Map<String, Reported> reported = new HashMap<>();

    /** No date (a day not learned yet, no care day entered): below {@code LocalDate.MIN}'s epoch day. */
    private static final long NO_DAY = Long.MIN_VALUE;

    /**
     * What was last reported for a home, as small as it can be kept: the dates as epoch days, the silent sensors and
     * the answers as the shared empty list and map while there are none (nearly always). One per home held.
     */
    private record Reported(int days, boolean ready, long lastLearned, long careDay, List<String> silent,
            Map<String, Integer> residentOks) {

        static Reported of(LearnedRules.Learning learning, LocalDate careDay, List<String> silent, Map<String, Integer> oks) {
            return new Reported(learning.days(), learning.ready(), epochDay(learning.lastLearned()), epochDay(careDay),
                    List.copyOf(silent), Map.copyOf(oks)); // the shared empties while there are none
        }

        /** Whether the home's state shows what was reported, compared field by field without building the facts. */
        boolean shows(LearnedRules.Learning learning, HomeRules rules, HomeRulesState state) {
            return days == learning.days() && ready == learning.ready() && lastLearned == epochDay(learning.lastLearned())
                    && careDay == epochDay(state.lastCareDay)
                    && (state.safety.offline.isEmpty() ? silent.isEmpty() : silent.equals(silentSensors(rules, state)))
                    && (state.learned.watch.residentOks.isEmpty() ? residentOks.isEmpty()
                            : residentOks.equals(rules.learned().residentOks(state.learned)));
        }
    }

    private static long epochDay(LocalDate date) {
        return date == null ? NO_DAY : date.toEpochDay();
    }

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
        Reported last = reported.get(homeId);
        if (last != null && last.shows(learning, rules, state)) {
            return Optional.empty();
        }
        List<String> silent = silentSensors(rules, state);
        Map<String, Integer> residentOks = rules.learned().residentOks(state.learned);
        reported.put(homeId, Reported.of(learning, state.lastCareDay, silent, residentOks));
        Baseline baseline = rules.learned().baseline(state.learned); // the cold part, only when the facts changed
        LearnedRules.StatusLimits limits = rules.learned().statusLimits(state.learned);
        return Optional.of(new DetectorFacts(homeId, learning.days(), baseline.config().minDays(), learning.ready(),
                BaselineSummary.of(baseline).withStillnessLimits(limits.stillness())
                        .withResidentOks(residentOks)
                        .withRuleThresholds(limits.thresholds())
                        .withExitDoors(rules.learned().exitDoors(state.learned)),
                silent, state.lastCareDay, at));
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
