package org.hearth.heartbeat;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.hearth.alerts.watchdog.JobHeartbeat;
import org.hearth.models.testing.TestClock;
import org.hearth.models.event.SensorEvent;
import org.hearth.models.event.SensorKind;
import org.junit.jupiter.api.Test;

class HeartbeatOperatorTest {

    private static final Instant START = Instant.parse("2026-11-23T09:00:00Z");

    @Test
    void heartbeat_carriesEventsWatermarkAndCheckpointsOnAProcessingTimeSchedule() throws Exception {
        TestClock clock = new TestClock(START);
        try (var harness = new OneInputStreamOperatorTestHarness<SensorEvent, HeartbeatPart>(
                new HeartbeatOperator("hearth", Duration.ofSeconds(10), Duration.ofSeconds(30), clock))) {
            harness.setProcessingTime(0);
            harness.open();
            harness.processElement(SensorEvent.of("h1", "pir", START.minusSeconds(5), SensorKind.MOTION, 1), 0);
            harness.processElement(SensorEvent.of("h1", "pir", START.minusSeconds(4), SensorKind.MOTION, 0), 0);
            harness.processWatermark(new Watermark(START.minusSeconds(120).toEpochMilli()));
            harness.setProcessingTime(9_999);
            assertThat(parts(harness)).isEmpty(); // not due yet

            clock.advance(Duration.ofSeconds(10));
            harness.setProcessingTime(10_000);
            JobHeartbeat first = parts(harness).get(0).beat();
            assertThat(first.at()).isEqualTo(START.plusSeconds(10));
            assertThat(first.eventsProcessed()).isEqualTo(2);
            assertThat(first.watermark()).isEqualTo(START.minusSeconds(120));
            assertThat(first.lastCheckpointAt()).isNull();
            assertThat(first.checkpointEverySeconds()).isEqualTo(30L);
            assertThat(first.startedAt()).isEqualTo(START);

            harness.getOperator().notifyCheckpointAborted(1);
            harness.getOperator().notifyCheckpointAborted(2);
            clock.advance(Duration.ofSeconds(10));
            harness.setProcessingTime(20_000);
            assertThat(last(harness).checkpointsFailed()).isEqualTo(2);

            harness.getOperator().notifyCheckpointComplete(3);
            clock.advance(Duration.ofSeconds(10));
            harness.setProcessingTime(30_000);
            assertThat(last(harness).checkpointsFailed()).isZero();
            assertThat(last(harness).lastCheckpointAt()).isEqualTo(START.plusSeconds(20));
            assertThat(parts(harness)).hasSize(3);
            // The watermark went through unchanged for whatever follows.
            assertThat(harness.getOutput()).anyMatch(o -> o instanceof Watermark w && w.getTimestamp() == START.minusSeconds(120).toEpochMilli());
        }
    }

    private static List<HeartbeatPart> parts(OneInputStreamOperatorTestHarness<SensorEvent, HeartbeatPart> harness) {
        return harness.extractOutputValues();
    }

    private static JobHeartbeat last(OneInputStreamOperatorTestHarness<SensorEvent, HeartbeatPart> harness) {
        List<HeartbeatPart> parts = parts(harness);
        return parts.get(parts.size() - 1).beat();
    }
}
