package org.hearth.models.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hearth.models.rules.RulesDriver.local;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hearth.models.alert.Rule;
import org.hearth.models.baseline.Anchor;
import org.hearth.models.baseline.AnchorExpectation;
import org.hearth.models.baseline.Baseline;
import org.hearth.models.baseline.TailBudget;
import org.hearth.models.day.CareDay;
import org.hearth.models.event.SensorEvent;
import org.hearth.models.event.SensorKind;
import org.hearth.models.registry.Home;
import org.hearth.models.registry.Sensor;
import org.hearth.models.testing.RoutineEvents;
import org.hearth.models.testing.TestHomes;
import org.hearth.models.threshold.ThresholdsLoader;
import org.junit.jupiter.api.Test;

/**
 * {@code no-kettle}: a missed kettle alone is weak evidence (people skip their tea on about 3 % of
 * days, which alone was a text a month); the alert is "no kettle and not in the kitchen all
 * morning". Ten plain days are learned (tea at 07:44-07:54, the kitchen PIR at the same time), then
 * one morning is changed.
 */
class NoKettleRuleTest {

    private static final LocalDate FIRST = LocalDate.of(2026, 6, 1);
    private static final LocalDate ODD = FIRST.plusDays(10);
    private static final LocalDate NEXT = ODD.plusDays(1);

    /** The standard kit plus a fridge door and a microwave plug in the kitchen. */
    private static Home kitchenHome() {
        Home h = TestHomes.standardHome();
        List<Sensor> sensors = new ArrayList<>(h.sensors());
        sensors.add(new Sensor("fridge", SensorKind.CONTACT, "kitchen", null, null));
        sensors.add(new Sensor("microwave", SensorKind.POWER, "kitchen", null, null));
        return new Home(h.id(), h.timezone(), h.resident(), h.hubs(), sensors, h.carers(), h.installer(), h.cohort(),
                h.overrides());
    }

    private final RulesDriver driver = new RulesDriver(kitchenHome(), RuleSettings.DEFAULTS);
    private final RoutineEvents routine = new RoutineEvents(7);

    /** The odd evening and morning: the morning's kettle left out, and its kitchen motion unless {@code kitchen}. */
    private List<SensorEvent> morningWithoutKettle(boolean kitchen) {
        return routine.day(ODD, 7 * 60 + 30).stream()
                .filter(e -> !(e.ts().isAfter(local(NEXT, "05:00"))
                        && (e.sensorId().equals("kettle") || (!kitchen && e.sensorId().equals("pir-kitchen")))))
                .toList();
    }

    private void runMorning(List<SensorEvent> events) {
        driver.learn(routine, FIRST, 10);
        driver.feed(events);
        driver.advanceTo(local(NEXT, "11:55"));
    }

    @Test
    void noKettleAndNotInTheKitchenAllMorning_raises() {
        runMorning(morningWithoutKettle(false));

        assertThat(driver.raised(Rule.NOT_UP)).isEmpty();
        assertThat(driver.raised(Rule.NO_KETTLE)).hasSize(1);
        assertThat(driver.raised(Rule.NO_KETTLE).get(0).explanation().observed()).isEqualTo("no kettle yet today");
    }

    @Test
    void upAndMovingInTheKitchenWithoutTheKettle_raisesNothing() {
        runMorning(morningWithoutKettle(true));

        assertThat(driver.of(Rule.NO_KETTLE)).isEmpty();
    }

    @Test
    void fridgeOpenedOrMicrowaveOn_isTheKitchenUsed() {
        List<SensorEvent> fridge = new ArrayList<>(morningWithoutKettle(false));
        fridge.add(SensorEvent.of("h1", "fridge", local(NEXT, "08:05"), SensorKind.CONTACT, 1));
        fridge.sort(java.util.Comparator.comparing(SensorEvent::ts));
        runMorning(fridge);
        assertThat(driver.of(Rule.NO_KETTLE)).isEmpty();

        RulesDriver other = new RulesDriver(kitchenHome(), RuleSettings.DEFAULTS);
        other.learn(new RoutineEvents(7), FIRST, 10);
        List<SensorEvent> microwave = new ArrayList<>(morningWithoutKettle(false));
        microwave.add(SensorEvent.of("h1", "microwave", local(NEXT, "08:05"), SensorKind.POWER, 900));
        microwave.sort(java.util.Comparator.comparing(SensorEvent::ts));
        other.feed(microwave);
        other.advanceTo(local(NEXT, "11:55"));
        assertThat(other.of(Rule.NO_KETTLE)).isEmpty();
    }

    @Test
    void aFridgeCompressorOrAKitchenVisitInTheNight_isNotTheKitchenUsed() {
        List<SensorEvent> events = new ArrayList<>(morningWithoutKettle(false));
        // a fridge on a plug cycles by itself; a kitchen visit at 03:30 is the night, not the morning
        events.add(SensorEvent.of("h1", "microwave", local(NEXT, "08:05"), SensorKind.POWER, 120));
        events.add(SensorEvent.of("h1", "pir-kitchen", local(NEXT, "03:30"), SensorKind.MOTION, 1));
        events.sort(java.util.Comparator.comparing(SensorEvent::ts));
        runMorning(events);

        assertThat(driver.raised(Rule.NO_KETTLE)).hasSize(1);
    }

    @Test
    void withABudget_theDeadlineIsWhereThePersonsOwnFirstBoilsWouldPassItAtThatRate() {
        driver.learn(routine, FIRST, 10);
        LearnedRules learned = driver.rules.learned();
        Baseline baseline = learned.baseline(driver.state.learned);
        AnchorExpectation budgeted = learned.kettleExpectation(driver.state.learned, baseline).orElseThrow();
        AnchorExpectation margin = baseline.expect(Anchor.FIRST_KETTLE, 0.9, 60).orElseThrow();

        double[] firsts = baseline.window().stream().mapToInt(Anchor.FIRST_KETTLE::of)
                .mapToDouble(m -> CareDay.careMinute(m, java.time.LocalTime.NOON)).toArray();
        int expected = (int) Math.round(TailBudget.level(firsts, firsts.length, 0.1 / 30, 15));
        assertThat(CareDay.careMinute(budgeted.deadlineMinute(), java.time.LocalTime.NOON)).isEqualTo(expected);
        assertThat(budgeted.deadlineMinute()).isGreaterThan(margin.deadlineMinute());
        assertThat(budgeted.usualMinute()).isEqualTo(margin.usualMinute());

        // budget 0: the usual plus the margin, as before
        RulesDriver plain = new RulesDriver(kitchenHome(), new RuleSettings(org.hearth.models.rules.SafetySettings.DEFAULTS,
                new ThresholdsLoader().parse("t.yaml", "version: 1\ndefaults:\n  no-kettle: {budget: 0}\n")));
        plain.learn(new RoutineEvents(7), FIRST, 10);
        LearnedRules plainRules = plain.rules.learned();
        assertThat(plainRules.kettleExpectation(plain.state.learned, plainRules.baseline(plain.state.learned)).orElseThrow())
                .isEqualTo(margin);
    }

    @Test
    void withABudget_aLateBoilBeforeTheBudgetedDeadlineRaisesNothing() {
        driver.learn(routine, FIRST, 10);
        LearnedRules learned = driver.rules.learned();
        Baseline baseline = learned.baseline(driver.state.learned);
        int marginDeadline = baseline.expect(Anchor.FIRST_KETTLE, 0.9, 60).orElseThrow().deadlineMinute();
        int budgetDeadline = learned.kettleExpectation(driver.state.learned, baseline).orElseThrow().deadlineMinute();
        assertThat(budgetDeadline - marginDeadline).isGreaterThanOrEqualTo(2);
        // after the old deadline was judged (+5 min), before the new one is: the late tea is no alert
        int boil = Math.min(marginDeadline + 6, budgetDeadline + 3);
        String at = String.format("%02d:%02d", boil / 60, boil % 60);
        List<SensorEvent> events = new ArrayList<>(morningWithoutKettle(false));
        events.addAll(new TestHomes.Trace(NEXT).at(at, "kettle", 2200).at(at + ":50", "kettle", 0).events());
        events.sort(java.util.Comparator.comparing(SensorEvent::ts));
        driver.feed(events);
        driver.advanceTo(local(NEXT, "11:55"));

        assertThat(driver.of(Rule.NO_KETTLE)).isEmpty();
    }
}
