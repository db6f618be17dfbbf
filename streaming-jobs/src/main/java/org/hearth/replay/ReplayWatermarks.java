package org.hearth.replay;

import java.time.Duration;
import org.apache.flink.api.common.eventtime.TimestampAssigner;
import org.apache.flink.api.common.eventtime.TimestampAssignerSupplier;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkGeneratorSupplier;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/**
 * Replay's watermarks: event time only, and emitted from the records themselves, never from the
 * wall clock. A periodic watermark (Flink's usual) would make "is this event late?" depend on how
 * fast the machine read the file; here the watermark after each record is a function of the records
 * before it, so the same files always give the same late events and the same alerts.
 *
 * <p>The watermark trails the highest event time seen by the allowed lateness and moves in steps of
 * at least a second (fewer watermarks, same determinism).
 */
public final class ReplayWatermarks implements WatermarkStrategy<ReplayRecord> {

    private static final long serialVersionUID = 1L;
    private static final long STEP_MILLIS = 1_000;

    private final long latenessMillis;

    public ReplayWatermarks(Duration lateness) {
        this.latenessMillis = lateness.toMillis();
    }

    @Override
    public TimestampAssigner<ReplayRecord> createTimestampAssigner(TimestampAssignerSupplier.Context context) {
        return (record, previous) -> record.isEvent() ? record.event().ts().toEpochMilli() : Long.MIN_VALUE;
    }

    @Override
    public WatermarkGenerator<ReplayRecord> createWatermarkGenerator(WatermarkGeneratorSupplier.Context context) {
        return new WatermarkGenerator<>() {
            private long maxTs = Long.MIN_VALUE;
            private long emitted = Long.MIN_VALUE;

            @Override
            public void onEvent(ReplayRecord record, long ts, WatermarkOutput output) {
                if (!record.isEvent() || ts <= maxTs) {
                    return;
                }
                maxTs = ts;
                long mark = maxTs - latenessMillis - 1;
                if (emitted == Long.MIN_VALUE || mark - emitted >= STEP_MILLIS) {
                    emitted = mark;
                    output.emitWatermark(new Watermark(mark));
                }
            }

            @Override
            public void onPeriodicEmit(WatermarkOutput output) {
                // nothing: the wall clock must not move replay time
            }
        };
    }
}
