package org.hearth.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.hearth.models.alert.Rule;
import org.hearth.models.threshold.RuleSettings;
import org.hearth.models.threshold.Thresholds;
import org.hearth.models.threshold.ThresholdsLoader;
import org.junit.jupiter.api.Test;

class SweepTest {

    @Test
    void parse_listsEveryValueAndTheEnd() {
        Sweep sweep = Sweep.parse("not-up.quantile=0.8:0.99:0.05");
        assertThat(sweep.rule()).isEqualTo(Rule.NOT_UP);
        assertThat(sweep.key()).isEqualTo("quantile");
        assertThat(sweep.values()).containsExactly(0.8, 0.85, 0.9, 0.95, 0.99);
    }

    @Test
    void parse_rejectsNonsenseWithTheExpectedForm() {
        assertThatThrownBy(() -> Sweep.parse("not-up=0.8")).hasMessageContaining("rule.key=from:to:step");
        assertThatThrownBy(() -> Sweep.parse("not-up.quantile=0.9:0.8:0.05")).hasMessageContaining("from <= to");
        assertThatThrownBy(() -> Sweep.parse("no-such-rule.quantile=0.8:0.9:0.05")).hasMessageContaining("unknown rule");
    }

    @Test
    void candidates_setTheValueAndKeepTheRestOfTheBase() {
        String base = "version: 1\ndefaults:\n  not-up: {quantile: 0.9, margin: 20m}\n  no-kettle: {quantile: 0.7}\n";
        List<Candidate> candidates = Sweep.parse("not-up.quantile=0.8:0.85:0.05").candidates(base);
        assertThat(candidates).extracting(Candidate::name).containsExactly("not-up.quantile=0.8", "not-up.quantile=0.85");
        Thresholds second = new ThresholdsLoader().parse("sweep.yaml", candidates.get(1).thresholdsYaml());
        RuleSettings notUp = second.settings(Rule.NOT_UP, null, "r1", java.util.Map.of(), null);
        assertThat(notUp.quantile()).isEqualTo(0.85);
        assertThat(second.settings(Rule.NO_KETTLE, null, "r1", java.util.Map.of(), null).quantile()).isEqualTo(0.7);
        assertThat(candidates.get(1).sweepValue()).isEqualTo(0.85);
    }

    @Test
    void candidates_withoutABaseStartFromTheBuiltIns() {
        Candidate only = Sweep.parse("stillness.quantile=0.9:0.9:0.05").candidates(null).get(0);
        Thresholds thresholds = new ThresholdsLoader().parse("sweep.yaml", only.thresholdsYaml());
        assertThat(thresholds.settings(Rule.STILLNESS, null, "r1", java.util.Map.of(), null).quantile()).isEqualTo(0.9);
        assertThat(thresholds.settings(Rule.NOT_UP, null, "r1", java.util.Map.of(), null).quantile())
                .isEqualTo(ThresholdsLoader.builtIn().settings(Rule.NOT_UP, null, "r1", java.util.Map.of(), null).quantile());
    }
}
