package org.hearth.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hearth.job.DetectionFixtures.HOMES;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.hearth.models.status.HomeStatus;
import org.hearth.models.status.LearningState;
import org.hearth.models.event.SensorEvent;
import org.hearth.models.event.SensorKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The detection graph's status stream on a MiniCluster: a week and more of routine turns a home
 * from learning into watching, a help-button press shows as an open alert (known only to the
 * lifecycle), and statuses come on change, not per event.
 */
class DetectionJobStatusTest {

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    private static final LocalDate FIRST = LocalDate.of(2026, 11, 1);

    @Test
    void statuses_goFromLearningToWatchingAndShowOpenAlertsOnChangeOnly() throws Exception {
        List<SensorEvent> events = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            events.addAll(day(FIRST.plusDays(i), i % 4 * 4));
        }
        Instant press = at(FIRST.plusDays(9), "13:00");
        events.add(SensorEvent.of("h1", "button", press, SensorKind.BUTTON, 1));

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        DataStream<SensorEvent> input = env.fromData(events).setParallelism(1)
                .assignTimestampsAndWatermarks(DetectionFixtures.watermarkJustBehindEachEvent()).setParallelism(1);
        DetectionStreams out = new DetectionJob(DetectionJobConfig.of(HOMES)).attach(input, null);
        List<HomeStatus> statuses = new ArrayList<>();
        out.statuses().executeAndCollect("status-test").forEachRemaining(statuses::add);

        assertThat(statuses).isNotEmpty().hasSizeLessThan(events.size() / 4).allMatch(s -> s.homeId().equals("h1"));
        assertThat(statuses.get(0).stateText()).isEqualTo("learning 0 of 7 days");
        assertThat(statuses).extracting(HomeStatus::daysLearned).isSorted();
        assertThat(statuses).extracting(HomeStatus::stateText).contains("learning 6 of 7 days", "watching");
        HomeStatus last = statuses.get(statuses.size() - 1);
        assertThat(last.state()).isEqualTo(LearningState.WATCHING);
        assertThat(last.openAlerts()).containsExactly("help-button");
        assertThat(last.updatedAt()).isEqualTo(press);
        assertThat(last.baseline().usualRise()).isBetween(LocalTime.of(7, 30), LocalTime.of(7, 45));
        assertThat(last.baseline().usualFirstKettle()).isBetween(LocalTime.of(7, 46), LocalTime.of(8, 1));
        // the stillness rule's calibrated limits are shown once watching, never while learning
        assertThat(statuses.get(0).baseline().stillnessLimitMinutes()).isEmpty();
        assertThat(last.baseline().stillnessLimitMinutes()).containsKeys("bathroom morning", "kitchen morning")
                .allSatisfy((context, minutes) -> assertThat(minutes).isPositive());
        // and every learned rule's threshold, with its budget share
        assertThat(statuses.get(0).baseline().ruleThresholds()).isEmpty();
        assertThat(last.baseline().ruleThresholds()).containsKeys("not-up", "stillness", "not-home", "night-door",
                "unusual-routes", "unusual-day", "sleep-trend");
        assertThat(last.baseline().ruleThresholds().get("stillness").limits())
                .containsAllEntriesOf(java.util.Map.of("kitchen morning",
                        last.baseline().stillnessLimitMinutes().get("kitchen morning").doubleValue()));
        assertThat(last.baseline().ruleThresholds().get("stillness").budget()).isPositive();
        assertThat(last.baseline().ruleThresholds().get("not-up").limits()).containsKey("up by");
        for (int i = 1; i < statuses.size(); i++) {
            HomeStatus previous = statuses.get(i - 1);
            HomeStatus s = statuses.get(i);
            // each one says something new, or is the first of a new care day
            assertThat(!s.sameAs(previous) || s.updatedAt().isAfter(previous.updatedAt())).isTrue();
        }
    }


    private static Instant at(LocalDate d, String time) {
        return LocalDateTime.of(d, LocalTime.parse(time)).atZone(LONDON).toInstant();
    }

    private static SensorEvent e(Instant t, String sensor, SensorKind kind, double value) {
        return SensorEvent.of("h1", sensor, t, kind, value);
    }

    private static List<SensorEvent> day(LocalDate d, int riseOffset) {
        LocalDate n = d.plusDays(1);
        Instant up = at(n, "07:30").plusSeconds(60L * riseOffset);
        return List.of(
                e(at(d, "12:30"), "pir-kitchen", SensorKind.MOTION, 1),
                e(at(d, "17:30"), "pir-kitchen", SensorKind.MOTION, 1),
                e(at(d, "22:40"), "pir-bathroom", SensorKind.MOTION, 1),
                e(at(d, "22:50"), "bed", SensorKind.BED, 1),
                e(up, "bed", SensorKind.BED, 0),
                e(up.plusSeconds(120), "pir-bathroom", SensorKind.MOTION, 1),
                e(up.plusSeconds(900), "pir-kitchen", SensorKind.MOTION, 1),
                e(up.plusSeconds(960), "kitchen-plug", SensorKind.POWER, 2200),
                e(up.plusSeconds(1140), "kitchen-plug", SensorKind.POWER, 0),
                e(at(n, "10:00"), "pir-kitchen", SensorKind.MOTION, 1));
    }
}
