package org.hearth.models.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hearth.models.rules.RulesDriver.local;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.hearth.models.alert.Rule;
import org.hearth.models.event.SensorEvent;
import org.hearth.models.registry.Home;
import org.hearth.models.testing.RoutineEvents;
import org.hearth.models.testing.TestHomes;
import org.junit.jupiter.api.Test;

/**
 * Most kits have no bed sensor: a silence in the bedroom that runs into the night is the person
 * asleep, left to the 12 h safety floor; the same silence by day is judged like any other room's.
 */
class BedroomWithoutBedSensorTest {

    private static final LocalDate FIRST = LocalDate.of(2026, 6, 1);
    private static final LocalDate ODD = FIRST.plusDays(14);

    private final Home home = withoutBedSensor(TestHomes.standardHome());
    private final RulesDriver driver = new RulesDriver(home, RuleSettings.DEFAULTS);
    private final RoutineEvents routine = new RoutineEvents(11);

    private static Home withoutBedSensor(Home h) {
        return new Home(h.id(), h.timezone(), h.resident(), h.hubs(),
                h.sensors().stream().filter(s -> !s.id().equals("bed")).toList(),
                h.carers(), h.installer(), h.cohort(), h.overrides());
    }

    private List<SensorEvent> day(LocalDate d) {
        return routine.day(d, 7 * 60 + 30).stream().filter(e -> !e.sensorId().equals("bed")).toList();
    }

    private void learn() {
        for (int i = 0; i < 14; i++) {
            driver.feed(day(FIRST.plusDays(i)));
        }
    }

    /** The odd day's routine up to {@code time}, then one movement in the bedroom, then nothing. */
    private Instant lastSeenInTheBedroomAt(String time) {
        Instant cut = local(ODD, time);
        List<SensorEvent> odd = new ArrayList<>(day(ODD).stream().filter(e -> e.ts().isBefore(cut)).toList());
        odd.add(TestHomes.event(cut, "pir-bedroom", 1));
        driver.feed(odd);
        return cut;
    }

    @Test
    void aBedroomSilenceRunningIntoTheNight_isSleepNotAFall() {
        learn();
        Instant lastSeen = lastSeenInTheBedroomAt("21:40");

        driver.advanceTo(lastSeen.plus(Duration.ofHours(9)));

        assertThat(driver.raised(Rule.STILLNESS)).isEmpty();
    }

    @Test
    void aBedroomSilenceInTheAfternoon_isStillJudged() {
        learn();
        Instant lastSeen = lastSeenInTheBedroomAt("13:10");

        driver.advanceTo(lastSeen.plus(Duration.ofHours(6)));

        assertThat(driver.raised(Rule.STILLNESS)).isNotEmpty();
        assertThat(Duration.between(lastSeen, driver.raised(Rule.STILLNESS).get(0).at())).isLessThan(Duration.ofHours(4));
    }

    @Test
    void theLearningStatusShowsTheLimitTheRuleActsOn() {
        learn();
        Instant lastSeen = lastSeenInTheBedroomAt("13:10");

        driver.advanceTo(lastSeen.plus(Duration.ofHours(6)));
        // read after the day's close (12:30 plus this home's spread, which may come after 13:10) and before the next:
        // the baseline the rule judged the silence with
        java.util.Map<String, Integer> limits = driver.rules.learned().stillnessLimits(driver.state.learned);

        assertThat(limits).containsKeys("bathroom afternoon", "kitchen morning");
        Duration waited = Duration.between(lastSeen, driver.raised(Rule.STILLNESS).get(0).at());
        assertThat(waited.toMinutes()).isEqualTo(limits.get("bedroom afternoon").longValue());
    }
}
