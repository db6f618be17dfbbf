package org.hearth.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.Collector;
import org.hearth.ingest.broker.EmbeddedBroker;
import org.hearth.ingest.deadletter.DeadLetter;
import org.hearth.ingest.deadletter.DeadLetterReason;
import org.hearth.ingest.decode.RoutingTable;
import org.hearth.ingest.source.MqttMessage;
import org.hearth.ingest.source.MqttSource;
import org.hearth.ingest.testing.Collect;
import org.hearth.ingest.testing.Homes;
import org.hearth.ingest.testing.Publisher;
import org.hearth.models.testing.TestClock;
import org.hearth.models.event.SensorEvent;
import org.hearth.models.event.SensorKind;
import org.hearth.models.registry.KitRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Paho publisher → embedded HiveMQ → Flink MiniCluster running MqttSource and IngestPipeline.
 * One broker for the class; each test uses its own home, topics and client ids.
 */
class MqttPipelineTest {

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(4).build());

    @TempDir
    static Path brokerDir;
    static EmbeddedBroker broker;

    @BeforeAll
    static void startBroker() {
        broker = EmbeddedBroker.builder(brokerDir).start();
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @Test
    void shouldDeliverEveryPublishedEventThroughParallelSharedReaders() throws Exception {
        KitRegistry registry = Homes.nativeHome("e2e");
        Instant start = Instant.now().minusSeconds(60);
        StreamExecutionEnvironment env = env(2, 500);
        IngestStreams streams = IngestPipeline.attach(env, source("e2e", registry, Clock.systemUTC()), registry,
                IngestOptions.live(Clock.systemUTC()));
        streams.events().sinkTo(Collect.into("e2e-events"));
        streams.deadLetters().sinkTo(Collect.into("e2e-dead"));
        streams.late().sinkTo(Collect.into("e2e-late"));
        JobClient job = env.executeAsync("e2e");
        try (Publisher pub = new Publisher(broker.uri(), "e2e-publisher", 500)) {
            awaitSubscribed(pub, "e2e", "e2e-dead");
            List<SensorEvent> published = new ArrayList<>();
            long t0 = System.nanoTime();
            for (int i = 0; i < 5_000; i++) {
                SensorEvent e = Homes.event("e2e", start, i);
                published.add(e);
                pub.publish(Homes.topic(e), Homes.payload(e));
            }
            pub.publish("hearth/e2e/pir", "{\"ts\":\"not a time\",\"kind\":\"motion\",\"value\":1}");
            pub.publish("hearth/e2e/pir", "{\"ts\":\"" + start + "\",\"kind\":\"motion\",\"value\":9}");

            await().atMost(Duration.ofSeconds(60)).until(() -> Collect.size("e2e-events") >= published.size());
            double seconds = (System.nanoTime() - t0) / 1e9;
            System.out.printf("e2e: %d events through HiveMQ + Flink (2 shared readers) in %.2f s = %.0f events/s%n",
                    published.size(), seconds, published.size() / seconds);
            await().atMost(Duration.ofSeconds(10)).until(() -> Collect.<DeadLetter>get("e2e-dead").stream()
                    .filter(d -> !d.topic().endsWith("/probe")).count() == 2);

            List<SensorEvent> received = Collect.get("e2e-events");
            assertThat(received).hasSize(published.size());
            assertThat(new HashSet<>(received)).isEqualTo(new HashSet<>(published));
            List<DeadLetter> dead = Collect.<DeadLetter>get("e2e-dead").stream().filter(d -> !d.topic().endsWith("/probe")).toList();
            assertThat(dead).extracting(DeadLetter::reason)
                    .containsExactlyInAnyOrder(DeadLetterReason.WRONG_TYPE, DeadLetterReason.OUT_OF_RANGE);
            assertThat(Collect.get("e2e-late")).isEmpty();
            assertThat(broker.droppedMessages()).isZero();
        } finally {
            job.cancel().get();
        }
    }

    static final AtomicBoolean FAILED = new AtomicBoolean();
    static final AtomicInteger PASSED = new AtomicInteger();

    @Test
    void shouldLoseNothingWhenATaskFailsMidStream() throws Exception {
        KitRegistry registry = Homes.nativeHome("crash");
        Instant start = Instant.now().minusSeconds(60);
        StreamExecutionEnvironment env = env(1, 200);
        FAILED.set(false);
        PASSED.set(0);
        var messages = env.fromSource(source("crash", registry, Clock.systemUTC()),
                        org.apache.flink.api.common.eventtime.WatermarkStrategy.noWatermarks(), "mqtt")
                .map(m -> {
                    // One injected failure, mid-stream, after some checkpoints have completed.
                    if (m.topic().startsWith("hearth/crash/") && PASSED.incrementAndGet() == 1_200 && FAILED.compareAndSet(false, true)) {
                        throw new IllegalStateException("injected failure");
                    }
                    return m;
                }).returns(MqttMessage.class);
        IngestStreams streams = IngestPipeline.attach(messages, registry, IngestOptions.live(Clock.systemUTC()));
        streams.events().sinkTo(Collect.into("crash-events"));
        streams.deadLetters().sinkTo(Collect.into("crash-dead"));
        JobClient job = env.executeAsync("crash");
        try (Publisher pub = new Publisher(broker.uri(), "crash-publisher", 100)) {
            awaitSubscribed(pub, "crash", "crash-dead");
            Set<SensorEvent> published = new HashSet<>();
            for (int i = 0; i < 3_000; i++) {
                SensorEvent e = Homes.event("crash", start, i);
                published.add(e);
                pub.publish(Homes.topic(e), Homes.payload(e));
                if (i % 100 == 0) {
                    Thread.sleep(20); // keep publishing across checkpoints, the failure and the restart
                }
            }
            await().atMost(Duration.ofSeconds(90)).until(() -> new HashSet<>(Collect.<SensorEvent>get("crash-events")).size() >= published.size());

            assertThat(FAILED).as("the failure was injected").isTrue();
            assertThat(new HashSet<>(Collect.<SensorEvent>get("crash-events"))).isEqualTo(published);
            System.out.printf("crash: %d published, %d collected across the failure (%d redelivered duplicates reached the sink)%n",
                    published.size(), Collect.size("crash-events"), Collect.size("crash-events") - published.size());
        } finally {
            job.cancel().get();
        }
    }

    static final AtomicInteger TIMERS_FIRED = new AtomicInteger();

    @Test
    void shouldFireEventTimeTimersDuringSilenceAndRouteLateEventsAsideOnResume() throws Exception {
        KitRegistry registry = Homes.nativeHome("idle");
        Instant t0 = Instant.parse("2026-11-23T08:00:00Z");
        TestClock clock = new TestClock(t0);
        TIMERS_FIRED.set(0);
        StreamExecutionEnvironment env = env(1, 500);
        IngestOptions options = IngestOptions.live(clock).withOutOfOrderness(Duration.ofSeconds(1))
                .withAllowedLateness(Duration.ofMinutes(1)).withIdleAfter(Duration.ofSeconds(5));
        IngestStreams streams = IngestPipeline.attach(env, source("idle", registry, clock), registry, options);
        streams.events().sinkTo(Collect.into("idle-events"));
        streams.deadLetters().sinkTo(Collect.into("idle-dead"));
        streams.late().sinkTo(Collect.into("idle-late"));
        streams.events().keyBy(SensorEvent::homeId).process(new StillnessTimer()).sinkTo(Collect.into("idle-timers"));
        JobClient job = env.executeAsync("idle");
        try (Publisher pub = new Publisher(broker.uri(), "idle-publisher", 10)) {
            awaitSubscribed(pub, "idle", "idle-dead");
            SensorEvent first = SensorEvent.of("idle", "pir", t0, SensorKind.MOTION, 1);
            pub.publish(Homes.topic(first), Homes.payload(first));
            await().atMost(Duration.ofSeconds(10)).until(() -> Collect.size("idle-events") == 1);
            assertThat(TIMERS_FIRED).as("no timer before the silence").hasValue(0);

            // Silence: no events at all, the wall clock moves 10 minutes. The stillness timer
            // (first motion + 5 min) must fire although nothing arrives.
            clock.advance(Duration.ofMinutes(10));
            await().atMost(Duration.ofSeconds(10)).until(() -> TIMERS_FIRED.get() == 1);

            // Resume: an event from before the idle watermark is late; a current one is not.
            SensorEvent late = SensorEvent.of("idle", "pir", t0.plus(Duration.ofMinutes(2)), SensorKind.MOTION, 1);
            SensorEvent current = SensorEvent.of("idle", "pir", t0.plus(Duration.ofMinutes(10)), SensorKind.MOTION, 1);
            pub.publish(Homes.topic(late), Homes.payload(late));
            pub.publish(Homes.topic(current), Homes.payload(current));
            await().atMost(Duration.ofSeconds(10)).until(() -> Collect.size("idle-events") == 2 && Collect.size("idle-late") == 1);

            assertThat(Collect.<SensorEvent>get("idle-late")).containsExactly(late);
            assertThat(Collect.<SensorEvent>get("idle-events")).containsExactly(first, current);
        } finally {
            job.cancel().get();
        }
    }

    /** Fires an event-time timer 5 minutes after the first event of a home (a "still for" rule in miniature). */
    static final class StillnessTimer extends KeyedProcessFunction<String, SensorEvent, String> {
        private transient ValueState<Boolean> armed;

        @Override
        public void open(org.apache.flink.api.common.functions.OpenContext ctx) {
            armed = getRuntimeContext().getState(new ValueStateDescriptor<>("armed", Boolean.class));
        }

        @Override
        public void processElement(SensorEvent e, Context ctx, Collector<String> out) throws Exception {
            if (armed.value() == null) {
                armed.update(true);
                ctx.timerService().registerEventTimeTimer(e.ts().plus(Duration.ofMinutes(5)).toEpochMilli());
            }
        }

        @Override
        public void onTimer(long timestamp, OnTimerContext ctx, Collector<String> out) {
            TIMERS_FIRED.incrementAndGet();
            out.collect(ctx.getCurrentKey() + " still since " + Instant.ofEpochMilli(timestamp));
        }
    }

    private static MqttSource source(String home, KitRegistry registry, Clock clock) {
        return MqttSource.builder()
                .serverUri(broker.uri())
                .topicFilters(RoutingTable.of(registry).topicFilters().stream()
                        .map(f -> f.replace("hearth/+/+", "hearth/" + home + "/+")).toList())
                .clientIdPrefix("test-" + home)
                .sessionExpiry(Duration.ofMinutes(5))
                .clock(clock)
                .build();
    }

    private static StreamExecutionEnvironment env(int parallelism, long checkpointMillis) {
        Configuration conf = new Configuration();
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 3);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(200));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(parallelism);
        env.enableCheckpointing(checkpointMillis);
        return env;
    }

    /**
     * Subscriptions exist only once the readers have connected: until then the broker has no
     * session to queue for. Publish probes (unknown sensor → dead letter) until one comes through.
     */
    static void awaitSubscribed(Publisher pub, String home, String deadLetters) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
            pub.publish("hearth/" + home + "/probe", "{}");
            return Collect.size(deadLetters) > 0;
        });
    }
}
