package org.hearth.models.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import org.hearth.models.alert.Rule;
import org.hearth.models.baseline.Baseline;
import org.hearth.models.baseline.BaselineConfig;
import org.hearth.models.day.DayProfile;
import org.junit.jupiter.api.Test;

class HomeStatusTest {

    static final Instant AT = Instant.parse("2026-11-23T09:05:00Z");

    static final HomeStatus LEARNING = new HomeStatus("h1", LearningState.LEARNING, 3, 7,
            new BaselineSummary(LocalTime.of(7, 40), LocalTime.of(22, 30), null),
            List.of("no-kettle"), List.of("pir-kitchen"), AT);

    @Test
    void of_baselineGivesStateDaysAndMedianTimes() {
        Baseline baseline = new Baseline(BaselineConfig.defaults());
        for (int i = 0; i < 3; i++) {
            // rise 07:30, 07:40, 07:50; first kettle 07:45...; bed 22:30
            baseline.add(new DayProfile(LocalDate.of(2026, 11, 20).plusDays(i), 1440, 450 + 10 * i, 1350, 480, 0,
                    465 + 10 * i, 4, 3, 1, 300, 900, 0, 0, 0L, Map.of(), Map.of()));
        }

        HomeStatus status = HomeStatus.of("h1", baseline, List.of(Rule.NO_KETTLE), List.of("pir-kitchen"), AT);

        assertThat(status.stateText()).isEqualTo("learning 3 of 7 days");
        assertThat(status.baseline()).isEqualTo(new BaselineSummary(LocalTime.of(7, 40), LocalTime.of(22, 30), LocalTime.of(7, 55)));
        assertThat(status.openAlerts()).containsExactly("no-kettle");
    }

    @Test
    void of_emptyBaselineHasUnknownTimes() {
        HomeStatus status = HomeStatus.of("h1", new Baseline(BaselineConfig.defaults()), List.of(), List.of(), AT);

        assertThat(status.baseline()).isEqualTo(BaselineSummary.UNKNOWN);
        assertThat(status.stateText()).isEqualTo("learning 0 of 7 days");
    }
}
