package org.hearth.heartbeat;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.hearth.alerts.watchdog.JobHeartbeat;
import org.junit.jupiter.api.Test;

class HeartbeatMergerTest {

    private static final Instant T = Instant.parse("2026-11-23T09:00:00Z");

    private static HeartbeatPart part(int subtask, int of, Instant at, Instant watermark, long events, Instant checkpoint, int failed) {
        return new HeartbeatPart(subtask, of, new JobHeartbeat("hearth", at, watermark, events, checkpoint, failed, 30L, T));
    }

    @Test
    void add_waitsForEveryInstanceThenTakesTheSlowestView() {
        HeartbeatMerger merger = new HeartbeatMerger();
        assertThat(merger.add(part(0, 2, T.plusSeconds(10), T.minusSeconds(60), 5, T.plusSeconds(5), 0))).isNull();
        JobHeartbeat merged = merger.add(part(1, 2, T.plusSeconds(11), T.minusSeconds(600), 7, T.plusSeconds(2), 1));
        assertThat(merged.at()).isEqualTo(T.plusSeconds(11));
        assertThat(merged.watermark()).isEqualTo(T.minusSeconds(600));
        assertThat(merged.eventsProcessed()).isEqualTo(12);
        assertThat(merged.lastCheckpointAt()).isEqualTo(T.plusSeconds(2));
        assertThat(merged.checkpointsFailed()).isEqualTo(1);
    }

    @Test
    void add_hasNoWatermarkWhileAnyInstanceHasNone() {
        HeartbeatMerger merger = new HeartbeatMerger();
        merger.add(part(0, 2, T, T, 1, null, 0));
        JobHeartbeat merged = merger.add(part(1, 2, T, null, 1, T, 0));
        assertThat(merged.watermark()).isNull();
        assertThat(merged.lastCheckpointAt()).isNull();
    }

    @Test
    void add_startsOverWhenTheJobIsRescaled() {
        HeartbeatMerger merger = new HeartbeatMerger();
        merger.add(part(0, 2, T, T, 1, T, 0));
        merger.add(part(1, 2, T, T, 1, T, 0));
        assertThat(merger.add(part(0, 3, T.plusSeconds(10), T, 1, T, 0))).isNull();
        assertThat(merger.add(part(0, 1, T.plusSeconds(20), T, 4, T, 0)).eventsProcessed()).isEqualTo(4);
    }
}
