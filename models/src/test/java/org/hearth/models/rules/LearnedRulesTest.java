package org.hearth.models.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hearth.models.alert.Rule;
import org.hearth.models.event.SensorEvent;
import org.hearth.models.json.HearthJson;
import org.hearth.models.testing.RoutineEvents;
import org.hearth.models.testing.TestHomes;
import org.junit.jupiter.api.Test;

class LearnedRulesTest {

    private static final LocalDate FIRST = LocalDate.of(2026, 6, 1);
    private static final int NORMAL_DAYS = 10;
    private static final LocalDate ODD = FIRST.plusDays(NORMAL_DAYS);

    private final HomeRules rules = new HomeRules(TestHomes.standardHome(), RuleSettings.DEFAULTS);
    private final RoutineEvents routine = new RoutineEvents(7);
    private final List<RuleOutcome> outcomes = new ArrayList<>();
    private HomeRulesState state = new HomeRulesState();

    /** Feeds events as the job does: deadlines before each event fire first, then the event, then time. */
    private void feed(List<SensorEvent> events) {
        for (SensorEvent e : events) {
            advanceTo(e.ts().minusNanos(1));
            outcomes.addAll(rules.onEvent(state, e));
            outcomes.addAll(rules.advanceTo(state, e.ts()));
        }
    }

    /** Silence up to {@code until}: the job's single timer fires each next deadline in turn. */
    private void advanceTo(Instant until) {
        Optional<Instant> next = rules.nextDeadline(state);
        while (next.isPresent() && !next.get().isAfter(until)) {
            outcomes.addAll(rules.advanceTo(state, next.get()));
            Optional<Instant> after = rules.nextDeadline(state);
            if (after.equals(next)) {
                break;
            }
            next = after;
        }
    }

    private void learnNormalDays() {
        for (int i = 0; i < NORMAL_DAYS; i++) {
            feed(routine.day(FIRST.plusDays(i), 7 * 60 + 30 + (i % 3) * 5));
        }
    }

    private List<RuleOutcome> of(Rule rule) {
        return outcomes.stream().filter(o -> o.rule() == rule).toList();
    }

    private static Instant local(LocalDate d, String time) {
        return TestHomes.at(d, time, TestHomes.LONDON);
    }

    @Test
    void advanceTo_raisesNotUpAtTheLearnedDeadlineInSilenceAndClearsWhenThePersonGetsUp() {
        learnNormalDays();
        assertThat(rules.learned().ready(state.learned)).isTrue();
        assertThat(of(Rule.NOT_UP)).isEmpty();
        LocalDate next = ODD.plusDays(1);
        feed(routine.day(ODD, 7 * 60 + 30).stream().filter(e -> e.ts().isBefore(local(next, "05:00"))).toList());

        advanceTo(local(next, "09:30"));

        List<RuleOutcome> notUp = of(Rule.NOT_UP);
        assertThat(notUp).hasSize(1);
        RuleOutcome raised = notUp.get(0);
        assertThat(raised.change()).isEqualTo(RuleOutcome.Change.RAISE);
        assertThat(raised.at()).isAfter(local(next, "08:00")).isBefore(local(next, "08:45"));
        assertThat(raised.explanation().expected()).startsWith("usually up by 07:");
        assertThat(raised.explanation().facts()).containsKeys("usual", "deadline", "since");

        feed(new TestHomes.Trace(next).at("09:40", "bed", 0).at("09:41", "pir-bedroom", 1)
                .at("09:44", "pir-kitchen", 1).events());

        assertThat(of(Rule.NOT_UP)).hasSize(2);
        RuleOutcome cleared = of(Rule.NOT_UP).get(1);
        assertThat(cleared.change()).isEqualTo(RuleOutcome.Change.CLEAR);
        assertThat(cleared.explanation().observed()).contains("up at 09:4");
    }

    /** Out of bed at dawn for the bathroom and back in it: not up, unless the kitchen was used on the way. */
    @Test
    void advanceTo_raisesNotUpWhenADawnTripToTheBathroomEndsBackInBed() {
        learnNormalDays();
        LocalDate next = ODD.plusDays(1);
        List<SensorEvent> evening = routine.day(ODD, 7 * 60 + 30).stream().filter(e -> e.ts().isBefore(local(next, "05:00"))).toList();
        feed(evening);
        HomeRulesState beforeDawn = copy(state);
        feed(new TestHomes.Trace(next).at("06:00", "bed", 0).at("06:01", "pir-bathroom", 1).at("06:04", "pir-bathroom", 1)
                .at("06:05", "pir-bedroom", 1).at("06:06", "bed", 1).events());

        advanceTo(local(next, "09:30"));

        assertThat(of(Rule.NOT_UP)).singleElement().satisfies(o -> assertThat(o.change()).isEqualTo(RuleOutcome.Change.RAISE));

        outcomes.clear();
        state = beforeDawn;
        feed(new TestHomes.Trace(next).at("06:00", "bed", 0).at("06:01", "pir-kitchen", 1).at("06:02", "kettle", 2200)
                .at("06:05", "kettle", 0).at("06:07", "pir-bedroom", 1).at("06:08", "bed", 1).events());

        advanceTo(local(next, "09:30"));

        assertThat(of(Rule.NOT_UP)).isEmpty();
    }

    @Test
    void advanceTo_raisesNoKettleWhenThePersonIsUpButNeverBoilsTheKettle() {
        learnNormalDays();
        LocalDate next = ODD.plusDays(1);
        feed(routine.day(ODD, 7 * 60 + 30).stream()
                .filter(e -> !(isMorningTea(e) && e.ts().isAfter(local(next, "05:00")))).toList());

        assertThat(of(Rule.NOT_UP)).isEmpty();
        assertThat(of(Rule.NO_KETTLE)).hasSize(1);
        RuleOutcome raised = of(Rule.NO_KETTLE).get(0);
        assertThat(raised.change()).isEqualTo(RuleOutcome.Change.RAISE);
        assertThat(raised.explanation().expected()).startsWith("usually kettle on by");
        assertThat(raised.explanation().observed()).isEqualTo("no kettle yet today");
    }

    @Test
    void advanceTo_takesABoilUnderWayAtTheDeadlineAsTheKettleUsed() {
        learnNormalDays();
        LocalDate next = ODD.plusDays(1);
        List<SensorEvent> withoutMorningKettle = routine.day(ODD, 7 * 60 + 30).stream()
                .filter(e -> !(isMorningTea(e) && e.ts().isAfter(local(next, "05:00")))).toList();
        // The instant no-kettle is judged, found by a run in which the kettle never comes on.
        HomeRulesState learned = copy(state);
        feed(withoutMorningKettle);
        Instant judged = of(Rule.NO_KETTLE).get(0).at();
        outcomes.clear();
        state = learned;

        // The kettle goes on a minute before the judgement and the boil ends two minutes after it.
        List<SensorEvent> day = new ArrayList<>(withoutMorningKettle);
        day.addAll(new TestHomes.Trace(next).at(judged.minusSeconds(60), "kettle", 2200)
                .at(judged.plusSeconds(120), "kettle", 0).events());
        day.sort(java.util.Comparator.comparing(SensorEvent::ts));
        feed(day);

        assertThat(of(Rule.NO_KETTLE)).isEmpty();
    }

    private static HomeRulesState copy(HomeRulesState s) {
        try {
            return HearthJson.json().readValue(HearthJson.json().writeValueAsString(s), HomeRulesState.class);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void onEvent_raisesNothingLearnedOnNormalDaysOrBeforeTheBaselineIsReady() {
        for (int i = 0; i < 5; i++) {
            feed(routine.day(FIRST.plusDays(i), 7 * 60 + 30).stream()
                    .filter(e -> !e.sensorId().equals("kettle")).toList());
        }
        assertThat(rules.learned().ready(state.learned)).isFalse();
        assertThat(rules.nextDeadline(state)).isPresent(); // the safety stillness deadline only
        assertThat(of(Rule.NOT_UP)).isEmpty();
        assertThat(of(Rule.NO_KETTLE)).isEmpty();
    }

    @Test
    void state_survivesAJsonRoundTripAndStillRaisesNotUp() throws Exception {
        learnNormalDays();
        LocalDate next = ODD.plusDays(1);
        feed(routine.day(ODD, 7 * 60 + 30).stream().filter(e -> e.ts().isBefore(local(next, "05:00"))).toList());
        String json = HearthJson.json().writeValueAsString(state);
        state = HearthJson.json().readValue(json, HomeRulesState.class);
        assertThat(json).contains("\"tracker\"");

        assertThat(rules.learned().ready(state.learned)).isTrue();
        assertThat(rules.learned().baseline(state.learned).days()).isEqualTo(NORMAL_DAYS);
        advanceTo(local(next, "09:30"));

        assertThat(of(Rule.NOT_UP)).extracting(RuleOutcome::change).containsExactly(RuleOutcome.Change.RAISE);
    }

    @Test
    void state_serializedAndReadBackAfterEveryEventDecidesExactlyAsStateKeptInMemory() throws Exception {
        // The RocksDB backend reads and writes the state on every access: that must change nothing.
        HomeRules restoredRules = new HomeRules(TestHomes.standardHome(), RuleSettings.DEFAULTS);
        HomeRulesState restored = new HomeRulesState();
        List<RuleOutcome> restoredOutcomes = new ArrayList<>();
        List<SensorEvent> events = new ArrayList<>();
        for (int i = 0; i < NORMAL_DAYS; i++) {
            events.addAll(routine.day(FIRST.plusDays(i), 7 * 60 + 30 + (i % 3) * 5));
        }
        LocalDate next = ODD.plusDays(1);
        events.addAll(routine.day(ODD, 7 * 60 + 30).stream().filter(e -> e.ts().isBefore(local(next, "05:00"))).toList());
        for (SensorEvent e : events) {
            feed(List.of(e));
            restored = HearthJson.json().readValue(HearthJson.json().writeValueAsBytes(restored), HomeRulesState.class);
            restoredOutcomes.addAll(restoredRules.onEvent(restored, e));
            restored = HearthJson.json().readValue(HearthJson.json().writeValueAsBytes(restored), HomeRulesState.class);
            restoredOutcomes.addAll(restoredRules.advanceTo(restored, e.ts()));
        }
        Instant late = local(next, "09:30");
        advanceTo(late);
        for (Optional<Instant> d = restoredRules.nextDeadline(restored); d.isPresent() && !d.get().isAfter(late);
                d = restoredRules.nextDeadline(restored)) {
            restored = HearthJson.json().readValue(HearthJson.json().writeValueAsBytes(restored), HomeRulesState.class);
            restoredOutcomes.addAll(restoredRules.advanceTo(restored, d.get()));
        }

        assertThat(of(Rule.NOT_UP)).isNotEmpty();
        assertThat(restoredOutcomes).isEqualTo(outcomes);
        assertThat(HearthJson.json().writeValueAsString(restored)).isEqualTo(HearthJson.json().writeValueAsString(state));
    }

    /** The morning's tea: the kettle and the kitchen motion around it (no-kettle needs both missing). */
    private static boolean isMorningTea(SensorEvent e) {
        return e.sensorId().equals("kettle") || e.sensorId().equals("pir-kitchen");
    }
}
