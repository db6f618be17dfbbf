package org.hearth.ingest.time;

import java.time.Clock;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.hearth.ingest.source.SourceProgress;
import org.hearth.models.event.SensorEvent;

/** Watermark strategies for sensor events: live (moves with the wall clock while idle) and replay. */
public final class HearthWatermarks {

    private HearthWatermarks() {}

    /**
     * Live: bounded out-of-orderness, and after {@code idleAfter} without events, at least
     * {@code clock - allowedLateness} (see {@link IdleAwareWatermark}).
     *
     * @param clock must be serializable ({@code Clock.systemUTC()}, {@code ScaledClock} are)
     */
    public static WatermarkStrategy<SensorEvent> live(Duration outOfOrderness, Duration allowedLateness, Duration idleAfter, Clock clock) {
        return strategy(outOfOrderness, allowedLateness, idleAfter, clock, true);
    }

    /** Replay: event time only, so history replays at full speed and deterministically. */
    public static WatermarkStrategy<SensorEvent> replay(Duration outOfOrderness) {
        return strategy(outOfOrderness, Duration.ZERO, Duration.ZERO, Clock.systemUTC(), false);
    }

    private static WatermarkStrategy<SensorEvent> strategy(Duration ooo, Duration lateness, Duration idle, Clock clock, boolean live) {
        WatermarkStrategy<SensorEvent> s = ctx -> new Generator(new IdleAwareWatermark(ooo, lateness, idle, live), clock);
        return s.withTimestampAssigner((event, previous) -> event.ts().toEpochMilli());
    }

    /** Thin Flink shell around {@link IdleAwareWatermark}. */
    private static final class Generator implements WatermarkGenerator<SensorEvent> {
        private final IdleAwareWatermark watermark;
        private final Clock clock;
        private long emitted = Long.MIN_VALUE;

        Generator(IdleAwareWatermark watermark, Clock clock) {
            this.watermark = watermark;
            this.clock = clock;
        }

        @Override
        public void onEvent(SensorEvent event, long timestamp, WatermarkOutput output) {
            if (!SourceProgress.isMarker(event)) {
                watermark.onEvent(timestamp, clock.millis());
            } else if (SourceProgress.isCaughtUp(event)) {
                watermark.onSourceCaughtUp(event.ts().toEpochMilli());
            } else {
                watermark.onSourceBehind();
            }
        }

        @Override
        public void onPeriodicEmit(WatermarkOutput output) {
            long wm = watermark.watermark(clock.millis());
            if (wm > emitted) {
                emitted = wm;
                output.emitWatermark(new Watermark(wm));
            }
        }
    }
}
