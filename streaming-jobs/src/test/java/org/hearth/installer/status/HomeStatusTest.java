package org.hearth.installer.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import org.hearth.models.alert.Rule;
import org.hearth.models.baseline.Baseline;
import org.hearth.models.baseline.BaselineConfig;
import org.hearth.models.day.DayProfile;
import org.hearth.storage.point.HomeCohorts;
import org.junit.jupiter.api.Test;

class HomeStatusTest {

    static final Instant AT = Instant.parse("2026-11-23T09:05:00Z");

    static final HomeStatus LEARNING = new HomeStatus("h1", LearningState.LEARNING, 3, 7,
            new BaselineSummary(LocalTime.of(7, 40), LocalTime.of(22, 30), null),
            List.of("no-kettle"), List.of("pir-kitchen"), AT);

    @Test
    void json_hasTheDocumentedFormAndReadsBack() {
        String json = new String(HomeStatusJson.write(LEARNING), StandardCharsets.UTF_8);

        assertThat(json).isEqualTo("{\"homeId\":\"h1\",\"state\":\"learning\",\"daysLearned\":3,\"daysNeeded\":7,"
                + "\"baseline\":{\"usualRise\":\"07:40\",\"usualBedtime\":\"22:30\",\"usualFirstKettle\":null},"
                + "\"openAlerts\":[\"no-kettle\"],\"silentSensors\":[\"pir-kitchen\"],\"updatedAt\":\"2026-11-23T09:05:00Z\"}");
        assertThat(HomeStatusJson.read(json.getBytes(StandardCharsets.UTF_8))).isEqualTo(LEARNING);
    }

    @Test
    void read_garbageIsAClearError() {
        assertThatThrownBy(() -> HomeStatusJson.read("{\"homeId\":".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("not a home status: ");
    }

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

    @Test
    void admit_publishesChangesAndRefreshesSameStatusOnlyAfterTheInterval() {
        StatusThrottle throttle = new StatusThrottle(Duration.ofMinutes(5));
        HomeStatus later = at(LEARNING, AT.plusSeconds(60));
        HomeStatus changed = new HomeStatus("h1", LearningState.LEARNING, 4, 7, LEARNING.baseline(),
                List.of(), List.of(), AT.plusSeconds(120));

        assertThat(throttle.admit(LEARNING)).isTrue();
        assertThat(throttle.admit(later)).isFalse();
        assertThat(throttle.admit(changed)).isTrue();
        assertThat(throttle.admit(at(changed, AT.plusSeconds(120 + 299)))).isFalse();
        assertThat(throttle.admit(at(changed, AT.plusSeconds(120 + 300)))).isTrue();
    }

    @Test
    void toPoint_writesStateCountsAndLocalMinutes() {
        String line = new HomeStatusPoints(HomeCohorts.none()).encode(LEARNING).line();

        assertThat(line).isEqualTo("home_status,cohort=default,home=h1,state=learning bedtime_minute=1350i,days_learned=3i,"
                + "days_needed=7i,open_alert_rules=\"no-kettle\",open_alerts=1i,rise_minute=460i,silent_sensor_ids=\"pir-kitchen\","
                + "silent_sensors=1i 1795424700000");
    }

    private static HomeStatus at(HomeStatus s, Instant t) {
        return new HomeStatus(s.homeId(), s.state(), s.daysLearned(), s.daysNeeded(), s.baseline(), s.openAlerts(),
                s.silentSensors(), t);
    }
}
