package org.hearth.models.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hearth.models.rules.RulesDriver.local;

import java.time.LocalDate;
import java.util.List;
import org.hearth.models.alert.Rule;
import org.hearth.models.event.SensorEvent;
import org.hearth.models.testing.RoutineEvents;
import org.hearth.models.testing.TestHomes;
import org.junit.jupiter.api.Test;

/**
 * The all-clear of a morning alert must not contradict it. {@code hearth demo} texted "J.C. has not
 * used the kettle today (usually by 09:35)" and then "all clear ... kettle on at 09:24": the kettle's
 * "off" reading was lost, so the morning's boil was not a boil; care days turn at noon, so the
 * afternoon's boils belonged to the next care day's evening and did not count; the alert stayed open
 * until the next morning's boil at 09:24, and the all-clear gave that boil's bare clock time.
 */
class OpenAlertClearTest {

    private static final LocalDate FIRST = LocalDate.of(2026, 6, 1);
    private static final LocalDate ODD = FIRST.plusDays(10);
    private static final LocalDate NEXT = ODD.plusDays(1);

    private final RulesDriver driver = new RulesDriver();
    private final RoutineEvents routine = new RoutineEvents(7);

    /** Ten plain days, then an evening and a morning without the kettle: no-kettle is raised that morning. */
    private RuleOutcome noKettleRaised() {
        driver.learn(routine, FIRST, 10);
        driver.feed(routine.day(ODD, 7 * 60 + 30).stream()
                .filter(e -> !(isMorningTea(e) && e.ts().isAfter(local(NEXT, "05:00")))).toList());
        List<RuleOutcome> raised = driver.raised(Rule.NO_KETTLE);
        assertThat(raised).hasSize(1);
        return raised.get(0);
    }

    @Test
    void noKettle_isClearedByTheFirstBoilAfterItEvenInTheAfternoon() {
        RuleOutcome raised = noKettleRaised();

        driver.feed(new TestHomes.Trace(NEXT).at("12:40", "pir-kitchen", 1).at("12:41", "kettle", 2100)
                .at("12:44", "kettle", 0).events());

        List<RuleOutcome> kettle = driver.of(Rule.NO_KETTLE);
        assertThat(kettle).hasSize(2);
        RuleOutcome cleared = kettle.get(1);
        assertThat(cleared.change()).isEqualTo(RuleOutcome.Change.CLEAR);
        assertThat(cleared.at()).isEqualTo(local(NEXT, "12:41")).isAfter(raised.at());
        assertThat(cleared.explanation().observed()).isEqualTo("kettle on at 12:41");
    }

    @Test
    void noKettle_clearedOnLaterDayNamesThatDay() {
        noKettleRaised();

        // no boil for the rest of the day; the next one is the following morning's
        driver.feed(new TestHomes.Trace(NEXT.plusDays(1)).at("07:40", "pir-kitchen", 1).at("07:41", "kettle", 2200)
                .at("07:44", "kettle", 0).events());

        RuleOutcome cleared = driver.of(Rule.NO_KETTLE).get(1);
        assertThat(cleared.change()).isEqualTo(RuleOutcome.Change.CLEAR);
        assertThat(cleared.explanation().observed()).isEqualTo("kettle on at 07:41 on Sat 13 Jun");
    }

    @Test
    void notUp_isClearedWhenThePersonGetsUpAfterNoon() {
        driver.learn(routine, FIRST, 10);
        driver.feed(routine.day(ODD, 7 * 60 + 30).stream().filter(e -> e.ts().isBefore(local(NEXT, "05:00"))).toList());
        driver.advanceTo(local(NEXT, "12:00"));
        assertThat(driver.raised(Rule.NOT_UP)).hasSize(1);

        driver.feed(new TestHomes.Trace(NEXT).at("12:20", "bed", 0).at("12:21", "pir-bedroom", 1)
                .at("12:24", "pir-kitchen", 1).events());

        List<RuleOutcome> notUp = driver.of(Rule.NOT_UP);
        assertThat(notUp).hasSize(2);
        assertThat(notUp.get(1).change()).isEqualTo(RuleOutcome.Change.CLEAR);
        assertThat(notUp.get(1).at()).isAfterOrEqualTo(local(NEXT, "12:20")).isBefore(local(NEXT, "12:25"));
        assertThat(notUp.get(1).explanation().observed()).startsWith("up at 12:2").doesNotContain(" on ");
    }

    /** The morning's tea: the kettle and the kitchen motion around it (no-kettle needs both missing). */
    private static boolean isMorningTea(SensorEvent e) {
        return e.sensorId().equals("kettle") || e.sensorId().equals("pir-kitchen");
    }
}
