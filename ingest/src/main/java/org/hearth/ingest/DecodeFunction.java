package org.hearth.ingest;

import java.time.Clock;
import java.util.EnumMap;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.functions.co.BroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.hearth.ingest.control.ConfigState;
import org.hearth.ingest.control.ConfigTexts;
import org.hearth.ingest.control.ControlMessage;
import org.hearth.ingest.deadletter.DeadLetter;
import org.hearth.ingest.deadletter.DeadLetterReason;
import org.hearth.ingest.decode.DecodeResult;
import org.hearth.ingest.decode.RoutingTable;
import org.hearth.ingest.decode.RoutingTables;
import org.hearth.ingest.source.MqttMessage;
import org.hearth.ingest.validate.MessageIngestor;
import org.hearth.ingest.validate.ValidationPolicy;
import org.hearth.models.event.SensorEvent;
import org.hearth.models.registry.KitRegistry;

/**
 * Thin Flink shell around {@link MessageIngestor}, the one place messages are decoded and
 * validated (live, demo and tests): events to the main output, dead letters to
 * {@link #DEAD_LETTERS}, with a counter per reason ({@code deadLetters.<reason>}), plus
 * {@code ignoredMessages} and {@code decodedEvents}.
 *
 * <p>It follows the registry on the control stream ({@link ConfigState}, the job's one registry
 * follower): a home or sensor added with {@code hearth kit apply} is decoded from its first
 * message, without a restart; the routing table is rebuilt once per registry change, not per
 * message, and a registry that does not load (or claims a device twice) is refused and the
 * previous one stays. Built with a fixed routing table instead, it ignores the control stream.
 */
final class DecodeFunction extends BroadcastProcessFunction<MqttMessage, ControlMessage, SensorEvent> {

    private static final long serialVersionUID = 1L;

    static final OutputTag<DeadLetter> DEAD_LETTERS = new OutputTag<>("dead-letters") {};

    private final RoutingTable fixedRoutes;
    private final ConfigTexts initial;
    private final ValidationPolicy policy;
    private final Clock clock;

    private transient ConfigState config;
    private transient KitRegistry registrySeen;
    private transient MessageIngestor ingestor;
    private transient EnumMap<DeadLetterReason, Counter> deadLetterCounters;
    private transient Counter ignored;
    private transient Counter decoded;

    private DecodeFunction(RoutingTable fixedRoutes, ConfigTexts initial, ValidationPolicy policy, Clock clock) {
        this.fixedRoutes = fixedRoutes;
        this.initial = initial;
        this.policy = policy;
        this.clock = clock;
    }

    /** Decodes with one routing table for the job's life. */
    static DecodeFunction fixed(RoutingTable routes, ValidationPolicy policy, Clock clock) {
        return new DecodeFunction(routes, null, policy, clock);
    }

    /** Decodes with the registry as the control stream has it now, {@code initial} until a change. */
    static DecodeFunction following(ConfigTexts initial, ValidationPolicy policy, Clock clock) {
        return new DecodeFunction(null, initial, policy, clock);
    }

    @Override
    public void open(OpenContext openContext) {
        if (fixedRoutes != null) {
            ingestor = new MessageIngestor(fixedRoutes, policy, clock);
        } else {
            config = new ConfigState(initial);
        }
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
    public void processElement(MqttMessage message, ReadOnlyContext ctx, Collector<SensorEvent> out) throws Exception {
        if (config != null) {
            KitRegistry registry = config.current(ctx.getBroadcastState(ConfigState.DESCRIPTOR)).registry();
            if (ingestor == null || registry != registrySeen) {
                ingestor = new MessageIngestor(RoutingTables.of(registry), policy, clock);
                registrySeen = registry;
            }
        }
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

    @Override
    public void processBroadcastElement(ControlMessage message, Context ctx, Collector<SensorEvent> out) throws Exception {
        if (config != null) {
            config.apply(ctx.getBroadcastState(ConfigState.DESCRIPTOR), message);
        }
    }
}
