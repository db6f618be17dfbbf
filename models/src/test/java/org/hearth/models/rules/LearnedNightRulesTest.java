package org.hearth.models.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hearth.models.rules.RulesDriver.local;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.hearth.models.alert.Rule;
import org.hearth.models.event.SensorEvent;
import org.hearth.models.event.SensorKind;
import org.hearth.models.rules.RuleOutcome.Change;
import org.hearth.models.testing.RoutineEvents;
import org.hearth.models.testing.TestHomes;
import org.junit.jupiter.api.Test;

class LearnedNightRulesTest {

    private static final LocalDate FIRST = LocalDate.of(2026, 6, 1);
    private static final int NORMAL_DAYS = 10;
    private static final LocalDate ODD = FIRST.plusDays(NORMAL_DAYS);
    private static final LocalDate NEXT = ODD.plusDays(1);

    private final RulesDriver driver = new RulesDriver(TestHomes.standardHome(), LegacyThresholds.SETTINGS); // quantile + margin path
    private final RoutineEvents routine = new RoutineEvents(7);

    /** The odd care day's routine up to {@code time} the next morning (in bed since ~22:40). */
    private List<SensorEvent> oddUntil(LocalDate day, String time) {
        Instant cut = local(day.plusDays(1), time);
        return routine.day(day, 7 * 60 + 30).stream().filter(e -> e.ts().isBefore(cut)).toList();
    }

    /** Up at 02:10 and out of the front door at 02:13. */
    private static TestHomes.Trace outAtNight(LocalDate morning) {
        return new TestHomes.Trace(morning).at("02:10", "bed", 0).at("02:11", "pir-bedroom", 1)
                .at("02:12", "pir-hall", 1).at("02:13", "front-door", 1).at("02:13:30", "front-door", 0);
    }

    @Test
    void frontDoorAtNight_raisesNightDoorThenNotHomeInSilenceAndBothClearWhenBack() {
        driver.learn(routine, FIRST, NORMAL_DAYS);
        driver.feed(oddUntil(ODD, "01:30"));
        driver.feed(outAtNight(NEXT).events());

        driver.advanceTo(local(NEXT, "03:30"));

        assertThat(driver.of(Rule.NIGHT_DOOR)).extracting(RuleOutcome::change).containsExactly(Change.RAISE);
        RuleOutcome door = driver.of(Rule.NIGHT_DOOR).get(0);
        assertThat(door.at()).isEqualTo(local(NEXT, "02:13"));
        assertThat(door.explanation().observed()).isEqualTo("front door opened at 02:13");
        assertThat(door.explanation().facts()).containsEntry("time", "02:13").containsKey("detail");
        assertThat(driver.of(Rule.NOT_HOME)).extracting(RuleOutcome::change).containsExactly(Change.RAISE);
        RuleOutcome out = driver.of(Rule.NOT_HOME).get(0);
        assertThat(out.at()).isEqualTo(local(NEXT, "03:13:30")); // out at night: the 60 min margin
        assertThat(out.explanation().expected()).isEqualTo("usually at home at night");
        assertThat(out.explanation().observed()).isEqualTo("out since 02:13 (1h)");
        assertThat(driver.of(Rule.STILLNESS)).isEmpty();

        driver.feed(new TestHomes.Trace(NEXT).at("03:40", "front-door", 1).at("03:40:20", "front-door", 0)
                .at("03:41", "pir-hall", 1).events());

        assertThat(driver.of(Rule.NIGHT_DOOR)).extracting(RuleOutcome::change).containsExactly(Change.RAISE, Change.CLEAR);
        assertThat(driver.of(Rule.NOT_HOME)).extracting(RuleOutcome::change).containsExactly(Change.RAISE, Change.CLEAR);
        assertThat(driver.of(Rule.NOT_HOME).get(1).explanation().observed()).isEqualTo("back home at 03:40");
    }

    @Test
    void frontDoorAtNight_clearsWhenThePersonIsSeenInsideAndNeverRaisesNotHome() {
        driver.learn(routine, FIRST, NORMAL_DAYS);
        driver.feed(oddUntil(ODD, "01:30"));
        driver.feed(outAtNight(NEXT).at("02:16", "pir-hall", 1).at("02:18", "pir-bedroom", 1).at("02:20", "bed", 1)
                .events());

        driver.advanceTo(local(NEXT, "05:00"));

        assertThat(driver.of(Rule.NIGHT_DOOR)).extracting(RuleOutcome::change).containsExactly(Change.RAISE, Change.CLEAR);
        assertThat(driver.of(Rule.NIGHT_DOOR).get(1).explanation().observed()).isEqualTo("at home, moving in hall at 02:16");
        assertThat(driver.of(Rule.NOT_HOME)).isEmpty();
    }

    @Test
    void outingByDay_raisesNotHomeOnlyFarBeyondTheUsualTimeOut() {
        driver.learn(routine, FIRST, NORMAL_DAYS);
        driver.feed(new TestHomes.Trace(ODD).at("13:00", "pir-lounge", 1).at("14:00", "pir-hall", 1)
                .at("14:01", "front-door", 1).at("14:01:30", "front-door", 0).events());

        driver.advanceTo(local(ODD, "20:00"));

        assertThat(driver.of(Rule.NIGHT_DOOR)).isEmpty();
        assertThat(driver.of(Rule.NOT_HOME)).hasSize(1);
        RuleOutcome out = driver.of(Rule.NOT_HOME).get(0);
        // the routine's outings last 1-2 h: the limit is their q0.95 + 60 min, or the 4 h fallback
        assertThat(out.at()).isBetween(local(ODD, "16:00"), local(ODD, "18:02"));
        assertThat(out.explanation().observed()).startsWith("out since 14:01 (");
        assertThat(out.explanation().facts()).containsKeys("usual", "since");
        assertThat(out.explanation().facts().get("usual")).matches("\\d\\d:\\d\\d");
    }

    @Test
    void notHome_isNotRaisedWhileTheHubIsOffline() {
        driver.learn(routine, FIRST, NORMAL_DAYS);
        driver.feed(new TestHomes.Trace(ODD).at("13:00", "pir-lounge", 1).at("13:50", "hub", 1)
                .at("14:00", "pir-hall", 1).at("14:01", "front-door", 1).at("14:01:30", "front-door", 0).events()
                .stream().map(e -> e.sensorId().equals("hub")
                        ? SensorEvent.of("h1", "hub", e.ts(), SensorKind.HEARTBEAT, 1) : e).toList());

        driver.advanceTo(local(ODD, "22:00"));

        assertThat(driver.raised(Rule.HUB_OFFLINE)).hasSize(1);
        assertThat(driver.of(Rule.NOT_HOME)).isEmpty();
    }

    @Test
    void nightActivity_raisesOnActivityInHalfHoursUsuallyAsleepAndClearsAtDayClose() {
        driver.learn(routine, FIRST, NORMAL_DAYS);
        driver.feed(oddUntil(ODD, "00:30"));
        driver.feed(new TestHomes.Trace(NEXT).at("00:35", "bed", 0).at("00:40", "pir-lounge", 1)
                .at("01:10", "pir-lounge", 1).at("01:40", "pir-lounge", 1).at("01:50", "pir-bedroom", 1)
                .at("01:52", "bed", 1).events());
        assertThat(driver.of(Rule.NIGHT_ACTIVITY)).extracting(RuleOutcome::change).containsExactly(Change.RAISE);
        RuleOutcome raised = driver.of(Rule.NIGHT_ACTIVITY).get(0);
        assertThat(raised.at()).isEqualTo(local(NEXT, "01:40"));
        assertThat(raised.explanation().observed()).isEqualTo("active at 00:30, 01:00, 01:30");
        assertThat(raised.explanation().expected()).startsWith("usually quiet ");

        driver.feed(routine.day(ODD, 7 * 60 + 30).stream().filter(e -> e.ts().isAfter(local(NEXT, "03:59"))).toList());
        // the day closes at 12:30 plus this home's offset (CloseSpread)
        Instant closes = local(NEXT, "12:30").plus(org.hearth.models.day.CloseSpread.offset("h1"));
        driver.advanceTo(closes.plus(java.time.Duration.ofMinutes(30)));

        assertThat(driver.of(Rule.NIGHT_ACTIVITY)).extracting(RuleOutcome::change).containsExactly(Change.RAISE, Change.CLEAR);
        assertThat(driver.of(Rule.NIGHT_ACTIVITY).get(1).at()).isBetween(closes, closes.plus(java.time.Duration.ofMinutes(30)));
    }

    @Test
    void nightRules_keepTheirMeaningAcrossTheAutumnClockChange() {
        LocalDate first = LocalDate.of(2026, 10, 15);
        driver.learn(routine, first, NORMAL_DAYS);
        LocalDate odd = first.plusDays(NORMAL_DAYS - 1); // 2026-10-24: the clocks go back at 02:00 BST that night
        assertThat(local(odd.plusDays(1), "02:30").atZone(TestHomes.LONDON).getOffset().getTotalSeconds()).isZero();
        driver.learn(routine, odd, 0);
        driver.feed(oddUntil(odd.plusDays(1), "01:30"));
        driver.feed(outAtNight(odd.plusDays(2)).events());

        driver.advanceTo(local(odd.plusDays(2), "04:00"));

        assertThat(driver.raised(Rule.NIGHT_DOOR)).extracting(RuleOutcome::at).containsExactly(local(odd.plusDays(2), "02:13"));
        assertThat(driver.raised(Rule.NOT_HOME)).extracting(RuleOutcome::at)
                .containsExactly(local(odd.plusDays(2), "03:13:30"));
    }

    @Test
    void nightRules_stayQuietWhileLearningAndOnNormalDays() {
        driver.learn(routine, FIRST, 3);
        driver.feed(oddUntil(FIRST.plusDays(3), "01:30"));
        driver.feed(outAtNight(FIRST.plusDays(4)).events());
        driver.advanceTo(local(FIRST.plusDays(4), "06:00"));
        assertThat(driver.rules.learned().ready(driver.state.learned)).isFalse();
        assertThat(driver.of(Rule.NIGHT_DOOR)).isEmpty();
        assertThat(driver.of(Rule.NOT_HOME)).isEmpty();

        RulesDriver normal = new RulesDriver(TestHomes.standardHome(), LegacyThresholds.SETTINGS);
        normal.learn(new RoutineEvents(11), FIRST, 20);
        assertThat(normal.outcomes).noneMatch(o -> o.rule() == Rule.NIGHT_DOOR || o.rule() == Rule.NOT_HOME
                || o.rule() == Rule.NIGHT_ACTIVITY);
    }
}
