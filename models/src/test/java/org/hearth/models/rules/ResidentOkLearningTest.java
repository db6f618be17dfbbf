package org.hearth.models.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hearth.models.rules.RulesDriver.local;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.hearth.models.alert.Rule;
import org.hearth.models.event.SensorEvent;
import org.hearth.models.json.HearthJson;
import org.hearth.models.testing.RoutineEvents;
import org.hearth.models.testing.TestHomes;
import org.junit.jupiter.api.Test;

/**
 * The resident's "I'm OK" to a pre-alert is learned from: the rule that asked takes what it saw as a
 * normal observation for as long as that day is in the window, so the same situation stops asking.
 */
class ResidentOkLearningTest {

    private static final LocalDate FIRST = LocalDate.of(2026, 6, 1);
    private static final int NORMAL_DAYS = 10;
    private static final LocalDate ODD = FIRST.plusDays(NORMAL_DAYS);
    private static final int FULL_WINDOW = 28;

    /** A care day of the usual routine without the morning kettle and kitchen (the one after rising, next day). */
    private static List<SensorEvent> withoutMorningKettle(RoutineEvents routine, LocalDate day) {
        Instant morning = local(day.plusDays(1), "05:00");
        return routine.day(day, 7 * 60 + 30).stream()
                .filter(e -> !((e.sensorId().equals("kettle") || e.sensorId().equals("pir-kitchen"))
                        && e.ts().isAfter(morning))).toList(); // no-kettle asks only when the kitchen was not used either
    }

    /** Days without a morning kettle, answering (or not) each no-kettle pre-alert a minute after it is raised. */
    private static List<Instant> kettleFreeMornings(RulesDriver driver, int days, boolean answer) {
        RoutineEvents routine = new RoutineEvents(7);
        driver.learn(routine, FIRST, NORMAL_DAYS);
        for (int i = 0; i < days; i++) {
            int before = driver.raised(Rule.NO_KETTLE).size();
            driver.feed(withoutMorningKettle(routine, ODD.plusDays(i)));
            List<RuleOutcome> raised = driver.raised(Rule.NO_KETTLE);
            if (answer && raised.size() > before) {
                assertThat(driver.rules.residentOk(driver.state, Rule.NO_KETTLE,
                        raised.get(raised.size() - 1).at().plusSeconds(60))).isTrue();
            }
            driver.state = roundTrip(driver.state); // as the job stores it between timers
        }
        return driver.raised(Rule.NO_KETTLE).stream().map(RuleOutcome::at).toList();
    }

    @Test
    void noKettle_answeredMorningsMoveTheDeadlineLaterUnansweredOnesDoNot() {
        // The quantile path (no-kettle budget 0): with the built-in budget the answers enter the tail
        // fit and the third answered morning already moves the deadline to its 11:30 cap, so the
        // fourth is not asked at all (same direction, faster).
        List<Instant> unanswered = kettleFreeMornings(new RulesDriver(TestHomes.standardHome(), LegacyThresholds.SETTINGS),
                4, false);
        RulesDriver answering = new RulesDriver(TestHomes.standardHome(), LegacyThresholds.SETTINGS);
        List<Instant> answered = kettleFreeMornings(answering, 4, true);

        // Unanswered, every kettle-free morning is asked at the same clock time (a day without any
        // kettle is left out of the first-kettle quantile).
        assertThat(unanswered).hasSize(4);
        assertThat(unanswered.stream().map(ResidentOkLearningTest::clock).distinct()).hasSize(1);
        // Answered, the first ask is the same; each answer counts as "kettle no earlier than then", so
        // a morning is never asked earlier than the one before, and once the answers reach the
        // quantile (0.9 of 11-14 days: the second answer) each is asked later than the last.
        assertThat(answered.get(0)).isEqualTo(unanswered.get(0));
        assertThat(answered).hasSize(4);
        for (int i = 1; i < answered.size(); i++) {
            assertThat(clock(answered.get(i))).isAfterOrEqualTo(clock(answered.get(i - 1)));
        }
        assertThat(clock(answered.get(2))).isAfter(clock(answered.get(1)));
        assertThat(clock(answered.get(3))).isAfter(clock(answered.get(2)));
        assertThat(answering.rules.learned().residentOks(answering.state.learned)).containsExactly(
                java.util.Map.entry("no-kettle", answered.size()));
    }

    @Test
    void noKettle_anUsualMorningIsStillUnremarkableAndAnswersAreForgottenWithTheirDays() {
        RulesDriver driver = new RulesDriver();
        kettleFreeMornings(driver, 2, true);
        assertThat(driver.state.learned.watch.residentOks).hasSize(2);
        int asked = driver.raised(Rule.NO_KETTLE).size();

        RoutineEvents routine = new RoutineEvents(11);
        LocalDate after = ODD.plusDays(2);
        driver.learn(routine, after, 30); // a month of usual days: the answered days leave the window

        assertThat(driver.raised(Rule.NO_KETTLE)).hasSize(asked);
        assertThat(driver.state.learned.watch.residentOks).isEmpty();
        assertThat(driver.rules.learned().residentOks(driver.state.learned)).isEmpty();
    }

    /** Up at 00:05 in the lounge until 01:52 (four half-hours this person is almost never awake in). */
    private static List<SensorEvent> restlessNight(LocalDate morning) {
        return new TestHomes.Trace(morning).at("00:05", "bed", 0).at("00:10", "pir-lounge", 1)
                .at("00:40", "pir-lounge", 1)
                .at("01:10", "pir-lounge", 1).at("01:40", "pir-lounge", 1).at("01:50", "pir-bedroom", 1)
                .at("01:52", "bed", 1).events();
    }

    /**
     * Two restless nights after a full window of usual ones (27 days: with fewer, the one restless
     * night learned already lifts the usual count of odd half-hours past the next one's). On usual
     * nights this person is up in at most one such half-hour (a late bathroom trip), so four ask.
     */
    private static int restlessNightsAsked(RulesDriver driver, boolean answer) {
        RoutineEvents routine = new RoutineEvents(7);
        driver.learn(routine, FIRST, FULL_WINDOW - 1);
        for (int i = 0; i < 2; i++) {
            LocalDate day = FIRST.plusDays(FULL_WINDOW - 1 + i);
            LocalDate morning = day.plusDays(1);
            int before = driver.raised(Rule.NIGHT_ACTIVITY).size();
            List<SensorEvent> usual = routine.day(day, 7 * 60 + 30);
            driver.feed(usual.stream().filter(e -> e.ts().isBefore(local(morning, "00:00"))).toList());
            driver.feed(restlessNight(morning));
            List<RuleOutcome> raised = driver.raised(Rule.NIGHT_ACTIVITY);
            if (answer && raised.size() > before) {
                driver.rules.residentOk(driver.state, Rule.NIGHT_ACTIVITY, raised.get(raised.size() - 1).at().plusSeconds(90));
            }
            driver.feed(usual.stream().filter(e -> e.ts().isAfter(local(morning, "03:59"))).toList());
            driver.state = roundTrip(driver.state);
        }
        return driver.raised(Rule.NIGHT_ACTIVITY).size();
    }

    @Test
    void nightActivity_theHalfHoursAnAnswerCalledUsualDoNotAskAgain() {
        assertThat(restlessNightsAsked(new RulesDriver(TestHomes.standardHome(), LegacyThresholds.SETTINGS), false))
                .as("unanswered, the second restless night asks again").isEqualTo(2);
        RulesDriver answering = new RulesDriver(TestHomes.standardHome(), LegacyThresholds.SETTINGS);
        assertThat(restlessNightsAsked(answering, true)).as("answered, it does not").isEqualTo(1);
        assertThat(answering.rules.learned().residentOks(answering.state.learned))
                .containsExactly(java.util.Map.entry("night-activity", 1));
    }

    @Test
    void residentOk_isNotRecordedForRulesThatNeverAsk() {
        RulesDriver driver = new RulesDriver();
        Instant at = local(ODD, "10:00");
        assertThat(driver.rules.residentOk(driver.state, Rule.STILLNESS, at)).isFalse();
        assertThat(driver.rules.residentOk(driver.state, Rule.HELP_BUTTON, at)).isFalse();
        assertThat(driver.rules.residentOk(driver.state, Rule.UNUSUAL_DAY, at)).isTrue();
        assertThat(driver.state.learned.watch.residentOks).extracting(ResidentOk::rule).containsExactly(Rule.UNUSUAL_DAY);
    }

    private static java.time.LocalTime clock(Instant t) {
        return t.atZone(TestHomes.LONDON).toLocalTime();
    }

    private static HomeRulesState roundTrip(HomeRulesState s) {
        try {
            return HearthJson.json().readValue(HearthJson.json().writeValueAsString(s), HomeRulesState.class);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
