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
 * reading its sensor sent lately ({@link RecentReadings}). Redeliveries come from the at-least-once
 * source: a message checkpointed whose acknowledgement was lost in a crash comes back after the
 * restart, and it is among the last readings before that checkpoint, which this memory holds
 * (restored from the checkpoint) when the window covers a few checkpoint intervals
 * ({@code IngestOptions.dedupeWindow}). Lateness is not judged here: {@link LateEventRouter} did, each
 * reader's against its own watermark.
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
    private transient LongCounter dropped;

    /**
     * @param window how far behind a sensor's newest reading its readings are kept ({@code IngestOptions.dedupeWindow})
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
        dropped = new LongCounter();
        getRuntimeContext().addAccumulator(Deduplicator.DUPLICATES, dropped);
    }

    @Override
    public void processElement(SensorEvent event, Context ctx, Collector<SensorEvent> out) throws Exception {
        byte[] stored = recent.value();
        RecentReadings readings = stored == null ? RecentReadings.none() : RecentReadings.of(stored);
        long ts = event.ts().toEpochMilli();
        if (readings.isCopy(ts, event.value())) {
            duplicates.inc();
            dropped.add(1);
            return;
        }
        readings.remember(ts, event.value(), windowMs);
        recent.update(readings.toBytes());
        out.collect(event);
    }
}
