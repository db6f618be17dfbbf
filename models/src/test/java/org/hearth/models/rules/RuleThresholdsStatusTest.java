package org.hearth.models.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hearth.models.rules.RulesDriver.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hearth.models.alert.Rule;
import org.hearth.models.event.SensorEvent;
import org.hearth.models.registry.Home;
import org.hearth.models.status.RuleThreshold;
import org.hearth.models.testing.RoutineEvents;
import org.hearth.models.testing.TestHomes;
import org.hearth.models.threshold.ThresholdsLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The learning status shows every learned rule's calibrated threshold for the resident, with its
 * share of the false-alert budget and the analyst's overrides in force; and the threshold shown is
 * the one the rule acts on.
 */
class RuleThresholdsStatusTest {

    private static final LocalDate FIRST = LocalDate.of(2026, 6, 1);
    private static final LocalDate ODD = FIRST.plusDays(14);
    private static final List<String> LEARNED_RULES = List.of("not-up", "no-kettle", "stillness", "night-door",
            "not-home", "night-activity", "unusual-routes", "unusual-day", "bathroom-trend", "kettle-trend",
            "sleep-trend");

    /** The day-level rules that did not earn their place in the budget (models README). */
    private static final Map<String, String> OFF_BY_DEFAULT = Map.of("unusual-routes", "0.05", "unusual-day", "0.05",
            "bathroom-trend", "0.02", "kettle-trend", "0.02", "sleep-trend", "0.02");

    private final RoutineEvents routine = new RoutineEvents(7);

    @TempDir
    Path dir;

    @Test
    void whileLearning_noThresholdsAreShown() {
        RulesDriver driver = new RulesDriver();
        driver.learn(routine, FIRST, 4);

        assertThat(driver.rules.learned().thresholds(driver.state.learned)).isEmpty();
    }

    @Test
    void onceWatching_everyLearnedRuleShowsItsThresholdAndBudgetShare() {
        RulesDriver driver = new RulesDriver();
        driver.learn(routine, FIRST, 28);

        Map<String, RuleThreshold> t = driver.rules.learned().thresholds(driver.state.learned);

        assertThat(t.keySet()).containsExactlyInAnyOrderElementsOf(LEARNED_RULES);
        // the built-in shares of one behavioural alert per 30 days; not-up and night-activity unbudgeted
        assertThat(t.get("stillness").budget()).isEqualTo(0.74);
        assertThat(t.get("not-home").budget()).isEqualTo(0.1);
        assertThat(t.get("no-kettle").budget()).isEqualTo(0.1);
        assertThat(t.get("night-door").budget()).isEqualTo(0.05);
        assertThat(t.get("unusual-routes").budget()).isEqualTo(0.05);
        assertThat(t.get("bathroom-trend").budget()).isEqualTo(0.02);
        assertThat(t.get("not-up").budget()).isZero();
        assertThat(t.get("night-activity").budget()).isZero();
        assertThat(t.values()).allSatisfy(r -> assertThat(r.overrides()).isEmpty());
        // off by default: shown as off, no limit
        OFF_BY_DEFAULT.forEach((off, budget) -> {
            assertThat(t.get(off).enabled()).as(off).isFalse();
            assertThat(t.get(off).text()).as(off).startsWith("off; budget " + budget + "/30 d");
        });
        // each of the others has a calibrated limit after four weeks of a plain routine
        for (String rule : LEARNED_RULES) {
            if (!OFF_BY_DEFAULT.containsKey(rule)) {
                assertThat(t.get(rule).enabled()).as(rule).isTrue();
                assertThat(t.get(rule).limits()).as(rule).isNotEmpty();
            }
        }
        assertThat(t.get("stillness").limits()).containsAllEntriesOf(
                doubles(driver.rules.learned().stillnessLimits(driver.state.learned)));
        assertThat(t.get("not-home").limits()).containsOnlyKeys("night", "morning", "afternoon", "evening");
        assertThat(t.get("not-up").limits().get("up by")).isBetween(7 * 60 + 40.0, 9 * 60.0);
        assertThat(t.get("not-up").text()).matches("up by 0[89]:\\d\\d; no budget \\(own quantile \\+ margin\\)");
        assertThat(t.get("night-door").limits().values()).allSatisfy(n -> assertThat(n).isGreaterThanOrEqualTo(1));
    }

    @Test
    void trendsAnAnalystSwitchesOn_showTheirWeeklyEdge() throws Exception {
        Path file = Files.writeString(dir.resolve("thresholds.yaml"), """
                version: 1
                defaults:
                  bathroom-trend: {enabled: true}
                  kettle-trend: {enabled: true}
                """);
        RulesDriver driver = new RulesDriver(TestHomes.standardHome(),
                new RuleSettings(SafetySettings.DEFAULTS, new ThresholdsLoader().load(file)));
        driver.learn(routine, FIRST, 28);

        Map<String, RuleThreshold> t = driver.rules.learned().thresholds(driver.state.learned);

        assertThat(t.get("bathroom-trend").enabled()).isTrue();
        assertThat(t.get("bathroom-trend").limits()).containsOnlyKeys("weekly mean above");
        assertThat(t.get("kettle-trend").limits()).containsOnlyKeys("weekly mean below");
        assertThat(t.get("sleep-trend").enabled()).isFalse();
    }

    @Test
    void theNotUpDeadlineShown_isTheOneTheRuleRaisesAt() {
        RulesDriver driver = new RulesDriver();
        driver.learn(routine, FIRST, 14);
        // the odd day's afternoon and evening close the last learned day; then the resident stays in bed
        Instant bed = local(ODD, "22:40");
        driver.feed(routine.day(ODD, 7 * 60 + 30).stream().filter(e -> e.ts().isBefore(bed)).toList());
        driver.feed(List.of(TestHomes.event(bed, "bed", 1)));
        double upBy = driver.rules.learned().thresholds(driver.state.learned).get("not-up").limits().get("up by");

        driver.advanceTo(local(ODD.plusDays(1), "11:30"));

        ZonedDateTime raised = driver.raised(Rule.NOT_UP).get(0).at().minus(LearnedRules.SETTLE).atZone(TestHomes.LONDON);
        assertThat(raised.getHour() * 60 + raised.getMinute()).isEqualTo((int) upBy);
    }

    @Test
    void theNotHomeLimitShown_isTheOneTheRuleRaisesAt() {
        RulesDriver driver = new RulesDriver();
        driver.learn(routine, FIRST, 14);
        Instant out = local(ODD, "14:05");
        List<SensorEvent> odd = new ArrayList<>(routine.day(ODD, 7 * 60 + 30).stream()
                .filter(e -> e.ts().isBefore(out.minusSeconds(600)) && !e.sensorId().equals("front-door")).toList());
        odd.add(TestHomes.event(out.minusSeconds(30), "pir-hall", 1));
        odd.add(TestHomes.event(out, "front-door", 1));
        odd.add(TestHomes.event(out.plusSeconds(20), "front-door", 0));
        driver.feed(odd);
        double limit = driver.rules.learned().thresholds(driver.state.learned).get("not-home").limits().get("afternoon");

        driver.advanceTo(out.plus(Duration.ofHours(10)));

        assertThat(driver.raised(Rule.NOT_HOME)).hasSize(1);
        assertThat(Duration.between(out, driver.raised(Rule.NOT_HOME).get(0).at()).toMinutes()).isEqualTo((long) limit);
    }

    @Test
    void analystOverrides_areNamedWithTheirKeysAndChangeTheThresholdShown() throws Exception {
        Path file = dir.resolve("t.yaml");
        Files.writeString(file, """
                version: 1
                residents:
                  r1: {unusual-day: {enabled: true}, night-door: {enabled: false}}
                """);
        Home standard = TestHomes.standardHome();
        Home frail = new Home(standard.id(), standard.timezone(), standard.resident(), standard.hubs(),
                standard.sensors(), standard.carers(), standard.installer(), "frail",
                Map.of("not-home", Map.of("budget", 0.5)));
        RulesDriver plain = new RulesDriver();
        RulesDriver driver = new RulesDriver(frail,
                new RuleSettings(SafetySettings.DEFAULTS, new ThresholdsLoader().load(file)));
        plain.learn(new RoutineEvents(7), FIRST, 21);
        driver.learn(new RoutineEvents(7), FIRST, 21);

        Map<String, RuleThreshold> t = driver.rules.learned().thresholds(driver.state.learned);
        Map<String, RuleThreshold> defaults = plain.rules.learned().thresholds(plain.state.learned);

        assertThat(t.get("stillness").overrides()).containsExactly("cohort frail: bathroomMargin, budget, margin");
        assertThat(t.get("stillness").budget()).isEqualTo(1.0);
        assertThat(t.get("not-up").overrides()).containsExactly("cohort frail: margin");
        assertThat(t.get("not-up").limits().get("up by")).isEqualTo(defaults.get("not-up").limits().get("up by") - 15);
        assertThat(t.get("not-home").overrides()).containsExactly("home: budget");
        assertThat(t.get("not-home").budget()).isEqualTo(0.5);
        assertThat(t.get("unusual-day").overrides()).containsExactly("resident: enabled");
        assertThat(t.get("unusual-day").enabled()).isTrue();
        assertThat(t.get("unusual-day").limits()).containsOnlyKeys("score above");
        assertThat(t.get("night-door").enabled()).isFalse();
        assertThat(t.get("night-door").text()).isEqualTo("off; budget 0.05/30 d; override resident: enabled");
        assertThat(t.get("no-kettle").overrides()).isEmpty();
    }

    private static Map<String, Double> doubles(Map<String, Integer> m) {
        Map<String, Double> out = new java.util.HashMap<>();
        m.forEach((k, v) -> out.put(k, v.doubleValue()));
        return out;
    }
}
