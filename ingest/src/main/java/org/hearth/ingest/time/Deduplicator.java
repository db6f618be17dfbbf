package org.hearth.ingest.time;

import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.hearth.models.event.SensorEvent;

/**
 * Drops redelivered events in replay, keyed by {@link SensorEvent#dedupeKey()} (home, sensor,
 * timestamp, kind, value): a capture replays them as they came from the at-least-once source (a
 * message emitted and checkpointed whose PUBACK was lost in a crash comes back after restart).
 *
 * <p>Never uses MQTT's DUP flag: a DUP message may be the only copy that ever arrived (skipping
 * DUP messages lost data in a Kafka Connect MQTT source, PLATFORM.md).
 *
 * <p>Replay's: an identity is remembered until the watermark passes the event. Runs after
 * {@link LateEventRouter}, so a copy arriving once the watermark has passed its instant is a late
 * event, never a second one on time: the same files drop the same copies whatever the machine's
 * speed, and the memory holds only the events not yet behind the watermark. Live runs
 * {@link SensorDeduplicator}, whose memory survives a restart without a key per event.
 */
public final class Deduplicator extends KeyedProcessFunction<String, SensorEvent, SensorEvent> {

    private static final long serialVersionUID = 1L;

    /** Accumulator: redeliveries dropped. */
    public static final String DUPLICATES = "hearth-duplicates";

    private transient ValueState<Boolean> seen;
    private transient Counter duplicates;
    private transient LongCounter dropped;

    private Deduplicator() {}

    /** Remembers each identity until the watermark passes it: deterministic, for replay. */
    public static Deduplicator replay() {
        return new Deduplicator();
    }

    @Override
    public void open(OpenContext openContext) {
        seen = getRuntimeContext().getState(new ValueStateDescriptor<>("seen", Boolean.class));
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
        ctx.timerService().registerEventTimeTimer(event.ts().toEpochMilli());
        out.collect(event);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<SensorEvent> out) {
        seen.clear(); // the watermark has passed the event: a copy from now on is late (LateEventRouter)
    }
}
