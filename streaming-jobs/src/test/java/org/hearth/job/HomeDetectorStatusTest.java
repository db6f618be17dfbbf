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
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.hearth.ingest.control.ConfigState;
import org.hearth.ingest.control.ControlMessage;
import org.hearth.job.status.DetectorFacts;
import org.hearth.models.alert.Rule;
import org.hearth.models.event.SensorEvent;
import org.hearth.models.event.SensorKind;
import org.hearth.models.rules.RuleOutcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The detector's status facts: learning progress as days close, on change only; a sensor swapped
 * through the control stream keeps the resident's learned baseline; a new resident starts learning again.
 */
class HomeDetectorStatusTest {

    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    private static final LocalDate FIRST = LocalDate.of(2026, 11, 1);
    private static final int NORMAL_DAYS = 9;
    /** h1 with its kitchen motion sensor replaced by a new one (new id, new device), all else equal. */
    private static final String HOMES_KITCHEN_SWAPPED = HOMES.replace(
            "{id: pir-kitchen, kind: motion, room: kitchen, device: M012}",
            "{id: pir-kitchen-2, kind: motion, room: kitchen, device: M099}");

    /** h1 with a new resident (another id), all else equal. */
    private static final String HOMES_NEW_RESIDENT = HOMES.replace("resident: {id: r1, alias: \"J.S.\"}", "resident: {id: r9, alias: \"K.M.\"}");

    private KeyedBroadcastOperatorTestHarness<String, SensorEvent, ControlMessage, LifecycleCommand> harness;
    private int eventsSent;

    @BeforeEach
    void open() throws Exception {
        harness = new KeyedBroadcastOperatorTestHarness<>(
                new CoBroadcastWithKeyedOperator<>(new HomeDetector(DetectionJobConfig.of(HOMES)), HomeDetector.BROADCAST),
                SensorEvent::homeId, Types.STRING, 1, 1, 0);
        harness.open();
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    @Test
    void shouldReportLearningProgressOnChangeOnlyUntilWatching() throws Exception {
        for (int i = 0; i < NORMAL_DAYS; i++) {
            send(day(FIRST.plusDays(i), i % 4 * 4, true, "pir-kitchen"));
        }

        List<DetectorFacts> facts = facts();
        assertThat(facts).hasSizeLessThan(eventsSent / 4); // not one per event
        assertThat(facts).extracting(DetectorFacts::daysLearned).isSorted();
        assertThat(facts.get(0)).satisfies(f -> {
            assertThat(f.daysLearned()).isZero();
            assertThat(f.ready()).isFalse();
            assertThat(f.baseline().usualRise()).isNull();
        });
        DetectorFacts last = facts.get(facts.size() - 1);
        assertThat(last.daysNeeded()).isEqualTo(7);
        assertThat(last.daysLearned()).isGreaterThanOrEqualTo(7);
        assertThat(last.ready()).isTrue();
        assertThat(last.baseline().usualRise()).isBetween(LocalTime.of(7, 30), LocalTime.of(7, 45));
        assertThat(last.baseline().usualBedtime()).isEqualTo(LocalTime.of(22, 50));
        assertThat(last.silentSensors()).isEmpty();
        // the first watching fact came once, when the seventh day closed
        assertThat(facts).filteredOn(DetectorFacts::ready).first().extracting(DetectorFacts::daysLearned).isEqualTo(7);
    }

    @Test
    void shouldKeepTheLearnedBaselineWhenASensorIsSwappedThroughTheControlStream() throws Exception {
        for (int i = 0; i < NORMAL_DAYS; i++) {
            send(day(FIRST.plusDays(i), i % 4 * 4, true, "pir-kitchen"));
        }
        DetectorFacts beforeSwap = lastFacts();
        assertThat(beforeSwap.ready()).isTrue();

        harness.processBroadcastElement(ControlMessage.homes(HOMES_KITCHEN_SWAPPED), ms(at(FIRST.plusDays(NORMAL_DAYS), "11:00")));
        LocalDate odd = FIRST.plusDays(NORMAL_DAYS);
        send(day(odd, 0, false, "pir-kitchen-2")); // the new sensor reports; into bed, then no rise
        harness.watermark(ms(at(odd.plusDays(1), "09:30")));

        assertThat(harness.getSideOutput(HomeDetector.UNKNOWN_HOME)).isNull();
        DetectorFacts afterSwap = lastFacts();
        assertThat(afterSwap.ready()).isTrue();
        assertThat(afterSwap.daysLearned()).isEqualTo(beforeSwap.daysLearned() + 1);
        assertThat(afterSwap.baseline().usualRise()).isBetween(LocalTime.of(7, 30), LocalTime.of(7, 45)); // not relearned
        // The learned not-up rule still runs on the kept baseline: nobody rose this morning.
        assertThat(decisions()).extracting(RuleDecision::outcome)
                .filteredOn(o -> o.rule() == Rule.NOT_UP).extracting(RuleOutcome::change)
                .containsExactly(RuleOutcome.Change.RAISE);
    }

    @Test
    void shouldStartLearningAgainWhenANewResidentMovesInThroughTheControlStream() throws Exception {
        for (int i = 0; i < NORMAL_DAYS; i++) {
            send(day(FIRST.plusDays(i), i % 4 * 4, true, "pir-kitchen"));
        }
        assertThat(lastFacts().ready()).isTrue();

        harness.processBroadcastElement(ControlMessage.homes(HOMES_NEW_RESIDENT), ms(at(FIRST.plusDays(NORMAL_DAYS), "11:00")));
        LocalDate odd = FIRST.plusDays(NORMAL_DAYS);
        send(day(odd, 0, false, "pir-kitchen")); // into bed, then no rise by the previous resident's usual time
        harness.watermark(ms(at(odd.plusDays(1), "09:30")));

        DetectorFacts afterMoveIn = lastFacts();
        assertThat(afterMoveIn.ready()).isFalse();
        assertThat(afterMoveIn.daysLearned()).isZero();
        assertThat(afterMoveIn.baseline().usualRise()).isNull();
        // Nobody judges r9 by r1's mornings: no learned not-up.
        assertThat(decisions()).extracting(RuleDecision::outcome)
                .noneMatch(o -> o.rule() == Rule.NOT_UP);
    }

    private List<DetectorFacts> facts() {
        var out = harness.getSideOutput(HomeDetector.STATUS_FACTS);
        return out == null ? List.of() : out.stream().map(StreamRecord::getValue).toList();
    }

    private DetectorFacts lastFacts() {
        List<DetectorFacts> facts = facts();
        assertThat(facts).isNotEmpty();
        return facts.get(facts.size() - 1);
    }

    private static Instant at(LocalDate d, String time) {
        return LocalDateTime.of(d, LocalTime.parse(time)).atZone(LONDON).toInstant();
    }

    private static SensorEvent e(Instant t, String sensor, SensorKind kind, double value) {
        return SensorEvent.of("h1", sensor, t, kind, value);
    }

    /** Care day {@code d} (noon to noon) of a plain routine; up at 07:30 + a few minutes; in bed at 22:50. */
    private static List<SensorEvent> day(LocalDate d, int riseOffset, boolean rises, String kitchen) {
        LocalDate n = d.plusDays(1);
        List<SensorEvent> out = new ArrayList<>(List.of(
                e(at(d, "12:30"), kitchen, SensorKind.MOTION, 1),
                e(at(d, "12:31"), "kitchen-plug", SensorKind.POWER, 2100),
                e(at(d, "12:34"), "kitchen-plug", SensorKind.POWER, 0),
                e(at(d, "17:30"), kitchen, SensorKind.MOTION, 1),
                e(at(d, "22:40"), "pir-bathroom", SensorKind.MOTION, 1),
                e(at(d, "22:50"), "bed", SensorKind.BED, 1)));
        if (rises) {
            Instant up = at(n, "07:30").plusSeconds(60L * riseOffset);
            out.addAll(List.of(
                    e(up, "bed", SensorKind.BED, 0),
                    e(up.plusSeconds(120), "pir-bathroom", SensorKind.MOTION, 1),
                    e(up.plusSeconds(900), kitchen, SensorKind.MOTION, 1),
                    e(up.plusSeconds(960), "kitchen-plug", SensorKind.POWER, 2200),
                    e(up.plusSeconds(1140), "kitchen-plug", SensorKind.POWER, 0),
                    e(at(n, "10:00"), kitchen, SensorKind.MOTION, 1)));
        }
        return out;
    }

    private void send(List<SensorEvent> events) throws Exception {
        for (SensorEvent ev : events) {
            harness.processElement(ev, ms(ev.ts()));
            harness.watermark(ms(ev.ts()));
            eventsSent++;
        }
    }

    /** What the detector sent on, as decisions (these tests answer no "I'm OK" window). */
    private List<RuleDecision> decisions() {
        return harness.extractOutputValues().stream().map(RuleDecision.class::cast).toList();
    }
}
