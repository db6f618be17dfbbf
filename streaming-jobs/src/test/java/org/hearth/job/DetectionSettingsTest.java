package org.hearth.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.hearth.models.alert.Rule;
import org.hearth.models.registry.Home;
import org.hearth.models.rules.DetectionSettings;
import org.junit.jupiter.api.Test;

class DetectionSettingsTest {

    private static Home h1(DetectionSettings s) {
        return s.home("h1").orElseThrow();
    }

    @Test
    void parse_readsTheModelsThresholdsFormatForTheLearnedRules() {
        DetectionSettings s = DetectionSettings.parse(DetectionFixtures.HOMES, """
                version: 1
                defaults:
                  not-up: {quantile: 0.8, margin: 20m}
                """);

        var notUp = s.settings().thresholds().settings(Rule.NOT_UP, h1(s));
        assertThat(notUp.quantile()).isEqualTo(0.8);
        assertThat(notUp.margin()).isEqualTo(20.0);
        // keys not given keep the built-in defaults
        assertThat(s.settings().thresholds().settings(Rule.NO_KETTLE, h1(s)).margin()).isEqualTo(60.0);
    }

    @Test
    void parse_keepsTheInterimSafetySectionNextToTheLearnedThresholds() {
        DetectionSettings s = DetectionSettings.parse(DetectionFixtures.HOMES, """
                safety: {stillness: 2h}
                defaults:
                  no-kettle: {margin: 90m}
                """);

        assertThat(s.settings().safety().stillness()).isEqualTo(Duration.ofHours(2));
        assertThat(s.settings().thresholds().settings(Rule.NO_KETTLE, h1(s)).margin()).isEqualTo(90.0);
    }

    @Test
    void parse_refusesUnknownRulesWithTheFileNameAndLine() {
        assertThatThrownBy(() -> DetectionSettings.parse(DetectionFixtures.HOMES, """
                version: 1
                defaults:
                  not-a-rule: {margin: 20m}
                """))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("thresholds.yaml:3");
    }
}
