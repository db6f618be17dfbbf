package org.hearth.models.baseline;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TailBudgetTest {

    @Test
    void level_forASmallBudgetLiesBeyondEverythingSeenAndFallsAsTheBudgetGrows() {
        double[] outings = {20, 25, 30, 35, 40, 45, 50, 60, 70, 90, 120, 150};

        double tight = TailBudget.level(outings, 28, 0.1 / 30, 1);
        double loose = TailBudget.level(outings, 28, 3.0 / 30, 1);

        assertThat(tight).isGreaterThan(150);
        assertThat(loose).isLessThan(tight);
    }

    @Test
    void level_ofACountThatIsNeverAboveItsUsual_isTheUsual() {
        double[] nightDoors = new double[28]; // never opened at night: the first opening is unusual

        assertThat(TailBudget.level(nightDoors, 28, 0.1 / 30, 1)).isEqualTo(0.0);
    }

    @Test
    void scale_isBarelyMovedByOneSixHourSilenceAmongShortOnes() {
        double[] usual = new double[40];
        for (int i = 0; i < usual.length; i++) {
            usual[i] = i; // 0..39 minutes beyond the minimum
        }
        double[] withOutlier = java.util.Arrays.copyOf(usual, 41);
        withOutlier[40] = 350;

        double before = TailBudget.scale(usual, 1);
        double after = TailBudget.scale(withOutlier, 1);

        assertThat(after / before).isBetween(1.0, 1.05);
    }
}
