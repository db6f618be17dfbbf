package org.hearth.models.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.hearth.models.alert.Rule;
import org.hearth.models.baseline.Baseline;
import org.hearth.models.baseline.BaselineConfig;
import org.hearth.models.day.DayProfile;
import org.hearth.models.day.Transition;
import org.hearth.models.rules.RuleOutcome.Change;
import org.hearth.models.testing.SyntheticDays;
import org.hearth.models.testing.TestHomes;
import org.hearth.models.threshold.Thresholds;
import org.junit.jupiter.api.Test;

class DayCloseRulesTest {

    private static final LocalDate FIRST = LocalDate.of(2026, 3, 1);

    private final DayCloseRules rules = new DayCloseRules(TestHomes.standardHome(), LegacyThresholds.THRESHOLDS); // quantile + margin path
    private final Baseline baseline = new Baseline(BaselineConfig.defaults());
    private final WatchState state = new WatchState();
    private final SyntheticDays days = new SyntheticDays(3);
    private final List<RuleOutcome> outcomes = new ArrayList<>();
    private LocalDate next = FIRST;

    /** Closes {@code n} days as LearnedRules does: routes before learning, trends after. */
    private void close(int n, UnaryOperator<DayProfile> change) {
        for (int i = 0; i < n; i++) {
            DayProfile day = change.apply(days.normalDay(next));
            Instant now = TestHomes.at(next.plusDays(1), "12:30", TestHomes.LONDON);
            rules.beforeLearning(state, baseline, day, now, outcomes);
            baseline.add(day);
            rules.afterLearning(state, baseline, day, now, outcomes);
            next = next.plusDays(1);
        }
    }

    private List<Change> changes(Rule rule) {
        return outcomes.stream().filter(o -> o.rule() == rule).map(RuleOutcome::change).toList();
    }

    private static DayProfile with(DayProfile p, int bathroomDay, int kettleBoils, int timeInBed,
            Map<Transition, Integer> transitions) {
        return new DayProfile(p.date(), p.lengthMinutes(), p.riseMinute(), p.bedtimeMinute(), timeInBed,
                p.nightBedExits(), p.firstKettleMinute(), kettleBoils, bathroomDay, p.bathroomNight(),
                p.longestBathroomSeconds(), p.totalBathroomSeconds(), p.outOfHomeMinutes(), p.nightDoorOpenings(),
                p.activeSlots(), p.stillness(), transitions);
    }

    @Test
    void normalDays_raiseNothing() {
        close(60, d -> d);

        assertThat(outcomes).isEmpty();
    }

    @Test
    void bathroomTrend_risesOverAWeekAndClearsWhenItDriftsBack() {
        close(21, d -> d);
        close(7, d -> with(d, d.bathroomDay() + 5, d.kettleBoils(), d.timeInBedMinutes(), d.transitions()));

        assertThat(changes(Rule.BATHROOM_TREND)).containsExactly(Change.RAISE);
        RuleOutcome raised = outcomes.stream().filter(o -> o.rule() == Rule.BATHROOM_TREND).findFirst().orElseThrow();
        assertThat(raised.explanation().expected()).matches("usually \\d+ bathroom visits a day");
        assertThat(raised.explanation().observed()).matches("\\d+\\.\\d a day over 7 days");
        assertThat(raised.explanation().facts()).containsKeys("now", "usual");

        close(7, d -> d);

        assertThat(changes(Rule.BATHROOM_TREND)).containsExactly(Change.RAISE, Change.CLEAR);
        assertThat(changes(Rule.KETTLE_TREND)).isEmpty();
        assertThat(changes(Rule.SLEEP_TREND)).isEmpty();
    }

    @Test
    void kettleAndSleepTrends_fallOverAWeek() {
        close(21, d -> d);
        close(7, d -> with(d, d.bathroomDay(), 1, d.timeInBedMinutes() - 150, d.transitions()));

        assertThat(changes(Rule.KETTLE_TREND)).containsExactly(Change.RAISE);
        assertThat(changes(Rule.SLEEP_TREND)).containsExactly(Change.RAISE);
        RuleOutcome sleep = outcomes.stream().filter(o -> o.rule() == Rule.SLEEP_TREND).findFirst().orElseThrow();
        assertThat(sleep.explanation().observed()).matches("\\d+h(\\d+m)? a day over 7 days");
        assertThat(changes(Rule.BATHROOM_TREND)).isEmpty();
    }

    @Test
    void trends_waitForEnoughEarlierDaysAndLearningPeriodIsSilent() {
        close(7, d -> d);
        assertThat(outcomes).isEmpty(); // learning: the baseline is ready only after its 7th day

        close(6, d -> with(d, d.bathroomDay() + 5, d.kettleBoils(), d.timeInBedMinutes(), d.transitions()));

        assertThat(changes(Rule.BATHROOM_TREND)).isEmpty(); // 6 earlier days: too few to call a trend
    }

    @Test
    void unusualRoutes_namesTheMostSurprisingMovesAndClearsOnAUsualDay() {
        close(20, d -> d);
        close(1, d -> {
            Map<Transition, Integer> moves = new HashMap<>(d.transitions());
            moves.put(new Transition("hall", "garden"), 6);
            moves.put(new Transition("garden", "bedroom"), 4); // fewer bits each: nothing ever left the garden
            moves.put(new Transition("kitchen", "bedroom"), 3);
            return with(d, d.bathroomDay(), d.kettleBoils(), d.timeInBedMinutes(), moves);
        });

        assertThat(changes(Rule.UNUSUAL_ROUTES)).containsExactly(Change.RAISE);
        RuleOutcome raised = outcomes.get(0);
        assertThat(raised.explanation().observed())
                .isEqualTo("unusual moves: hall to garden (never seen), kitchen to bedroom (never seen)");

        close(1, d -> d);

        assertThat(changes(Rule.UNUSUAL_ROUTES)).containsExactly(Change.RAISE, Change.CLEAR);
    }

    @Test
    void unusualRoutes_leavesDaysWithFewMovesAlone() {
        close(20, d -> d);
        close(1, d -> with(d, d.bathroomDay(), d.kettleBoils(), d.timeInBedMinutes(),
                Map.of(new Transition("hall", "garden"), 2, new Transition("garden", "hall"), 2)));

        assertThat(changes(Rule.UNUSUAL_ROUTES)).isEmpty();
    }
}
