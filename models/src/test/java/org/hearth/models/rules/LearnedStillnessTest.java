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
import org.hearth.models.testing.RoutineEvents;
import org.hearth.models.testing.TestHomes;
import org.junit.jupiter.api.Test;

class LearnedStillnessTest {

    private static final LocalDate FIRST = LocalDate.of(2026, 6, 1);
    private static final int NORMAL_DAYS = 10;
    private static final LocalDate ODD = FIRST.plusDays(NORMAL_DAYS);
    private static final LocalDate NEXT = ODD.plusDays(1);

    private final RulesDriver driver = new RulesDriver(TestHomes.standardHome(), LegacyThresholds.SETTINGS); // quantile + margin path
    private final RoutineEvents routine = new RoutineEvents(7);

    /** The odd day's routine up to the morning bathroom visit (07:33), then nothing: a fall in the bathroom. */
    private List<SensorEvent> upToMorningBathroom(LocalDate day) {
        Instant cut = local(day.plusDays(1), "07:34");
        return routine.day(day, 7 * 60 + 30).stream().filter(e -> e.ts().isBefore(cut)).toList();
    }

    private static Instant lastOf(List<SensorEvent> events, String sensor) {
        return events.stream().filter(e -> e.sensorId().equals(sensor)).map(SensorEvent::ts).reduce((a, b) -> b)
                .orElseThrow();
    }

    @Test
    void advanceTo_raisesPossibleFallInTheBathroomLongBeforeTheTwelveHourFloorAndOnlyOnce() {
        driver.learn(routine, FIRST, NORMAL_DAYS);
        assertThat(driver.rules.learned().ready(driver.state.learned)).isTrue();
        List<SensorEvent> odd = upToMorningBathroom(ODD);
        driver.feed(odd);
        Instant fell = lastOf(odd, "pir-bathroom");

        driver.advanceTo(local(NEXT, "23:00"));

        List<RuleOutcome> stillness = driver.of(Rule.STILLNESS);
        assertThat(stillness).extracting(RuleOutcome::change).containsExactly(RuleOutcome.Change.RAISE);
        RuleOutcome raised = stillness.get(0);
        // usual morning bathroom stillness ~9-10 min + the 30 min bathroom margin
        assertThat(Duration.between(fell, raised.at())).isBetween(Duration.ofMinutes(35), Duration.ofMinutes(50));
        assertThat(raised.explanation().expected()).startsWith("usually still at most ").endsWith(" in bathroom");
        assertThat(raised.explanation().observed()).startsWith("no movement in bathroom since 07:33");
        assertThat(raised.explanation().facts()).containsEntry("room", "bathroom").containsKeys("usual", "duration");

        driver.feed(new TestHomes.Trace(NEXT.plusDays(1)).at("08:00", "pir-kitchen", 1).events());

        assertThat(driver.of(Rule.STILLNESS)).extracting(RuleOutcome::change)
                .containsExactly(RuleOutcome.Change.RAISE, RuleOutcome.Change.CLEAR);
    }

    /**
     * The lounge's only PIR reports itself offline before the morning bathroom visit: the person may be
     * sitting in the lounge unseen, so the silence after the bathroom is held to the lounge's longer limit.
     */
    @Test
    void advanceTo_holdsASilenceToTheLimitOfARoomThatLostEveryMotionSensor() {
        driver.learn(routine, FIRST, NORMAL_DAYS);
        RulesDriver seen = new RulesDriver(TestHomes.standardHome(), LegacyThresholds.SETTINGS);
        seen.learn(routine, FIRST, NORMAL_DAYS);
        List<SensorEvent> odd = upToMorningBathroom(ODD);
        Instant fell = lastOf(odd, "pir-bathroom");
        List<SensorEvent> loungeDead = new java.util.ArrayList<>(odd);
        loungeDead.add(SensorEvent.of("h1", "pir-lounge", local(NEXT, "07:00"), org.hearth.models.event.SensorKind.AVAILABILITY, 0));
        loungeDead.sort(java.util.Comparator.comparing(SensorEvent::ts));

        driver.feed(loungeDead);
        driver.advanceTo(local(NEXT, "23:00"));
        seen.feed(odd);
        seen.advanceTo(local(NEXT, "23:00"));

        Duration bathroomLimit = Duration.between(fell, seen.raised(Rule.STILLNESS).get(0).at());
        Duration whileUnseen = Duration.between(fell, driver.raised(Rule.STILLNESS).get(0).at());
        assertThat(bathroomLimit).isBetween(Duration.ofMinutes(35), Duration.ofMinutes(50));
        assertThat(whileUnseen).isGreaterThan(bathroomLimit.plusMinutes(15)).isLessThanOrEqualTo(Duration.ofHours(3));
        assertThat(driver.raised(Rule.SENSOR_OFFLINE)).hasSize(1);
    }

    @Test
    void advanceTo_leavesOnlyTheTwelveHourSafetyStillnessWhileLearning() {
        driver.learn(routine, FIRST, 3);
        assertThat(driver.rules.learned().ready(driver.state.learned)).isFalse();
        List<SensorEvent> odd = upToMorningBathroom(FIRST.plusDays(3));
        driver.feed(odd);
        Instant fell = lastOf(odd, "pir-bathroom");

        driver.advanceTo(fell.plus(Duration.ofHours(13)));

        assertThat(driver.of(Rule.STILLNESS)).hasSize(1);
        assertThat(driver.of(Rule.STILLNESS).get(0).at()).isEqualTo(fell.plus(Duration.ofHours(12)));
        assertThat(driver.outcomes).noneMatch(o -> o.rule().behavioural() && o.rule() != Rule.STILLNESS);
    }

    @Test
    void advanceTo_doesNotRaiseStillnessWhenThePersonWentOut() {
        driver.learn(routine, FIRST, NORMAL_DAYS);
        driver.feed(new TestHomes.Trace(ODD).at("13:00", "pir-lounge", 1).at("13:30", "pir-hall", 1)
                .at("13:31", "front-door", 1).at("13:31:30", "front-door", 0).events());

        driver.advanceTo(local(ODD, "17:00"));

        assertThat(driver.of(Rule.STILLNESS)).isEmpty();
    }

    @Test
    void advanceTo_presumesAsleepInTheBedroomAtNightWhenTheInBedReadingWasLost() {
        driver.learn(routine, FIRST, NORMAL_DAYS);
        // Bed at the usual time, but the "in bed" reading never arrives (a dropped message); the
        // bedroom PIR still sees the person turn over at 01:10 and 04:20.
        List<SensorEvent> night = new java.util.ArrayList<>(routine.day(ODD, 7 * 60 + 30).stream()
                .filter(e -> e.ts().isBefore(local(ODD, "22:00")))
                .filter(e -> !(e.sensorId().equals("bed") && e.ts().isAfter(local(ODD, "20:00")))).toList());
        night.addAll(new TestHomes.Trace(ODD).at("22:30", "pir-bathroom", 1).at("22:37", "pir-bedroom", 1)
                .on(NEXT, "01:10", "pir-bedroom", 1).on(NEXT, "04:20", "pir-bedroom", 1).events());
        driver.feed(night);

        driver.advanceTo(local(NEXT, "07:00"));

        assertThat(driver.of(Rule.STILLNESS)).isEmpty();
    }

    @Test
    void advanceTo_stillJudgesAPersonWhoGotOutOfBedAtNightAndLayStillInTheBedroom() {
        driver.learn(routine, FIRST, NORMAL_DAYS);
        List<SensorEvent> evening = routine.day(ODD, 7 * 60 + 30).stream()
                .filter(e -> e.ts().isBefore(local(NEXT, "01:00"))).toList();
        driver.feed(evening);
        // Out of bed at 01:30, one movement in the bedroom, then nothing: a fall beside the bed.
        driver.feed(new TestHomes.Trace(NEXT).at("01:30", "bed", 0).at("01:31", "pir-bedroom", 1).events());

        driver.advanceTo(local(NEXT, "06:00"));

        assertThat(driver.of(Rule.STILLNESS)).extracting(RuleOutcome::change).containsExactly(RuleOutcome.Change.RAISE);
        assertThat(driver.of(Rule.STILLNESS).get(0).explanation().observed()).startsWith("no movement in bedroom since 01:31");
    }

    @Test
    void advanceTo_presumesBackInBedAfterANightTripWhoseReturnToBedWasNotRead() {
        driver.learn(routine, FIRST, NORMAL_DAYS);
        // The night bathroom trip as usual (out of bed, bathroom, back into the bedroom), but the pad
        // misses the return to bed; the bedroom PIR sees the person turn over at 05:10.
        Instant rise = local(NEXT, "07:30");
        List<SensorEvent> events = new java.util.ArrayList<>(routine.day(ODD, 7 * 60 + 30).stream()
                .filter(e -> e.ts().isBefore(rise)).toList());
        SensorEvent tripExit = events.stream().filter(e -> e.sensorId().equals("bed") && !e.isOn()
                && e.ts().isAfter(local(NEXT, "01:00"))).findFirst().orElseThrow();
        events.removeIf(e -> e.sensorId().equals("bed") && e.isOn() && e.ts().isAfter(tripExit.ts()));
        events.addAll(new TestHomes.Trace(NEXT).at("05:10", "pir-bedroom", 1).events());
        events.sort(java.util.Comparator.comparing(SensorEvent::ts));
        driver.feed(events);

        driver.advanceTo(local(NEXT, "07:20"));

        assertThat(driver.of(Rule.STILLNESS)).isEmpty();
    }

    @Test
    void advanceTo_presumesStillInBedWhenAnOutOfBedReadingAtNightWasFollowedByNoMovement() {
        driver.learn(routine, FIRST, NORMAL_DAYS);
        List<SensorEvent> evening = routine.day(ODD, 7 * 60 + 30).stream()
                .filter(e -> e.ts().isBefore(local(NEXT, "01:00"))).toList();
        driver.feed(evening);
        // The pad reads empty at 01:30 and nothing moves (a flicker whose "in bed" was lost); the bedroom
        // PIR sees the person turn over at 02:40. Unlike a real exit, nobody stood up.
        driver.feed(new TestHomes.Trace(NEXT).at("01:30", "bed", 0).at("02:40", "pir-bedroom", 1).events());

        driver.advanceTo(local(NEXT, "06:00"));

        assertThat(driver.of(Rule.STILLNESS)).isEmpty();
    }

    @Test
    void advanceTo_judgesARoomThePersonIsNeverStillInWithTheBathroomMarginNotTheAfternoonNapsTail() {
        // The built-in budget path. The kitchen is used every day, but only on the move: the person
        // leaves for the lounge as soon as the kettle is off. A silence of 40 minutes there is as
        // unlikely as in a bathroom, whatever the naps in the lounge make of the time band's tail.
        RulesDriver budget = new RulesDriver(TestHomes.standardHome(), RuleSettings.DEFAULTS);
        for (int i = 0; i < 21; i++) {
            budget.feed(neverStillInTheKitchen(FIRST.plusDays(i)));
        }
        LocalDate odd = FIRST.plusDays(21);
        Instant fell = local(odd.plusDays(1), "09:40");
        List<SensorEvent> morning = new java.util.ArrayList<>(neverStillInTheKitchen(odd).stream()
                .filter(e -> e.ts().isBefore(fell)).toList());
        morning.addAll(new TestHomes.Trace(odd.plusDays(1)).at("09:40", "pir-kitchen", 1).events());
        budget.feed(morning);

        budget.advanceTo(local(odd.plusDays(1), "13:00"));

        List<RuleOutcome> stillness = budget.raised(Rule.STILLNESS).stream().filter(o -> o.at().isAfter(fell)).toList();
        assertThat(stillness).hasSize(1);
        assertThat(stillness.get(0).explanation().observed()).startsWith("no movement in kitchen since 09:40");
        assertThat(Duration.between(fell, stillness.get(0).at()))
                .isBetween(Duration.ofMinutes(35), Duration.ofMinutes(45));
    }

    /** The routine, leaving the kitchen for the lounge a minute after each boil. */
    private List<SensorEvent> neverStillInTheKitchen(LocalDate day) {
        List<SensorEvent> events = new java.util.ArrayList<>(routine.day(day, 7 * 60 + 30));
        for (SensorEvent e : List.copyOf(events)) {
            if (e.sensorId().equals("kettle") && e.value() == 0) {
                events.add(SensorEvent.of(e.homeId(), "pir-lounge", e.ts().plusSeconds(60), SensorKind.MOTION, 1));
            }
        }
        events.sort(java.util.Comparator.comparing(SensorEvent::ts));
        return events;
    }

    @Test
    void advanceTo_countsStillnessFromWhenTheHubCameBackNotFromBeforeItWentSilent() {
        driver.learn(routine, FIRST, NORMAL_DAYS);
        List<SensorEvent> odd = upToMorningBathroom(ODD);
        driver.feed(odd);
        Instant fell = lastOf(odd, "pir-bathroom");
        driver.feed(List.of(hubHeartbeat(fell.plusSeconds(5))));
        driver.advanceTo(local(NEXT, "10:00")); // hub silent from ~07:34: hub-offline, no inactivity alert
        assertThat(driver.raised(Rule.HUB_OFFLINE)).hasSize(1);
        assertThat(driver.of(Rule.STILLNESS)).isEmpty();

        Instant back = local(NEXT, "10:00");
        for (int i = 0; i <= 24; i++) {
            driver.feed(List.of(hubHeartbeat(back.plus(Duration.ofMinutes(10L * i)))));
        }

        assertThat(driver.of(Rule.HUB_OFFLINE)).extracting(RuleOutcome::change)
                .containsExactly(RuleOutcome.Change.RAISE, RuleOutcome.Change.CLEAR);
        assertThat(driver.of(Rule.STILLNESS)).hasSize(1);
        // not the bathroom's 40 minutes: where the person went while the kit was down is not known,
        // so from the return the fallback limit (3 h)
        assertThat(Duration.between(back, driver.of(Rule.STILLNESS).get(0).at()))
                .isBetween(Duration.ofMinutes(175), Duration.ofMinutes(190));
    }

    @Test
    void advanceTo_raisesAtTheSameElapsedTimeAcrossTheAutumnClockChange() {
        LocalDate first = LocalDate.of(2026, 10, 15);
        driver.learn(routine, first, NORMAL_DAYS); // care day 2026-10-24 holds the night of the change
        LocalDate odd = first.plusDays(NORMAL_DAYS);
        assertThat(TestHomes.LONDON.getRules().isDaylightSavings(local(first, "12:00"))).isTrue();
        assertThat(TestHomes.LONDON.getRules().isDaylightSavings(local(odd, "12:00"))).isFalse();
        List<SensorEvent> events = upToMorningBathroom(odd);
        driver.feed(events);
        Instant fell = lastOf(events, "pir-bathroom");

        driver.advanceTo(fell.plus(Duration.ofHours(3)));

        assertThat(driver.of(Rule.STILLNESS)).hasSize(1);
        assertThat(Duration.between(fell, driver.of(Rule.STILLNESS).get(0).at()))
                .isBetween(Duration.ofMinutes(35), Duration.ofMinutes(50));
        assertThat(driver.of(Rule.STILLNESS).get(0).explanation().observed()).contains("since 07:33");
    }

    @Test
    void advanceTo_usesTheFallbackInARoomAndTimeOfDayWithoutHistory() {
        driver.learn(routine, FIRST, NORMAL_DAYS);
        Instant cut = local(NEXT, "01:30");
        driver.feed(routine.day(ODD, 7 * 60 + 30).stream().filter(e -> e.ts().isBefore(cut)).toList());
        driver.feed(new TestHomes.Trace(NEXT).at("01:35", "bed", 0).at("01:38", "pir-lounge", 1).events());

        driver.advanceTo(local(NEXT, "06:00"));

        assertThat(driver.raised(Rule.STILLNESS)).hasSize(1);
        RuleOutcome raised = driver.raised(Rule.STILLNESS).get(0);
        assertThat(raised.at()).isBetween(local(NEXT, "04:38"), local(NEXT, "04:39"));
        assertThat(raised.explanation().expected()).isEqualTo("moves at least every 3h in lounge");
        assertThat(raised.explanation().observed()).isEqualTo("no movement in lounge since 01:38 (3h)");
    }

    @Test
    void advanceTo_treatsARoomEnteredOftenButNeverStillInAsUsuallyStillUnderFiveMinutes() {
        driver.learn(routine, FIRST, 12); // the routine walks through the hall, never stopping, on outing days
        LocalDate odd = FIRST.plusDays(12);
        driver.feed(new TestHomes.Trace(odd).at("13:00", "pir-lounge", 1).at("13:30", "pir-hall", 1).events());

        driver.advanceTo(local(odd, "17:00"));

        assertThat(driver.raised(Rule.STILLNESS)).hasSize(1);
        RuleOutcome raised = driver.raised(Rule.STILLNESS).get(0);
        // the q0.95 of a few minutes + the 45 min margin, not the 3 h fallback
        assertThat(raised.at()).isBetween(local(odd, "14:15"), local(odd, "14:30"));
        assertThat(raised.explanation().expected()).matches("usually still at most \\d+ min in hall");
    }

    @Test
    void nothingLearned_raisesOnNormalDays() {
        driver.learn(routine, FIRST, NORMAL_DAYS + 5);

        assertThat(driver.rules.learned().ready(driver.state.learned)).isTrue();
        assertThat(driver.of(Rule.STILLNESS)).isEmpty();
    }

    private static SensorEvent hubHeartbeat(Instant t) {
        return SensorEvent.of("h1", "hub", t, SensorKind.HEARTBEAT, 1);
    }
}
