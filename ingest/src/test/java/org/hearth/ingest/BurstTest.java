package org.hearth.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.hearth.ingest.broker.BrokerDrops;
import org.hearth.ingest.broker.EmbeddedBroker;
import org.hearth.ingest.broker.MessageCallback;
import org.hearth.ingest.broker.MosquittoDropMonitor;
import org.hearth.ingest.source.MqttSource;
import org.hearth.ingest.testing.Collect;
import org.hearth.ingest.testing.Mosquitto;
import org.hearth.ingest.testing.Publisher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A burst far beyond the brokers' default limits (Mosquitto: 20 in flight, 1000 queued; HiveMQ:
 * 1000 queued, 50 in flight) published as fast as Paho can, while checkpoints — and so PUBACKs —
 * are 5 s apart: every message must arrive and the broker must report no drop. A bare Paho
 * subscriber (auto-ack) on the same broker takes the same burst at the same time; both rates are
 * measured the same way (publish start to last arrival) and printed as a ratio, never asserted.
 */
class BurstTest {

    /**
     * 100,000 through Mosquitto. Through embedded HiveMQ 30,000 by default (30x its default queue,
     * 600x its in-flight cap): it takes publishes at ~900/s on a busy 2-core machine, so 100,000
     * would take two minutes; run {@code -Dhearth.burst.hivemq=100000} for the full burst.
     */
    static final int MOSQUITTO_MESSAGES = Integer.getInteger("hearth.burst.mosquitto", 100_000);
    static final int HIVEMQ_MESSAGES = Integer.getInteger("hearth.burst.hivemq", 30_000);

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    @Test
    void shouldDeliverEveryMessageOfABurstThroughEmbeddedHiveMq(@TempDir Path dir) throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.builder(dir).start()) {
            burst("hivemq", broker.uri(), broker, HIVEMQ_MESSAGES);
            assertThat(broker.droppedMessages()).as("HiveMQ dropped messages").isZero();
        }
    }

    @Test
    void shouldDeliverEveryMessageOfABurstThroughMosquittoWithTheShippedConfig(@TempDir Path dir) throws Exception {
        Mosquitto.assumeInstalled();
        try (Mosquitto mosquitto = Mosquitto.start(dir);
             MosquittoDropMonitor drops = MosquittoDropMonitor.connect(mosquitto.uri(), "burst-drops")) {
            burst("mosquitto", mosquitto.uri(), drops, MOSQUITTO_MESSAGES);
            await().atMost(Duration.ofSeconds(5)).until(() -> drops.droppedMessages() >= 0);
            assertThat(drops.droppedMessages()).as("Mosquitto $SYS dropped counter").isZero();
        }
    }

    private void burst(String label, String uri, BrokerDrops drops, int MESSAGES) throws Exception {
        String sink = "burst-" + label;
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        env.enableCheckpointing(5_000);
        env.fromSource(MqttSource.builder().serverUri(uri).topicFilters("burst/" + label + "/#")
                                .clientIdPrefix("burst-" + label).sessionExpiry(Duration.ofMinutes(5)).clock(Clock.systemUTC()).build(),
                        WatermarkStrategy.noWatermarks(), "mqtt")
                .map(m -> seq(m.payload())).returns(Integer.class)
                .sinkTo(Collect.into(sink));
        JobClient job = env.executeAsync("burst-" + label);
        BareSubscriber bare = new BareSubscriber(uri, "burst/" + label + "/#");
        try (Publisher pub = new Publisher(uri, "burst-publisher-" + label, 1_000)) {
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
                pub.publish("burst/" + label + "/probe", "{\"s\":-1}");
                return Collect.size(sink) > 0;
            });
            pub.drain();
            Thread.sleep(500);
            bare.reset();
            int before = Collect.size(sink);
            long t0 = System.nanoTime();
            for (int i = 0; i < MESSAGES; i++) {
                pub.publish("burst/" + label + "/x", "{\"s\":" + i + "}");
            }
            pub.drain();
            double publishSeconds = (System.nanoTime() - t0) / 1e9;
            await().atMost(Duration.ofSeconds(150)).until(() -> distinct(Collect.<Integer>get(sink)) >= MESSAGES);
            double flinkSeconds = (System.nanoTime() - t0) / 1e9;
            await().atMost(Duration.ofSeconds(60)).until(() -> bare.distinct() >= MESSAGES);
            double bareSeconds = (bare.lastArrival.get() - t0) / 1e9;

            Set<Integer> got = new HashSet<>(Collect.<Integer>get(sink));
            java.util.List<Integer> missing = new java.util.ArrayList<>();
            for (int i = 0; i < MESSAGES; i++) {
                if (!got.contains(i)) {
                    missing.add(i);
                }
            }
            assertThat(missing).as("messages that never arrived").isEmpty();
            System.out.printf("burst %s: %d messages published in %.1f s; MqttSource+Flink (acks every 5 s checkpoint) "
                            + "%.0f msg/s (%d received incl. %d redelivered), bare Paho subscriber %.0f msg/s, ratio %.2f; broker drops %d%n",
                    label, MESSAGES, publishSeconds, MESSAGES / flinkSeconds, Collect.size(sink) - before,
                    Collect.size(sink) - before - MESSAGES, MESSAGES / bareSeconds, bareSeconds / flinkSeconds, drops.droppedMessages());
        } finally {
            job.cancel().get();
            bare.close();
        }
    }

    private static int distinct(Collection<Integer> seqs) {
        return (int) seqs.stream().filter(s -> s >= 0).distinct().count();
    }

    static int seq(byte[] payload) {
        String s = new String(payload, StandardCharsets.UTF_8);
        return Integer.parseInt(s.substring(s.indexOf(':') + 1, s.indexOf('}')));
    }

    /** The baseline: a plain Paho MQTT 5 subscriber at QoS 1 with automatic acknowledgements. */
    static final class BareSubscriber implements MessageCallback {
        final MqttAsyncClient client;
        final Set<Integer> seen = ConcurrentHashMap.newKeySet();
        final AtomicLong lastArrival = new AtomicLong();

        BareSubscriber(String uri, String filter) throws MqttException {
            client = new MqttAsyncClient(uri, "bare-" + filter.hashCode(), new MemoryPersistence());
            client.setCallback(this);
            MqttConnectionOptions o = new MqttConnectionOptions();
            o.setCleanStart(true);
            client.connect(o).waitForCompletion(10_000);
            client.subscribe(filter, 1).waitForCompletion(10_000);
        }

        void reset() {
            seen.clear();
        }

        int distinct() {
            return (int) seen.stream().filter(s -> s >= 0).count();
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            seen.add(seq(message.getPayload()));
            lastArrival.set(System.nanoTime());
        }

        void close() throws MqttException {
            client.disconnectForcibly(0, 1_000, false);
            client.close(true);
        }
    }
}
