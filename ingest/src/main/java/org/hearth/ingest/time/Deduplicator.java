package org.hearth.ingest.time;

import java.time.Duration;
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
 * kind) with a TTL so state does not grow. Redeliveries come from the at-least-once source: a
 * message emitted and checkpointed whose PUBACK was lost in a crash comes back after restart.
 *
 * <p>Never uses MQTT's DUP flag: a DUP message may be the only copy that ever arrived (skipping
 * DUP messages lost data in a Kafka Connect MQTT source, PLATFORM.md).
 *
 * <p>The TTL runs in processing time; a job down longer than the TTL may let a duplicate through
 * after restore (harmless downstream, which tolerates at-least-once).
 */
public final class Deduplicator extends KeyedProcessFunction<String, SensorEvent, SensorEvent> {

    private final Duration ttl;
    private transient ValueState<Boolean> seen;
    private transient Counter duplicates;

    public Deduplicator(Duration ttl) {
        this.ttl = ttl;
    }

    @Override
    public void open(OpenContext openContext) {
        ValueStateDescriptor<Boolean> descriptor = new ValueStateDescriptor<>("seen", Boolean.class);
        descriptor.enableTimeToLive(StateTtlConfig.newBuilder(ttl)
                .setUpdateType(StateTtlConfig.UpdateType.OnCreateAndWrite)
                .setStateVisibility(StateTtlConfig.StateVisibility.NeverReturnExpired)
                .build());
        seen = getRuntimeContext().getState(descriptor);
        duplicates = getRuntimeContext().getMetricGroup().counter("duplicateEvents");
    }

    @Override
    public void processElement(SensorEvent event, Context ctx, Collector<SensorEvent> out) throws Exception {
        if (seen.value() != null) {
            duplicates.inc();
            return;
        }
        seen.update(Boolean.TRUE);
        out.collect(event);
    }
}
