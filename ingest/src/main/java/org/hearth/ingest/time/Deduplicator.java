package org.hearth.ingest.time;

import java.time.Duration;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.hearth.models.event.SensorEvent;

/**
 * Drops redelivered events, keyed by {@link SensorEvent#dedupeKey()} (home, sensor, timestamp,
 * kind, value): the one place Hearth de-duplicates, for live and replay alike. Redeliveries come
 * from the at-least-once source: a message emitted and checkpointed whose PUBACK was lost in a crash
 * comes back after restart; a capture replays them as they came.
 *
 * <p>Never uses MQTT's DUP flag: a DUP message may be the only copy that ever arrived (skipping
 * DUP messages lost data in a Kafka Connect MQTT source, PLATFORM.md).
 *
 * <p>How long an identity is remembered:
 * <ul>
 *   <li>{@link #live(Duration)}: a TTL in processing time, kept in checkpoints, because after a
 *       restart the watermark starts again from nothing and a redelivery older than the one before the
 *       crash is not late. A job down longer than the TTL may let a duplicate through after restore
 *       (harmless downstream, which tolerates at-least-once).</li>
 *   <li>{@link #replay()}: until the watermark passes the event. Runs after {@link LateEventRouter},
 *       so a copy arriving once the watermark has passed its instant is a late event, never a second
 *       one on time: the same files drop the same copies whatever the machine's speed, and the memory
 *       holds only the events not yet behind the watermark.</li>
 * </ul>
 */
public final class Deduplicator extends KeyedProcessFunction<String, SensorEvent, SensorEvent> {

    private static final long serialVersionUID = 1L;

    /** Accumulator: redeliveries dropped. */
    public static final String DUPLICATES = "hearth-duplicates";

    /** The TTL, or null to remember until the watermark passes the event. */
    private final Duration ttl;
    private transient ValueState<Boolean> seen;
    private transient Counter duplicates;
    private transient LongCounter dropped;

    private Deduplicator(Duration ttl) {
        this.ttl = ttl;
    }

    /** Remembers each identity for {@code ttl} of processing time, across restarts. */
    public static Deduplicator live(Duration ttl) {
        return new Deduplicator(java.util.Objects.requireNonNull(ttl, "ttl"));
    }

    /** Remembers each identity until the watermark passes it: deterministic, for replay. */
    public static Deduplicator replay() {
        return new Deduplicator(null);
    }

    @Override
    public void open(OpenContext openContext) {
        ValueStateDescriptor<Boolean> descriptor = new ValueStateDescriptor<>("seen", Boolean.class);
        if (ttl != null) {
            descriptor.enableTimeToLive(StateTtlConfig.newBuilder(ttl)
                    .setUpdateType(StateTtlConfig.UpdateType.OnCreateAndWrite)
                    .setStateVisibility(StateTtlConfig.StateVisibility.NeverReturnExpired)
                    .build());
        }
        seen = getRuntimeContext().getState(descriptor);
        duplicates = getRuntimeContext().getMetricGroup().counter("duplicateEvents");
        dropped = new LongCounter();
        getRuntimeContext().addAccumulator(DUPLICATES, dropped);
    }

    @Override
    public void processElement(SensorEvent event, Context ctx, Collector<SensorEvent> out) throws Exception {
        if (seen.value() != null) {
            duplicates.inc();
            dropped.add(1);
            return;
        }
        seen.update(Boolean.TRUE);
        if (ttl == null) {
            ctx.timerService().registerEventTimeTimer(event.ts().toEpochMilli());
        }
        out.collect(event);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<SensorEvent> out) {
        seen.clear(); // the watermark has passed the event: a copy from now on is late (LateEventRouter)
    }
}
