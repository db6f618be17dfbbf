package org.hearth.installer.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import org.hearth.models.status.BaselineSummary;
import org.hearth.models.status.HomeStatus;
import org.hearth.models.status.LearningState;
import org.hearth.models.status.RuleThreshold;
import org.junit.jupiter.api.Test;

class HomeStatusJsonTest {

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
    void json_carriesTheCalibratedStillnessLimitsOnceLearned() {
        HomeStatus watching = new HomeStatus("h1", LearningState.WATCHING, 28, 7,
                LEARNING.baseline().withStillnessLimits(java.util.Map.of("bathroom afternoon", 45)), List.of(), List.of(), AT);

        String json = new String(HomeStatusJson.write(watching), StandardCharsets.UTF_8);

        assertThat(json).contains("\"usualFirstKettle\":null,\"stillnessLimitMinutes\":{\"bathroom afternoon\":45}}");
        assertThat(HomeStatusJson.read(json.getBytes(StandardCharsets.UTF_8))).isEqualTo(watching);
    }

    @Test
    void json_carriesEveryRulesCalibratedThresholdOnceLearned() {
        HomeStatus watching = new HomeStatus("h1", LearningState.WATCHING, 28, 7,
                LEARNING.baseline().withRuleThresholds(java.util.Map.of(
                        "not-home", new RuleThreshold(true, "min", java.util.Map.of("morning", 190.0), 0.1,
                                List.of("cohort frail: margin")),
                        "unusual-day", RuleThreshold.off(0.05, List.of()))),
                List.of(), List.of(), AT);

        String json = new String(HomeStatusJson.write(watching), StandardCharsets.UTF_8);

        assertThat(json).contains("\"usualFirstKettle\":null,\"ruleThresholds\":{"
                + "\"not-home\":{\"enabled\":true,\"unit\":\"min\",\"limits\":{\"morning\":190.0},\"budget\":0.1,"
                + "\"overrides\":[\"cohort frail: margin\"]},"
                + "\"unusual-day\":{\"enabled\":false,\"unit\":\"\",\"budget\":0.05}}}");
        assertThat(HomeStatusJson.read(json.getBytes(StandardCharsets.UTF_8))).isEqualTo(watching);
        assertThat(new String(HomeStatusJson.write(LEARNING), StandardCharsets.UTF_8)).doesNotContain("ruleThresholds");
    }

    @Test
    void json_carriesTheResidentsAnswersOnlyWhenThereAreAny() {
        HomeStatus answered = new HomeStatus("h1", LearningState.WATCHING, 28, 7,
                LEARNING.baseline().withResidentOks(java.util.Map.of("no-kettle", 3)), List.of(), List.of(), AT);

        String json = new String(HomeStatusJson.write(answered), StandardCharsets.UTF_8);

        assertThat(json).contains("\"usualFirstKettle\":null,\"residentOks\":{\"no-kettle\":3}}");
        assertThat(HomeStatusJson.read(json.getBytes(StandardCharsets.UTF_8))).isEqualTo(answered);
        assertThat(new String(HomeStatusJson.write(LEARNING), StandardCharsets.UTF_8)).doesNotContain("residentOks");
    }

    @Test
    void read_garbageIsAClearError() {
        assertThatThrownBy(() -> HomeStatusJson.read("{\"homeId\":".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("not a home status: ");
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

    private static HomeStatus at(HomeStatus s, Instant t) {
        return new HomeStatus(s.homeId(), s.state(), s.daysLearned(), s.daysNeeded(), s.baseline(), s.openAlerts(),
                s.silentSensors(), t);
    }
}
