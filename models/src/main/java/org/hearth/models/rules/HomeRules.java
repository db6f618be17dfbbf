package org.hearth.models.rules;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.hearth.models.day.CareDay;
import org.hearth.models.event.SensorEvent;
import org.hearth.models.event.SensorKind;
import org.hearth.models.registry.Home;
import org.hearth.models.registry.Sensor;

/**
 * Every rule for one home behind one small surface, so that the Flink function (or a backtest
 * loop) only moves events, time and state in and out:
 * <pre>
 *   advanceTo(state, t)   // time passed without events: deadlines up to t fire
 *   onEvent(state, e)     // one event, in event-time order
 *   nextDeadline(state)   // when to call advanceTo again even if nothing happens
 * </pre>
 * Each returns the rule outcomes (a condition raised or cleared) in event-time order. Rules remember
 * whether their condition is raised, so they raise once per episode; the alert lifecycle (alerts
 * module, keyed by resident and rule) still enforces at most one open alert per rule.
 */
public final class HomeRules {

    private final Home home;
    private final SafetyRules safety;
    private final LearnedRules learned;
    /** Each room's motion sensors: a room is unseen while every one of them is counted offline. */
    private final Map<String, List<String>> motionByRoom;

    public HomeRules(Home home, RuleSettings settings) {
        this.home = home;
        this.safety = new SafetyRules(home, settings.safety());
        this.learned = new LearnedRules(home, settings.thresholds());
        this.motionByRoom = home.sensors().stream()
                .filter(s -> s.kind() == SensorKind.MOTION && s.room() != null)
                .collect(Collectors.groupingBy(Sensor::room, TreeMap::new, Collectors.mapping(Sensor::id, Collectors.toList())));
    }

    /** The learned rules of this home (for status and tests). */
    public LearnedRules learned() {
        return learned;
    }

    public Home home() {
        return home;
    }

    private volatile org.hearth.models.encoding.KitStrings kitStrings;

    /**
     * The strings of this home's kit that its stored state refers to by index ({@link HomeRulesStateCodec} version 8):
     * the home id, the resident id, the sensor ids sorted, the rooms sorted. Built once per rules object.
     */
    public org.hearth.models.encoding.KitStrings kitStrings() {
        org.hearth.models.encoding.KitStrings k = kitStrings;
        if (k == null) {
            java.util.LinkedHashSet<String> strings = new java.util.LinkedHashSet<>();
            strings.add(home.id());
            strings.add(home.residentId());
            home.sensors().stream().map(org.hearth.models.registry.Sensor::id).filter(java.util.Objects::nonNull)
                    .sorted().forEach(strings::add);
            home.sensors().stream().map(org.hearth.models.registry.Sensor::room).filter(java.util.Objects::nonNull)
                    .sorted().forEach(strings::add);
            strings.remove(null);
            k = org.hearth.models.encoding.KitStrings.of(List.copyOf(strings));
            kitStrings = k;
        }
        return k;
    }

    /** A state read without its kit is decoded first ({@link HomeRulesStateCodec#resolve}): empty, it would decide wrong. */
    private static HomeRulesState decoded(HomeRulesState state) {
        if (!state.resolved()) {
            throw new IllegalStateException("the rule state is not decoded yet: resolve it with the home's kit first");
        }
        return state;
    }

    /** Fires every deadline strictly before the event, then takes the event. */
    public List<RuleOutcome> onEvent(HomeRulesState state, SensorEvent event) {
        decoded(state);
        Instant before = event.ts().minusNanos(1);
        List<RuleOutcome> outcomes = new ArrayList<>(safety.advanceTo(state.safety, before));
        outcomes.addAll(oneStillnessPerEpisode(state, learned.advanceTo(state.learned, before, monitoring(state), unseenRooms(state))));
        outcomes.addAll(safety.onEvent(state.safety, event, learned.exitDoors(state.learned)));
        outcomes.addAll(learned.onEvent(state.learned, event));
        return outcomes;
    }

    /**
     * The resident answered {@code rule}'s "I'm OK" pre-alert at {@code at}: learned as a normal
     * observation ({@link LearnedRules#residentOk}). Returns whether it was recorded.
     */
    public boolean residentOk(HomeRulesState state, org.hearth.models.alert.Rule rule, Instant at) {
        decoded(state);
        return learned.residentOk(state.learned, rule, at);
    }

    /** Fires every deadline at or before {@code now}. */
    public List<RuleOutcome> advanceTo(HomeRulesState state, Instant now) {
        decoded(state);
        List<RuleOutcome> outcomes = new ArrayList<>(safety.advanceTo(state.safety, now));
        outcomes.addAll(oneStillnessPerEpisode(state, learned.advanceTo(state.learned, now, monitoring(state), unseenRooms(state))));
        return outcomes;
    }

    /**
     * Learned and fixed stillness watch the same silence; one episode raises once. The learned
     * limit is normally far shorter, so it raises first and marks the safety rule raised: the 12 h
     * floor then stays quiet for this episode, and its clear at the next movement inside resolves
     * the alert. If the safety rule raised first (a person still in bed, which the learned rule leaves
     * alone), a later learned raise for the same silence is dropped.
     */
    private static List<RuleOutcome> oneStillnessPerEpisode(HomeRulesState state, List<RuleOutcome> learnedOutcomes) {
        List<RuleOutcome> kept = new ArrayList<>(learnedOutcomes.size());
        for (RuleOutcome o : learnedOutcomes) {
            if (o.rule() == org.hearth.models.alert.Rule.STILLNESS && o.change() == RuleOutcome.Change.RAISE) {
                if (state.safety.stillnessRaised) {
                    continue;
                }
                state.safety.stillnessRaised = true;
            }
            kept.add(o);
        }
        return kept;
    }

    /**
     * The rooms that have lost every motion sensor (all counted offline): the person may sit there unseen
     * ({@link StillnessRule#whileRoomsAreUnseen}). Empty, and free, while every sensor reports.
     */
    private List<String> unseenRooms(HomeRulesState state) {
        var offline = state.safety.offline;
        if (offline.isEmpty()) {
            return List.of();
        }
        List<String> unseen = new ArrayList<>(1);
        motionByRoom.forEach((room, sensors) -> {
            if (offline.keySet().containsAll(sensors)) {
                unseen.add(room);
            }
        });
        return unseen;
    }

    /** While the hub is offline, missing activity proves nothing: learned deadlines do not raise. */
    private static boolean monitoring(HomeRulesState state) {
        return !state.safety.hubOffline;
    }

    /**
     * Notes the care day of an event (local time, {@link CareDay#DEFAULT_BOUNDARY} boundary) and
     * says whether it is a new one for this home: the replay's day count.
     */
    public boolean enterCareDay(HomeRulesState state, Instant ts) {
        decoded(state);
        LocalDate day = CareDay.containing(ts, home.zone(), CareDay.DEFAULT_BOUNDARY).date();
        if (state.lastCareDay == null || day.isAfter(state.lastCareDay)) {
            state.lastCareDay = day;
            return true;
        }
        return false;
    }

    public Optional<Instant> nextDeadline(HomeRulesState state) {
        decoded(state);
        Instant a = safety.next(state.safety);
        Optional<Instant> b = learned.nextDeadline(state.learned, unseenRooms(state));
        if (a == null) {
            return b;
        }
        return b.isPresent() && b.get().isBefore(a) ? b : Optional.of(a);
    }
}
