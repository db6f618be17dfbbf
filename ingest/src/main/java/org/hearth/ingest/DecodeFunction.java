package org.hearth.ingest;

import java.util.EnumMap;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.hearth.ingest.deadletter.DeadLetter;
import org.hearth.ingest.deadletter.DeadLetterReason;
import org.hearth.ingest.decode.DecodeResult;
import org.hearth.ingest.decode.RoutingTable;
import org.hearth.ingest.source.MqttMessage;
import org.hearth.ingest.validate.MessageIngestor;
import org.hearth.ingest.validate.ValidationPolicy;
import org.hearth.models.event.SensorEvent;

/**
 * Thin Flink shell around {@link MessageIngestor}: events to the main output, dead letters to
 * {@link #DEAD_LETTERS}, with a counter per reason ({@code deadLetters.<reason>}), plus
 * {@code ignoredMessages} and {@code decodedEvents}.
 */
final class DecodeFunction extends ProcessFunction<MqttMessage, SensorEvent> {

    static final OutputTag<DeadLetter> DEAD_LETTERS = new OutputTag<>("dead-letters") {};

    private final RoutingTable routes;
    private final ValidationPolicy policy;
    private final java.time.Clock clock;
    private transient MessageIngestor ingestor;
    private transient EnumMap<DeadLetterReason, Counter> deadLetterCounters;
    private transient Counter ignored;
    private transient Counter decoded;

    DecodeFunction(RoutingTable routes, ValidationPolicy policy, java.time.Clock clock) {
        this.routes = routes;
        this.policy = policy;
        this.clock = clock;
    }

    @Override
    public void open(OpenContext openContext) {
        ingestor = new MessageIngestor(routes, policy, clock);
        MetricGroup group = getRuntimeContext().getMetricGroup();
        MetricGroup dead = group.addGroup("deadLetters");
        deadLetterCounters = new EnumMap<>(DeadLetterReason.class);
        for (DeadLetterReason r : DeadLetterReason.values()) {
            deadLetterCounters.put(r, dead.counter(r.wireName()));
        }
        ignored = group.counter("ignoredMessages");
        decoded = group.counter("decodedEvents");
    }

    @Override
    public void processElement(MqttMessage message, Context ctx, Collector<SensorEvent> out) {
        DecodeResult result = ingestor.ingest(message);
        if (result.isIgnored()) {
            ignored.inc();
            return;
        }
        for (SensorEvent e : result.events()) {
            decoded.inc();
            out.collect(e);
        }
        for (DeadLetter d : result.deadLetters()) {
            deadLetterCounters.get(d.reason()).inc();
            ctx.output(DEAD_LETTERS, d);
        }
    }
}
