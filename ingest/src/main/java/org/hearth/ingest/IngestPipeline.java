package org.hearth.ingest;

import java.util.List;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.hearth.ingest.control.ConfigState;
import org.hearth.ingest.control.ConfigTexts;
import org.hearth.ingest.control.ControlMessage;
import org.hearth.ingest.deadletter.DeadLetter;
import org.hearth.ingest.decode.RoutingTables;
import org.hearth.ingest.source.MqttMessage;
import org.hearth.ingest.time.Deduplicator;
import org.hearth.ingest.time.HearthWatermarks;
import org.hearth.ingest.time.LateEventRouter;
import org.hearth.ingest.time.SensorDeduplicator;
import org.hearth.models.event.SensorEvent;
import org.hearth.models.registry.KitRegistry;

/**
 * Composes ingest for a job: source → decode + validate (bad → dead letters; the registry fixed, or
 * followed on the control stream) → event-time watermarks → late events aside → de-duplication. The
 * detection job keys the result by home.
 *
 * <pre>{@code
 * IngestStreams in = IngestPipeline.attach(env,
 *         MqttSource.builder().serverUri(uri).topicFilters(RoutingTables.of(registry).topicFilters())
 *                 .clientIdPrefix("hearth-live").clock(clock).build(),
 *         registry, IngestOptions.live(clock));
 * in.deadLetters().sinkTo(new DeadLetterFileSink(dir));
 * }</pre>
 */
public final class IngestPipeline {

    private IngestPipeline() {}

    /** Adds {@code source} to {@code env} and everything after it. */
    public static IngestStreams attach(StreamExecutionEnvironment env, Source<MqttMessage, ?, ?> source,
                                       KitRegistry registry, IngestOptions options) {
        DataStream<MqttMessage> messages = env.fromSource(source, WatermarkStrategy.noWatermarks(), "mqtt-source",
                TypeInformation.of(MqttMessage.class)).uid("mqtt-source");
        return attach(messages, registry, options);
    }

    /** Everything after the source, for any stream of raw messages (captured traffic, tests). */
    public static IngestStreams attach(DataStream<MqttMessage> messages, KitRegistry registry, IngestOptions options) {
        return decodeAndTime(messages, noControl(messages.getExecutionEnvironment()),
                DecodeFunction.fixed(RoutingTables.of(registry), options.validation(), options.clock()), options);
    }

    /**
     * Adds {@code source} to {@code env} and everything after it, decoding with the registry as the
     * control stream has it now ({@code initial} until the first change): a home added with
     * {@code hearth kit apply} is decoded from its first message.
     */
    public static IngestStreams attach(StreamExecutionEnvironment env, Source<MqttMessage, ?, ?> source,
                                       ConfigTexts initial, DataStream<ControlMessage> control, IngestOptions options) {
        DataStream<MqttMessage> messages = env.fromSource(source, WatermarkStrategy.noWatermarks(), "mqtt-source",
                TypeInformation.of(MqttMessage.class)).uid("mqtt-source");
        return decodeAndTime(messages, control,
                DecodeFunction.following(initial, options.validation(), options.clock()), options);
    }

    private static IngestStreams decodeAndTime(DataStream<MqttMessage> messages, DataStream<ControlMessage> control,
                                               DecodeFunction decode, IngestOptions options) {
        SingleOutputStreamOperator<SensorEvent> decoded = messages
                .connect(control.broadcast(ConfigState.DESCRIPTOR))
                .process(decode, TypeInformation.of(SensorEvent.class))
                .name("decode-validate").uid("decode-validate");
        DataStream<DeadLetter> deadLetters = decoded.getSideOutput(DecodeFunction.DEAD_LETTERS);
        TimedEvents timed = timeAndDedupe(decoded, options);
        return new IngestStreams(timed.events(), deadLetters, timed.late());
    }

    /** A control stream that never carries a change, for a decoder with a fixed registry. */
    private static DataStream<ControlMessage> noControl(StreamExecutionEnvironment env) {
        return env.fromData(List.of(ControlMessage.thresholds("")), TypeInformation.of(ControlMessage.class))
                .filter(m -> false).returns(TypeInformation.of(ControlMessage.class)).name("no-control");
    }

    /**
     * Watermarks, late routing and de-duplication for a stream of already decoded events.
     * Live options: watermarks that move with the wall clock while homes are silent, and
     * {@link SensorDeduplicator} (a memory per sensor that survives a restart); replay:
     * {@link Deduplicator#replay()}.
     */
    public static TimedEvents timeAndDedupe(DataStream<SensorEvent> events, IngestOptions options) {
        WatermarkStrategy<SensorEvent> watermarks = options.live()
                ? HearthWatermarks.live(options.outOfOrderness(), options.allowedLateness(), options.idleAfter(), options.clock())
                : HearthWatermarks.replay(options.outOfOrderness());
        DataStream<SensorEvent> timed = events.assignTimestampsAndWatermarks(watermarks).name("event-time").uid("event-time");
        if (!options.live()) {
            return onTime(timed, Deduplicator.replay());
        }
        SingleOutputStreamOperator<SensorEvent> onTime = routeLate(timed);
        SingleOutputStreamOperator<SensorEvent> deduped = onTime
                .keyBy(SensorDeduplicator::key)
                .process(new SensorDeduplicator(options.dedupeWindow(), options.dedupeTtl()), TypeInformation.of(SensorEvent.class))
                // a new uid: the memory is keyed by sensor, not by event; RetiredOperators lets the old "dedupe" go
                .name("dedupe").uid("dedupe-by-sensor");
        return new TimedEvents(deduped, onTime.getSideOutput(LateEventRouter.LATE));
    }

    /**
     * Late events aside, then redeliveries dropped: the one place either is judged, for every job
     * (the detector takes what comes out as on time and unique). For a stream that already carries
     * its watermarks: the live ones above, or {@code hearth replay}'s, which its file source emits
     * from the records themselves.
     *
     * @param dedupe {@link Deduplicator#replay}
     */
    public static TimedEvents onTime(DataStream<SensorEvent> timed, Deduplicator dedupe) {
        SingleOutputStreamOperator<SensorEvent> onTime = routeLate(timed);
        DataStream<SensorEvent> late = onTime.getSideOutput(LateEventRouter.LATE);
        DataStream<SensorEvent> deduped = onTime
                .keyBy(SensorEvent::dedupeKey)
                .process(dedupe, TypeInformation.of(SensorEvent.class))
                .name("dedupe").uid("dedupe-replay"); // never restored; "dedupe" was the live memory before issue 18
        return new TimedEvents(deduped, late);
    }

    private static SingleOutputStreamOperator<SensorEvent> routeLate(DataStream<SensorEvent> timed) {
        return timed
                .process(new LateEventRouter(), TypeInformation.of(SensorEvent.class)).name("late-events").uid("late-events")
                // chained to the watermarks it judges by: replay's one reader keeps its file order into the de-duplicator
                .setParallelism(timed.getParallelism());
    }
}
