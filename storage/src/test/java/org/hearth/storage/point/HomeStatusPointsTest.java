package org.hearth.storage.point;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import org.hearth.models.status.BaselineSummary;
import org.hearth.models.status.HomeStatus;
import org.hearth.models.status.LearningState;
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
}
