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
 * The one place an event is judged late or a copy: {@link LateEventRouter} then {@link Deduplicator},
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
    void aRedeliveryIsDroppedAndCountedWhileADifferentValueAtTheSameInstantIsNot() throws Exception {
        try (var dedupe = harness(Deduplicator.live(Duration.ofHours(6)))) {
            dedupe.processElement(press(T, 1), ms(T));
            dedupe.processElement(press(T, 1), ms(T));
            dedupe.processElement(press(T, 0), ms(T)); // the release: same instant, another reading

            assertThat(dedupe.extractOutputValues()).containsExactly(press(T, 1), press(T, 0));
            assertThat(dedupe.numEventTimeTimers()).as("live memory is a TTL, no timers").isZero();
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

    private static KeyedOneInputStreamOperatorTestHarness<String, SensorEvent, SensorEvent> harness(
            KeyedProcessFunction<String, SensorEvent, SensorEvent> dedupe) throws Exception {
        return ProcessFunctionTestHarnesses.forKeyedProcessFunction(dedupe, SensorEvent::dedupeKey, Types.STRING);
    }
}
