package org.hearth.ingest.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.hearth.models.event.SensorEvent;
import org.hearth.models.event.SensorKind;
import org.junit.jupiter.api.Test;

/**
 * The one place an event is judged late or a copy: {@link LateEventRouter} then {@link SensorDeduplicator} (live)
 * or {@link Deduplicator} (replay),
 * which live and replay both run ({@code IngestPipeline.onTime}); the detector trusts what comes out.
 */
class OnTimeTest {

    private static final Instant T = Instant.parse("2026-03-02T08:00:00Z");

    private static SensorEvent press(Instant at, double value) {
        return SensorEvent.of("h1", "button", at, SensorKind.BUTTON, value);
    }

    private static long ms(Instant at) {
        return at.toEpochMilli();
    }

    @Test
    void anEventAtOrBehindTheWatermarkIsLateAndOneAfterItIsOnTime() throws Exception {
        try (OneInputStreamOperatorTestHarness<SensorEvent, SensorEvent> router =
                     ProcessFunctionTestHarnesses.forProcessFunction(new LateEventRouter())) {
            router.processWatermark(ms(T));
            router.processElement(press(T.minusSeconds(60), 1), ms(T.minusSeconds(60)));
            router.processElement(press(T, 1), ms(T)); // at the watermark: its timer would already have fired
            router.processElement(press(T.plusMillis(1), 1), ms(T.plusMillis(1)));

            assertThat(router.getSideOutput(LateEventRouter.LATE)).extracting(StreamRecord::getValue)
                    .containsExactly(press(T.minusSeconds(60), 1), press(T, 1));
            assertThat(router.extractOutputValues()).containsExactly(press(T.plusMillis(1), 1));
        }
    }

    @Test
    void liveARedeliveryIsDroppedAndCountedWhileADifferentValueAtTheSameInstantIsNot() throws Exception {
        try (var dedupe = live()) {
            dedupe.processElement(press(T, 1), ms(T));
            dedupe.processElement(press(T, 1), ms(T));
            dedupe.processElement(press(T, 0), ms(T)); // the release: same instant, another reading

            assertThat(dedupe.extractOutputValues()).containsExactly(press(T, 1), press(T, 0));
            assertThat(dedupe.numEventTimeTimers()).as("live memory is per sensor, no timers").isZero();
            assertThat(dedupe.numKeyedStateEntries()).as("one memory for the button's presses, not one per event").isEqualTo(1);
        }
    }

    @Test
    void liveACopyRedeliveredAfterARestartIsDroppedByTheRestoredMemory() throws Exception {
        org.apache.flink.runtime.checkpoint.OperatorSubtaskState checkpoint;
        try (var before = live()) {
            before.processElement(press(T, 1), ms(T));
            before.processElement(press(T.plusSeconds(20), 0), ms(T.plusSeconds(20)));
            checkpoint = before.snapshot(1, ms(T.plusSeconds(25)));
        }
        try (var after = new KeyedOneInputStreamOperatorTestHarness<>(new org.apache.flink.streaming.api.operators.KeyedProcessOperator<>(
                new SensorDeduplicator(Duration.ofSeconds(150), Duration.ofDays(7))), SensorDeduplicator::key, Types.STRING)) {
            after.initializeState(checkpoint); // the restarted job: its watermark starts from nothing
            after.open();
            after.processElement(press(T, 1), ms(T)); // the broker redelivers what it saw no acknowledgement for
            after.processElement(press(T.plusSeconds(20), 0), ms(T.plusSeconds(20)));
            after.processElement(press(T.plusSeconds(40), 1), ms(T.plusSeconds(40))); // and goes on

            assertThat(after.extractOutputValues()).containsExactly(press(T.plusSeconds(40), 1));
        }
    }

    @Test
    void liveTwoReadersBacklogsOfOneSensorPassWhateverTheirOrderHere() throws Exception {
        // After an outage with two readers (a shared subscription splits one sensor's readings), one reader's half of the
        // backlog can arrive minutes ahead of the other's; each was on time against its own reader's watermark.
        try (var dedupe = live()) {
            for (int s = 0; s < 600; s += 20) {
                dedupe.processElement(press(T.plusSeconds(s), 1), ms(T.plusSeconds(s))); // reader 0 drains first
            }
            for (int s = 10; s < 600; s += 20) {
                dedupe.processElement(press(T.plusSeconds(s), 1), ms(T.plusSeconds(s))); // then reader 1
            }

            assertThat(dedupe.extractOutputValues()).hasSize(60);
            assertThat(dedupe.getSideOutput(LateEventRouter.LATE)).as("lateness is not judged here").isNull();
        }
    }

    @Test
    void liveEachSensorAndKindHasItsOwnMemory() throws Exception {
        try (var dedupe = live()) {
            SensorEvent temperature = SensorEvent.of("h1", "multi", T, SensorKind.TEMPERATURE, 21);
            SensorEvent humidity = SensorEvent.of("h1", "multi", T, SensorKind.HUMIDITY, 21);
            SensorEvent otherHome = SensorEvent.of("h2", "multi", T, SensorKind.TEMPERATURE, 21);
            for (SensorEvent e : java.util.List.of(temperature, humidity, otherHome, temperature)) {
                dedupe.processElement(e, ms(T));
            }

            assertThat(dedupe.extractOutputValues()).containsExactly(temperature, humidity, otherHome);
        }
    }

    @Test
    void replayRemembersAnEventUntilTheWatermarkPassesItThenHoldsNothing() throws Exception {
        try (var dedupe = harness(Deduplicator.replay())) {
            dedupe.processElement(press(T, 1), ms(T));
            dedupe.processWatermark(ms(T) - 1);
            dedupe.processElement(press(T, 1), ms(T)); // still on time: a copy
            assertThat(dedupe.extractOutputValues()).containsExactly(press(T, 1));
            assertThat(dedupe.numKeyedStateEntries()).isEqualTo(1);

            dedupe.processWatermark(ms(T));

            // From here a copy is late, set aside by the router upstream; nothing is kept for it.
            assertThat(dedupe.numKeyedStateEntries()).isZero();
            assertThat(dedupe.numEventTimeTimers()).isZero();
        }
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, SensorEvent, SensorEvent> live() throws Exception {
        return ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                new SensorDeduplicator(Duration.ofSeconds(150), Duration.ofDays(7)), SensorDeduplicator::key, Types.STRING);
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, SensorEvent, SensorEvent> harness(
            KeyedProcessFunction<String, SensorEvent, SensorEvent> dedupe) throws Exception {
        return ProcessFunctionTestHarnesses.forKeyedProcessFunction(dedupe, SensorEvent::dedupeKey, Types.STRING);
    }
}
