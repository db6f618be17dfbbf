package org.hearth.storage.point;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hearth.models.status.BaselineSummary;
import org.hearth.models.status.HomeStatus;
import org.hearth.models.status.LearningState;
import org.hearth.models.status.RuleThreshold;
import org.junit.jupiter.api.Test;

class HomeStatusPointsTest {

    static final Instant AT = Instant.parse("2026-11-23T09:05:00Z");

    static final HomeStatus LEARNING = new HomeStatus("h1", LearningState.LEARNING, 3, 7,
            new BaselineSummary(LocalTime.of(7, 40), LocalTime.of(22, 30), null),
            List.of("no-kettle"), List.of("pir-kitchen"), AT);

    @Test
    void toPoint_writesStateCountsAndLocalMinutes() {
        String line = new HomeStatusPoints(HomeCohorts.none()).encode(LEARNING).line();

        assertThat(line).isEqualTo("home_status,cohort=default,home=h1,state=learning bedtime_minute=1350i,days_learned=3i,"
                + "days_needed=7i,open_alert_rules=\"no-kettle\",open_alerts=1i,rise_minute=460i,silent_sensor_ids=\"pir-kitchen\","
                + "silent_sensors=1i 1795424700000");
    }

    @Test
    void ruleThresholds_areOnePointPerRuleAndContextWithBudgetAndOverrides() {
        Map<String, Double> stillness = new LinkedHashMap<>();
        stillness.put("kitchen morning", 95.0);
        stillness.put("bathroom afternoon", 45.5);
        HomeStatus watching = new HomeStatus("h1", LearningState.WATCHING, 14, 7,
                new BaselineSummary(LocalTime.of(7, 40), LocalTime.of(22, 30), null).withRuleThresholds(Map.of(
                        "stillness", new RuleThreshold(true, "min", stillness, 0.2, List.of("cohort frail: margin")),
                        "not-up", new RuleThreshold(true, "clock", Map.of("up by", 535.0), 0.1, List.of()),
                        "unusual-routes", RuleThreshold.off(0.05, List.of("resident: enabled")))),
                List.of(), List.of(), AT);
        RuleThresholdPoints mapper = new RuleThresholdPoints(HomeCohorts.of(Map.of("h1", "frail")));

        List<StoredPoint> points = HomeRuleThreshold.of(watching).stream().map(mapper::encode).toList();

        assertThat(points).extracting(StoredPoint::retention).containsOnly(Retention.KEPT);
        assertThat(points).extracting(StoredPoint::line).containsExactly(
                "rule_threshold,cohort=frail,context=up\\ by,home=h1,rule=not-up budget=0.1,enabled=true,overridden=false,"
                        + "unit=\"clock\",value=535.0 1795424700000",
                "rule_threshold,cohort=frail,context=kitchen\\ morning,home=h1,rule=stillness budget=0.2,enabled=true,"
                        + "overridden=true,overrides=\"cohort frail: margin\",unit=\"min\",value=95.0 1795424700000",
                "rule_threshold,cohort=frail,context=bathroom\\ afternoon,home=h1,rule=stillness budget=0.2,enabled=true,"
                        + "overridden=true,overrides=\"cohort frail: margin\",unit=\"min\",value=45.5 1795424700000",
                "rule_threshold,cohort=frail,home=h1,rule=unusual-routes budget=0.05,enabled=false,overridden=true,"
                        + "overrides=\"resident: enabled\" 1795424700000");
    }

    @Test
    void ruleThresholds_noneWhileLearning() {
        assertThat(HomeRuleThreshold.of(LEARNING)).isEmpty();
    }
}
