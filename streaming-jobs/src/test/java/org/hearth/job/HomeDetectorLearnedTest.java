package org.hearth.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hearth.job.DetectionFixtures.HOMES;
import static org.hearth.job.DetectionFixtures.ms;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.hearth.ingest.control.ConfigState;
import org.hearth.ingest.control.ControlMessage;
import org.hearth.models.alert.Rule;
import org.hearth.models.event.SensorEvent;
import org.hearth.models.event.SensorKind;
import org.hearth.models.rules.RuleOutcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The learned rules inside the job: a week of routine, then a morning with no rise and no events. */
class HomeDetectorLearnedTest {

    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    private static final LocalDate FIRST = LocalDate.of(2026, 11, 1);
    private static final int NORMAL_DAYS = 9;

    private KeyedBroadcastOperatorTestHarness<String, SensorEvent, ControlMessage, RuleDecision> harness;

    @BeforeEach
    void open() throws Exception {
        harness = new KeyedBroadcastOperatorTestHarness<>(
                new CoBroadcastWithKeyedOperator<>(new HomeDetector(DetectionJobConfig.of(HOMES)),
                        HomeDetector.BROADCAST),
                SensorEvent::homeId, Types.STRING, 1, 1, 0);
        harness.open();
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    private static Instant at(LocalDate d, String time) {
        return LocalDateTime.of(d, LocalTime.parse(time)).atZone(LONDON).toInstant();
    }

    private static SensorEvent e(Instant t, String sensor, SensorKind kind, double value) {
        return SensorEvent.of("h1", sensor, t, kind, value);
    }

    /** Care day {@code d} (noon to noon) of a plain routine; up at 07:30 + a few minutes. */
    private static List<SensorEvent> day(LocalDate d, int riseOffset, boolean rises) {
        LocalDate n = d.plusDays(1);
        List<SensorEvent> out = new ArrayList<>(List.of(
                e(at(d, "12:30"), "pir-kitchen", SensorKind.MOTION, 1),
                e(at(d, "12:31"), "kitchen-plug", SensorKind.POWER, 2100),
                e(at(d, "12:34"), "kitchen-plug", SensorKind.POWER, 0),
                e(at(d, "17:30"), "pir-kitchen", SensorKind.MOTION, 1),
                e(at(d, "22:40"), "pir-bathroom", SensorKind.MOTION, 1),
                e(at(d, "22:50"), "bed", SensorKind.BED, 1)));
        if (rises) {
            Instant up = at(n, "07:30").plusSeconds(60L * riseOffset);
            out.addAll(List.of(
                    e(up, "bed", SensorKind.BED, 0),
                    e(up.plusSeconds(120), "pir-bathroom", SensorKind.MOTION, 1),
                    e(up.plusSeconds(900), "pir-kitchen", SensorKind.MOTION, 1),
                    e(up.plusSeconds(960), "kitchen-plug", SensorKind.POWER, 2200),
                    e(up.plusSeconds(1140), "kitchen-plug", SensorKind.POWER, 0),
                    e(at(n, "10:00"), "pir-kitchen", SensorKind.MOTION, 1)));
        }
        return out;
    }

    private void send(List<SensorEvent> events) throws Exception {
        for (SensorEvent ev : events) {
            harness.processElement(ev, ms(ev.ts()));
            harness.watermark(ms(ev.ts()));
        }
    }

    private List<RuleOutcome> outcomes(Rule rule) {
        return harness.extractOutputValues().stream().map(RuleDecision::outcome).filter(o -> o.rule() == rule).toList();
    }

    @Test
    void shouldRaiseNotUpInSilenceAsTheWatermarkAdvancesAndClearWhenThePersonGetsUp() throws Exception {
        for (int i = 0; i < NORMAL_DAYS; i++) {
            send(day(FIRST.plusDays(i), i % 4 * 4, true));
        }
        LocalDate odd = FIRST.plusDays(NORMAL_DAYS);
        LocalDate morning = odd.plusDays(1);
        send(day(odd, 0, false)); // into bed at 22:50, then nothing at all
        assertThat(outcomes(Rule.NOT_UP)).isEmpty();

        harness.watermark(ms(at(morning, "08:00")));
        assertThat(outcomes(Rule.NOT_UP)).isEmpty();
        harness.watermark(ms(at(morning, "09:30"))); // only time passes

        assertThat(outcomes(Rule.NOT_UP)).singleElement().satisfies(o -> {
            assertThat(o.change()).isEqualTo(RuleOutcome.Change.RAISE);
            assertThat(o.at()).isAfter(at(morning, "08:10")).isBefore(at(morning, "08:40"));
            assertThat(o.explanation().expected()).startsWith("usually up by 07:");
            assertThat(o.explanation().observed()).isEqualTo("no movement since 22:40");
        });
        assertThat(outcomes(Rule.NO_KETTLE)).isEmpty(); // not up: no second alert for the kettle

        send(List.of(e(at(morning, "09:40"), "bed", SensorKind.BED, 0),
                e(at(morning, "09:45"), "pir-kitchen", SensorKind.MOTION, 1)));
        harness.watermark(ms(at(morning, "09:50")));

        assertThat(outcomes(Rule.NOT_UP)).extracting(RuleOutcome::change)
                .containsExactly(RuleOutcome.Change.RAISE, RuleOutcome.Change.CLEAR);
    }
}
