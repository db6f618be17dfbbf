package org.hearth.models.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;
import org.hearth.models.alert.Rule;
import org.hearth.models.testing.RoutineEvents;
import org.junit.jupiter.api.Test;

/**
 * How often the learned rules raise on ordinary days: plain event-level routines
 * ({@link RoutineEvents}: jittered meals, lounge time, outings on 4 days in 10, a night bathroom
 * trip, rise 07:30-07:40) through the whole rule set as the job drives it. The simulator's richer
 * residents live in another module (which depends on this one); this is the cheap check here.
 */
class NormalDaysAlertRateTest {

    private static final int HOMES = 3;
    private static final int DAYS = 40;

    @Test
    void learnedRules_raiseRarelyOnNormalDays() {
        Map<Rule, Integer> raised = new TreeMap<>();
        int judgedDays = 0;
        for (int seed = 1; seed <= HOMES; seed++) {
            RulesDriver driver = new RulesDriver();
            RoutineEvents routine = new RoutineEvents(100 + seed);
            LocalDate first = LocalDate.of(2026, 9, 1);
            for (int i = 0; i < DAYS; i++) {
                boolean ready = driver.rules.learned().ready(driver.state.learned);
                int before = driver.outcomes.size();
                driver.feed(routine.day(first.plusDays(i), 7 * 60 + 25 + (i * 7) % 20));
                if (ready) {
                    judgedDays++;
                }
                for (RuleOutcome o : driver.outcomes.subList(before, driver.outcomes.size())) {
                    if (o.change() == RuleOutcome.Change.RAISE && o.rule().behavioural()) {
                        raised.merge(o.rule(), 1, Integer::sum);
                    }
                }
            }
        }
        int total = raised.values().stream().mapToInt(Integer::intValue).sum();
        double per30 = total * 30.0 / judgedDays;
        System.out.printf("normal days: %d judged home-days, raises %s, %.2f per home per 30 days%n",
                judgedDays, raised, per30);

        assertThat(judgedDays).isGreaterThan(HOMES * (DAYS - 10));
        assertThat(raised).doesNotContainKeys(Rule.NIGHT_DOOR, Rule.NOT_HOME); // urgent ones
        // Intended change (issue 15): learned stillness is calibrated to raise about its budget share
        // (0.74 per 30 days) on days like the learned ones, so it may raise on normal days; here 3 in 96
        // home-days. Not understood yet: kettle-trend raised 3 here since this change (0 before).
        assertThat(raised.getOrDefault(Rule.STILLNESS, 0) * 30.0 / judgedDays).isLessThanOrEqualTo(1.0);
        assertThat(per30).isLessThanOrEqualTo(2.0);
    }
}
