package org.hearth.models.threshold;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.hearth.models.alert.Rule;
import org.hearth.models.registry.Home;
import org.hearth.models.registry.Resident;
import org.junit.jupiter.api.Test;

class ThresholdsTest {

    private final ThresholdsLoader loader = new ThresholdsLoader();

    private static Home home(String cohort, Map<String, Object> overrides) {
        return new Home("h1", null, new Resident("r1", "J.S."), List.of(), List.of(), List.of(), null, cohort,
                overrides);
    }

    @Test
    void builtIn_definesEveryTunableRule() {
        Thresholds t = Thresholds.defaults();

        RuleSettings notUp = t.settings(Rule.NOT_UP, home(null, Map.of()));
        RuleSettings stillness = t.settings(Rule.STILLNESS, home(null, Map.of()));

        assertThat(notUp.quantile()).isEqualTo(0.9);
        assertThat(notUp.margin()).isEqualTo(45.0);
        assertThat(notUp.enabled()).isTrue();
        assertThat(stillness.param("fallback", 0)).isEqualTo(180.0);
        assertThat(stillness.param("bathroomMargin", 0)).isEqualTo(30.0);
        for (Rule r : List.of(Rule.NO_KETTLE, Rule.NIGHT_DOOR, Rule.NOT_HOME, Rule.NIGHT_ACTIVITY,
                Rule.UNUSUAL_ROUTES, Rule.UNUSUAL_DAY, Rule.BATHROOM_TREND, Rule.KETTLE_TREND, Rule.SLEEP_TREND)) {
            assertThat(t.settings(r, home(null, Map.of())).quantile()).as(r.wireName()).isGreaterThan(0.5);
        }
    }

    @Test
    void settings_mostSpecificWinsKeyByKey() {
        Thresholds t = loader.parse("thresholds.yaml", """
                version: 1
                defaults:
                  not-up: {quantile: 0.8}
                cohorts:
                  frail:
                    not-up: {margin: 20m}
                residents:
                  r1:
                    not-up: {quantile: 0.95}
                """);

        RuleSettings s = t.settings(Rule.NOT_UP, home("frail", Map.of("not-up", Map.of("margin", "1h"))));
        RuleSettings cohortOnly = t.settings(Rule.NOT_UP, home("frail", Map.of()));

        assertThat(s.quantile()).isEqualTo(0.95);
        assertThat(s.margin()).isEqualTo(60.0);
        assertThat(cohortOnly.margin()).isEqualTo(20.0);
        assertThat(t.settings(Rule.STILLNESS, home("frail", Map.of())).margin()).isEqualTo(30.0); // built-in frail
    }

    @Test
    void settings_sharedByTheHomesOfACohortThatSetNothingOfTheirOwn() {
        Thresholds t = loader.parse("thresholds.yaml", """
                version: 1
                cohorts:
                  frail:
                    not-up: {margin: 20m}
                residents:
                  r9:
                    not-up: {quantile: 0.95}
                """);
        Home a = new Home("a", null, new Resident("r1", "A.A."), List.of(), List.of(), List.of(), null, "frail", Map.of());
        Home b = new Home("b", null, new Resident("r2", "B.B."), List.of(), List.of(), List.of(), null, "frail", Map.of());
        Home ownResident = new Home("c", null, new Resident("r9", "C.C."), List.of(), List.of(), List.of(), null, "frail", Map.of());
        Home ownOverride = new Home("d", null, new Resident("r4", "D.D."), List.of(), List.of(), List.of(), null, "frail",
                Map.of("not-up", Map.of("margin", "1h")));
        Home otherCohort = new Home("e", null, new Resident("r5", "E.E."), List.of(), List.of(), List.of(), null, null, Map.of());

        RuleSettings shared = t.settings(Rule.NOT_UP, a);

        // one instance for the cohort's homes (a dozen per home otherwise: most of a home's rules' heap)
        assertThat(t.settings(Rule.NOT_UP, b)).isSameAs(shared);
        assertThat(shared.margin()).isEqualTo(20.0);
        assertThat(t.settings(Rule.NOT_UP, ownResident).quantile()).isEqualTo(0.95);
        assertThat(t.settings(Rule.NOT_UP, ownResident).margin()).isEqualTo(20.0);
        assertThat(t.settings(Rule.NOT_UP, ownOverride).margin()).isEqualTo(60.0);
        assertThat(t.settings(Rule.NOT_UP, otherCohort)).isNotSameAs(shared);
        assertThat(t.settings(Rule.NOT_UP, otherCohort).margin()).isEqualTo(45.0);
        assertThat(t.settings(Rule.STILLNESS, ownResident)).isSameAs(t.settings(Rule.STILLNESS, a)); // r9 sets only not-up
    }

    @Test
    void parse_problemsNameFileLineAndField() {
        String text = """
                version: 1
                defaults:
                  not-up: {quantile: 1.5}
                  stillnes: {margin: 10m}
                  no-kettle:
                    margin: soon
                    colour: red
                """;

        assertThatThrownBy(() -> loader.parse("t.yaml", text))
                .isInstanceOfSatisfying(ThresholdsException.class, e -> assertThat(e.problems()).containsExactly(
                        "t.yaml:3: defaults.not-up.quantile: must be between 0 and 1 (got 1.5)",
                        "t.yaml:4: defaults.stillnes: unknown rule 'stillnes'",
                        "t.yaml:6: defaults.no-kettle.margin: expected a duration such as 90s, 30m, 2h (got \"soon\")",
                        "t.yaml:7: defaults.no-kettle.colour: unknown key (one of budget, enabled, margin, quantile)"));
    }

    @Test
    void settings_badHomeOverridesAreReportedWithTheHome() {
        assertThatThrownBy(() -> Thresholds.defaults().settings(Rule.NOT_UP,
                home(null, Map.of("not-up", Map.of("quantile", "high")))))
                .isInstanceOf(ThresholdsException.class)
                .hasMessage("homes.yaml: home h1, overrides: not-up.quantile: expected a number (got \"high\")");
    }

    @Test
    void parse_canDisableARule() {
        Thresholds t = loader.parse("t.yaml", "residents: {r1: {night-door: {enabled: false}}}");

        assertThat(t.settings(Rule.NIGHT_DOOR, home(null, Map.of())).enabled()).isFalse();
    }
}
