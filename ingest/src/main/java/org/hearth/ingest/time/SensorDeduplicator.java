package org.hearth.ingest.time;

import java.time.Duration;
import java.util.Objects;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.hearth.models.event.SensorEvent;

/**
 * Live de-duplication, keyed by {@link #key} (home, sensor, kind): drops a redelivered copy of a
 * reading its sensor sent lately ({@link RecentReadings}), and sets aside as late a reading older
 * than that sensor's newest by more than the window (out-of-orderness plus allowed lateness). While
 * the job runs the watermark judges that first ({@link LateEventRouter}: such a reading is behind
 * it); after a restart the watermark starts from nothing, and this memory, restored from the
 * checkpoint, is what still knows. Redeliveries come from the at-least-once source: a message
 * checkpointed whose acknowledgement was lost in a crash comes back after the restart, and it is
 * among the last readings before that checkpoint, which this memory holds.
 *
 * <p>It used to remember every event's identity for six hours (a key per event: about 330 per home
 * at a simulated day's rate, tens of KB per home in RocksDB, a new key written per event). This keeps
 * one small value per sensor and kind; a sensor silent for {@code forgetAfter} (processing time) is
 * forgotten, its next reading new. Never uses MQTT's DUP flag (see {@link Deduplicator}).
 */
public final class SensorDeduplicator extends KeyedProcessFunction<String, SensorEvent, SensorEvent> {

    private static final long serialVersionUID = 1L;

    private final long windowMs;
    private final Duration forgetAfter;
    private transient ValueState<byte[]> recent;
    private transient Counter duplicates;
    private transient Counter behind;
    private transient LongCounter dropped;

    /**
     * @param window how far behind a sensor's newest reading one is still judged (the live
     *     out-of-orderness plus allowed lateness: what the watermark lets through)
     * @param forgetAfter how long a silent sensor's memory is kept, in processing time
     */
    public SensorDeduplicator(Duration window, Duration forgetAfter) {
        if (window.isNegative() || window.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("window must be 0.." + Integer.MAX_VALUE + " ms, got " + window);
        }
        this.windowMs = window.toMillis();
        this.forgetAfter = Objects.requireNonNull(forgetAfter, "forgetAfter");
    }

    /** The key: one memory per home, sensor and kind (a reading's identity is its instant and value within it). */
    public static String key(SensorEvent e) {
        return e.homeId() + '/' + e.sensorId() + '/' + e.kind().wireName();
    }

    @Override
    public void open(OpenContext openContext) {
        ValueStateDescriptor<byte[]> descriptor = new ValueStateDescriptor<>("recent-readings",
                PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO);
        descriptor.enableTimeToLive(StateTtlConfig.newBuilder(forgetAfter)
                .setUpdateType(StateTtlConfig.UpdateType.OnCreateAndWrite)
                .setStateVisibility(StateTtlConfig.StateVisibility.NeverReturnExpired)
                .build());
        recent = getRuntimeContext().getState(descriptor);
        duplicates = getRuntimeContext().getMetricGroup().counter("duplicateEvents");
        behind = getRuntimeContext().getMetricGroup().counter("lateEvents");
        dropped = new LongCounter();
        getRuntimeContext().addAccumulator(Deduplicator.DUPLICATES, dropped);
    }

    @Override
    public void processElement(SensorEvent event, Context ctx, Collector<SensorEvent> out) throws Exception {
        byte[] stored = recent.value();
        RecentReadings readings = stored == null ? RecentReadings.none() : RecentReadings.of(stored);
        long ts = event.ts().toEpochMilli();
        switch (readings.judge(ts, event.value(), windowMs)) {
            case COPY -> {
                duplicates.inc();
                dropped.add(1);
            }
            case BEHIND -> {
                behind.inc();
                ctx.output(LateEventRouter.LATE, event);
            }
            case NEW -> {
                readings.remember(ts, event.value(), windowMs);
                recent.update(readings.toBytes());
                out.collect(event);
            }
        }
    }
}
