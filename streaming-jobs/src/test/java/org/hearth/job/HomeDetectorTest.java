package org.hearth.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hearth.job.DetectionFixtures.HOMES;
import static org.hearth.job.DetectionFixtures.MORNING;
import static org.hearth.job.DetectionFixtures.ONE_MINUTE_LATER;
import static org.hearth.job.DetectionFixtures.TWELVE_HOURS_LATER;
import static org.hearth.job.DetectionFixtures.heartbeat;
import static org.hearth.job.DetectionFixtures.motion;
import static org.hearth.job.DetectionFixtures.ms;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
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

class HomeDetectorTest {

    private KeyedBroadcastOperatorTestHarness<String, SensorEvent, ControlMessage, LifecycleCommand> harness;

    @BeforeEach
    void open() throws Exception {
        harness = newHarness();
        harness.open();
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    @Test
    void shouldRaiseStillnessWhenNoEventAtAllFollowsAFallAsTheWatermarkAdvances() throws Exception {
        harness.processElement(motion("h1", "pir-bathroom", MORNING), ms(MORNING));
        harness.watermark(ms(ONE_MINUTE_LATER));
        assertThat(decisions()).isEmpty();

        // Nothing more from the home: only time passes (in live mode, the wall-clock watermark).
        harness.watermark(ms(TWELVE_HOURS_LATER.minusSeconds(1)));
        assertThat(decisions()).isEmpty();
        harness.watermark(ms(TWELVE_HOURS_LATER));

        assertThat(decisions()).singleElement().satisfies(d -> {
            assertThat(d.homeId()).isEqualTo("h1");
            assertThat(d.outcome().rule()).isEqualTo(Rule.STILLNESS);
            assertThat(d.outcome().change()).isEqualTo(RuleOutcome.Change.RAISE);
            assertThat(d.outcome().at()).isEqualTo(TWELVE_HOURS_LATER);
            assertThat(d.outcome().explanation().observed()).isEqualTo("no movement since 08:00 (bathroom)");
        });
    }

    @Test
    void shouldRaiseAHelpPressOnArrivalBeforeAnyWatermarkAndAgainWhenTheWatermarkPassesIt() throws Exception {
        harness.processElement(SensorEvent.of("h1", "button", MORNING, SensorKind.BUTTON, 1), ms(MORNING));

        // No watermark has moved: the urgent raise is out already, with the press's own time and explanation.
        assertThat(decisions()).singleElement().satisfies(d -> {
            assertThat(d.urgent()).isTrue();
            assertThat(d.outcome().rule()).isEqualTo(Rule.HELP_BUTTON);
            assertThat(d.outcome().change()).isEqualTo(RuleOutcome.Change.RAISE);
            assertThat(d.outcome().at()).isEqualTo(MORNING);
            assertThat(d.outcome().explanation().observed()).isEqualTo("help button pressed at 08:00");
        });

        // The event-time path still sees the press and decides the same (the lifecycle keeps one alert).
        harness.watermark(ms(MORNING));
        List<RuleDecision> decisions = decisions();
        assertThat(decisions).hasSize(2);
        assertThat(decisions.get(1).urgent()).isFalse();
        assertThat(decisions.get(1).outcome()).isEqualTo(decisions.get(0).outcome());
    }

    @Test
    void shouldRaiseNothingOnArrivalForTheButtonsOwnHeartbeatOrRelease() throws Exception {
        harness.processElement(SensorEvent.of("h1", "button", MORNING, SensorKind.HEARTBEAT, 1), ms(MORNING));
        harness.processElement(SensorEvent.of("h1", "button", MORNING, SensorKind.BUTTON, 0), ms(MORNING));
        assertThat(decisions()).isEmpty(); // a late press never gets here: ingest sets it aside (OnTimeTest)
    }

    @Test
    void shouldApplyEventsInEventTimeOrderWhateverTheirArrivalOrder() throws Exception {
        // Arrival order: the later movement first. In event time the person moved at 08:00 and 19:30,
        // so no 12 h stillness ends before 19:30 + 12 h.
        harness.processElement(motion("h1", "pir-kitchen", MORNING.plus(Duration.ofHours(11).plusMinutes(30))), ms(MORNING));
        harness.processElement(motion("h1", "pir-kitchen", MORNING), ms(MORNING));
        harness.watermark(ms(MORNING.plus(Duration.ofHours(23))));

        assertThat(decisions()).isEmpty();
        harness.watermark(ms(MORNING.plus(Duration.ofHours(23).plusMinutes(30))));
        assertThat(decisions()).singleElement()
                .satisfies(d -> assertThat(d.outcome().at()).isEqualTo(MORNING.plus(Duration.ofHours(23).plusMinutes(30))));
    }

    @Test
    void shouldSendEventsOfUnknownHomesToTheirOwnOutput() throws Exception {
        harness.processElement(motion("nowhere", "pir", MORNING), ms(MORNING));

        assertThat(harness.getSideOutput(HomeDetector.UNKNOWN_HOME)).hasSize(1);
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void shouldRaiseHubOfflineForTheInstallerNotStillnessWhenTheHubFallsSilent() throws Exception {
        harness.processElement(heartbeat("h1", MORNING), ms(MORNING));
        harness.processElement(motion("h1", "pir-kitchen", ONE_MINUTE_LATER), ms(ONE_MINUTE_LATER));
        harness.watermark(ms(MORNING.plus(Duration.ofHours(20))));

        assertThat(decisions()).extracting(d -> d.outcome().rule()).containsExactly(Rule.HUB_OFFLINE);
    }

    @Test
    void shouldFireNoDeadlineWhenTheInputEnds() throws Exception {
        harness.processElement(motion("h1", "pir-kitchen", MORNING), ms(MORNING));
        harness.watermark(Long.MAX_VALUE);
        endWholeInput();

        assertThat(decisions()).isEmpty();
    }

    @Test
    void shouldRaiseADeadlineInsideTheDataWhenTimeJumpsToTheEndOfInput() throws Exception {
        // No watermark on the way (a finite list, or a side input that held time back until it ended):
        // time goes from nothing to the end in one step. h1 falls at 08:00 and sends nothing more (a fall
        // is silence); the data goes on to 20:30 (h2): h1's 20:00 deadline is inside the data and is raised.
        harness.processElement(motion("h1", "pir-bathroom", MORNING), ms(MORNING));
        harness.processElement(motion("h2", "pir-kitchen", TWELVE_HOURS_LATER.plus(Duration.ofMinutes(30))),
                ms(TWELVE_HOURS_LATER.plus(Duration.ofMinutes(30))));
        harness.watermark(Long.MAX_VALUE);

        assertThat(decisions()).singleElement().satisfies(d -> {
            assertThat(d.homeId()).isEqualTo("h1");
            assertThat(d.outcome().rule()).isEqualTo(Rule.STILLNESS);
            assertThat(d.outcome().at()).isEqualTo(TWELVE_HOURS_LATER);
        });

        // Then the whole input ends: nothing beyond the data is silence (h2's 12 h comes after it).
        endWholeInput();
        assertThat(decisions()).hasSize(1);
    }

    private void endWholeInput() throws Exception {
        EndOfInputOperator<?, ?, ?, ?> operator = (EndOfInputOperator<?, ?, ?, ?>) harness.getTwoInputOperator();
        operator.endInput(2);
        operator.endInput(1);
    }

    @Test
    void shouldKeepStateAndTimersAcrossCheckpointAndRestore() throws Exception {
        harness.processElement(motion("h1", "pir-bathroom", MORNING), ms(MORNING));
        harness.watermark(ms(ONE_MINUTE_LATER));
        OperatorSubtaskState snapshot = harness.snapshot(1L, ms(ONE_MINUTE_LATER));
        harness.close();

        harness = newHarness();
        harness.initializeState(snapshot);
        harness.open();
        harness.watermark(ms(TWELVE_HOURS_LATER));

        assertThat(decisions()).extracting(d -> d.outcome().rule()).containsExactly(Rule.STILLNESS);
    }

    @Test
    void shouldKeepStateAndTimersAcrossRestoreOnRocksDb() throws Exception {
        harness.close();
        harness = newHarness();
        harness.setStateBackend(new EmbeddedRocksDBStateBackend());
        harness.open();
        harness.processElement(heartbeat("h1", MORNING), ms(MORNING));
        harness.processElement(motion("h1", "pir-bathroom", MORNING), ms(MORNING));
        harness.watermark(ms(ONE_MINUTE_LATER));
        OperatorSubtaskState snapshot = harness.snapshot(1L, ms(ONE_MINUTE_LATER));
        harness.close();

        harness = newHarness();
        harness.setStateBackend(new EmbeddedRocksDBStateBackend());
        harness.initializeState(snapshot);
        harness.open();
        harness.watermark(ms(MORNING.plus(Duration.ofHours(1))));

        // The restored state knows the hub sends heartbeats (only then is its silence hub-offline).
        assertThat(decisions()).extracting(d -> d.outcome().rule()).containsExactly(Rule.HUB_OFFLINE);
    }

    @Test
    void shouldApplyThresholdsChangedThroughTheControlStream() throws Exception {
        harness.processBroadcastElement(ControlMessage.thresholds("safety: {stillness: 2h}"), ms(MORNING));
        harness.processElement(motion("h1", "pir-kitchen", MORNING), ms(MORNING));
        harness.watermark(ms(MORNING.plus(Duration.ofHours(2))));

        assertThat(decisions()).extracting(d -> d.outcome().at())
                .containsExactly(MORNING.plus(Duration.ofHours(2)));
    }

    @Test
    void shouldRefuseABrokenControlMessageAndKeepThePreviousConfiguration() throws Exception {
        harness.processBroadcastElement(ControlMessage.homes("homes: [ {id: h1, sensors: [ {id: x, kind: moton} ] } ]"), ms(MORNING));
        harness.processElement(motion("h1", "pir-kitchen", MORNING), ms(MORNING));
        harness.watermark(ms(TWELVE_HOURS_LATER));

        assertThat(harness.getSideOutput(HomeDetector.UNKNOWN_HOME)).isNull();
        assertThat(decisions()).extracting(d -> d.outcome().rule()).containsExactly(Rule.STILLNESS);
    }

    @Test
    void shouldLeaveOneDeadlineTimerAndNoBufferedEventsOnceEventsAreProcessed() throws Exception {
        for (int m = 0; m < 30; m++) {
            harness.processElement(motion("h1", "pir-kitchen", MORNING.plusSeconds(60L * m)), ms(MORNING));
        }
        harness.watermark(ms(MORNING.plus(Duration.ofHours(1))));

        assertThat(harness.numEventTimeTimers()).isEqualTo(1); // the next stillness deadline only
        assertThat(decisions()).isEmpty();
    }

    @Test
    void shouldKeepTheDeadlineTimerAheadOfALaterDeadlineAndRaiseAtTheLaterOneNotBefore() throws Exception {
        Instant nine = MORNING.plus(Duration.ofHours(1));
        harness.processElement(motion("h1", "pir-kitchen", MORNING), ms(MORNING)); // stillness deadline 20:00
        harness.processElement(motion("h1", "pir-kitchen", nine), ms(nine)); // moves it to 21:00
        harness.watermark(ms(nine));
        assertThat(harness.numEventTimeTimers()).isEqualTo(1); // 20:00 kept, not replaced

        harness.watermark(ms(TWELVE_HOURS_LATER)); // 20:00 fires early: nothing due, re-armed for 21:00
        assertThat(decisions()).isEmpty();
        assertThat(harness.numEventTimeTimers()).isEqualTo(1);

        harness.watermark(ms(nine.plus(Duration.ofHours(12))));
        assertThat(decisions()).singleElement().satisfies(d -> {
            assertThat(d.outcome().rule()).isEqualTo(Rule.STILLNESS);
            assertThat(d.outcome().at()).isEqualTo(nine.plus(Duration.ofHours(12)));
        });
    }

    @Test
    void shouldMoveTheDeadlineTimerWhenTheDeadlineComesEarlier() throws Exception {
        harness.processElement(motion("h1", "pir-kitchen", MORNING), ms(MORNING)); // stillness 12 h: 20:00
        harness.watermark(ms(MORNING));
        harness.processBroadcastElement(ControlMessage.thresholds("safety: {stillness: 2h}"), ms(MORNING));
        Instant later = MORNING.plus(Duration.ofMinutes(30));
        harness.processElement(motion("h1", "pir-kitchen", later), ms(later)); // now 2 h: 10:30, before 20:00
        harness.watermark(ms(later));
        assertThat(harness.numEventTimeTimers()).isEqualTo(1); // 20:00 deleted, 10:30 registered

        harness.watermark(ms(later.plus(Duration.ofHours(2))));
        assertThat(decisions()).extracting(d -> d.outcome().at()).containsExactly(later.plus(Duration.ofHours(2)));
    }

    private static KeyedBroadcastOperatorTestHarness<String, SensorEvent, ControlMessage, LifecycleCommand> newHarness() throws Exception {
        return new KeyedBroadcastOperatorTestHarness<>(
                new PendingEventsOperator(new HomeDetector(DetectionJobConfig.of(HOMES))),
                SensorEvent::homeId, Types.STRING, 1, 1, 0);
    }


    /** What the detector sent on, as decisions (these tests answer no "I'm OK" window). */
    private List<RuleDecision> decisions() {
        return harness.extractOutputValues().stream().map(RuleDecision.class::cast).toList();
    }
}
