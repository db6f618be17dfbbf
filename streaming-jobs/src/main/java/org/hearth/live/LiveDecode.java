package org.hearth.live;

import java.time.Clock;
import java.util.EnumMap;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.functions.co.BroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.hearth.ingest.deadletter.DeadLetter;
import org.hearth.ingest.deadletter.DeadLetterReason;
import org.hearth.ingest.decode.DecodeResult;
import org.hearth.ingest.decode.RoutingTable;
import org.hearth.ingest.source.MqttMessage;
import org.hearth.ingest.validate.MessageIngestor;
import org.hearth.ingest.validate.ValidationPolicy;
import org.hearth.job.ControlMessage;
import org.hearth.models.event.SensorEvent;
import org.hearth.models.registry.RegistryLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ingest's decode and validate step (ingest's {@link MessageIngestor}, the same metrics as its
 * own function) with a registry that follows the control topic: a home or sensor added with
 * {@code hearth kit apply} is decoded from its first message, without a restart. The registry
 * text is broadcast state; the routing table is rebuilt once per change, not per message. A
 * registry that does not load (or claims a device twice) is refused and the previous one stays.
 */
final class LiveDecode extends BroadcastProcessFunction<MqttMessage, ControlMessage, SensorEvent> {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(LiveDecode.class);
    private static final String HOMES = ControlMessage.Kind.HOMES.name();

    static final MapStateDescriptor<String, String> REGISTRY =
            new MapStateDescriptor<>("hearth-ingest-registry", Types.STRING, Types.STRING);
    static final OutputTag<DeadLetter> DEAD_LETTERS = new OutputTag<>("dead-letters", TypeInformation.of(DeadLetter.class));

    private final String initialHomes;
    private final ValidationPolicy policy;
    private final Clock clock;

    private transient String homesSeen;
    private transient MessageIngestor ingestor;
    private transient EnumMap<DeadLetterReason, Counter> deadLetterCounters;
    private transient Counter ignored;
    private transient Counter decoded;

    LiveDecode(String initialHomes, ValidationPolicy policy, Clock clock) {
        this.initialHomes = initialHomes;
        this.policy = policy;
        this.clock = clock;
    }

    @Override
    public void open(OpenContext openContext) {
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
        String homes = ctx.getBroadcastState(REGISTRY).get(HOMES);
        homes = homes == null ? initialHomes : homes;
        // Identity, not equals: broadcast state is on the heap and hands back the same String.
        if (ingestor == null || homes != homesSeen) {
            ingestor = new MessageIngestor(routes(homes), policy, clock);
            homesSeen = homes;
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
        if (message.kind() != ControlMessage.Kind.HOMES) {
            return;
        }
        try {
            routes(message.text());
        } catch (RuntimeException e) {
            LOG.warn("ingest refused a registry from the control topic, keeping the previous one: {}", e.getMessage());
            return;
        }
        BroadcastState<String, String> state = ctx.getBroadcastState(REGISTRY);
        state.put(HOMES, message.text());
    }

    private static RoutingTable routes(String homesYaml) {
        return RoutingTable.of(new RegistryLoader().parse("homes.yaml", homesYaml));
    }
}
