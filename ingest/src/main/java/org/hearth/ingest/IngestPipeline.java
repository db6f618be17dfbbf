package org.hearth.ingest;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.hearth.ingest.decode.RoutingTable;
import org.hearth.ingest.source.MqttMessage;
import org.hearth.ingest.time.Deduplicator;
import org.hearth.ingest.time.HearthWatermarks;
import org.hearth.ingest.time.LateEventRouter;
import org.hearth.models.event.SensorEvent;
import org.hearth.models.registry.KitRegistry;

/**
 * Composes ingest for a job: source → decode + validate (bad → dead letters) → event-time
 * watermarks → late events aside → de-duplication. The detection job keys the result by home.
 *
 * <pre>{@code
 * IngestStreams in = IngestPipeline.attach(env,
 *         MqttSource.builder().serverUri(uri).topicFilters(RoutingTable.of(registry).topicFilters())
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
        SingleOutputStreamOperator<SensorEvent> decoded = messages
                .process(new DecodeFunction(RoutingTable.of(registry), options.validation(), options.clock()),
                        TypeInformation.of(SensorEvent.class))
                .name("decode-validate").uid("decode-validate");
        DataStream<org.hearth.ingest.deadletter.DeadLetter> deadLetters = decoded.getSideOutput(DecodeFunction.DEAD_LETTERS);
        TimedEvents timed = timeAndDedupe(decoded, options);
        return new IngestStreams(timed.events(), deadLetters, timed.late());
    }

    /**
     * Watermarks, late routing and de-duplication for a stream of already decoded events (the
     * replay of {@code *.jsonl} files).
     */
    public static TimedEvents timeAndDedupe(DataStream<SensorEvent> events, IngestOptions options) {
        WatermarkStrategy<SensorEvent> watermarks = options.live()
                ? HearthWatermarks.live(options.outOfOrderness(), options.allowedLateness(), options.idleAfter(), options.clock())
                : HearthWatermarks.replay(options.outOfOrderness());
        SingleOutputStreamOperator<SensorEvent> onTime = events
                .assignTimestampsAndWatermarks(watermarks).name("event-time").uid("event-time")
                .process(new LateEventRouter(), TypeInformation.of(SensorEvent.class)).name("late-events").uid("late-events");
        DataStream<SensorEvent> late = onTime.getSideOutput(LateEventRouter.LATE);
        DataStream<SensorEvent> deduped = onTime
                .keyBy(SensorEvent::dedupeKey)
                .process(new Deduplicator(options.dedupeTtl()), TypeInformation.of(SensorEvent.class))
                .name("dedupe").uid("dedupe");
        return new TimedEvents(deduped, late);
    }
}
