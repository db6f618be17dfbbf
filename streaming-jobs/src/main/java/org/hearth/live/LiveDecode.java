package org.hearth.live;

import java.time.Clock;
import java.util.EnumMap;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.typeinfo.TypeInformation;
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
import org.hearth.job.ConfigState;
import org.hearth.job.ControlMessage;
import org.hearth.job.DetectionJobConfig;
import org.hearth.models.event.SensorEvent;
import org.hearth.models.registry.KitRegistry;

/**
 * Ingest's decode and validate step (ingest's {@link MessageIngestor}, the same metrics as its
 * own function) with a registry that follows the control topic: a home or sensor added with
 * {@code hearth kit apply} is decoded from its first message, without a restart. The registry is
 * the job's one broadcast configuration ({@link ConfigState}); the routing table is rebuilt once per
 * registry change, not per message. A registry that does not load (or claims a device twice) is
 * refused and the previous one stays.
 */
final class LiveDecode extends BroadcastProcessFunction<MqttMessage, ControlMessage, SensorEvent> {

    private static final long serialVersionUID = 1L;

    static final OutputTag<DeadLetter> DEAD_LETTERS = new OutputTag<>("dead-letters", TypeInformation.of(DeadLetter.class));

    private final DetectionJobConfig initial;
    private final ValidationPolicy policy;
    private final Clock clock;

    private transient ConfigState config;
    private transient KitRegistry registrySeen;
    private transient MessageIngestor ingestor;
    private transient EnumMap<DeadLetterReason, Counter> deadLetterCounters;
    private transient Counter ignored;
    private transient Counter decoded;

    LiveDecode(DetectionJobConfig initial, ValidationPolicy policy, Clock clock) {
        this.initial = initial;
        this.policy = policy;
        this.clock = clock;
    }

    @Override
    public void open(OpenContext openContext) {
        config = new ConfigState(initial);
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
        KitRegistry registry = config.current(ctx.getBroadcastState(ConfigState.DESCRIPTOR)).registry();
        if (ingestor == null || registry != registrySeen) {
            ingestor = new MessageIngestor(RoutingTable.of(registry), policy, clock);
            registrySeen = registry;
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
        config.apply(ctx.getBroadcastState(ConfigState.DESCRIPTOR), message);
    }
}
