package org.hearth.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.hearth.ingest.decode.RoutingTable;
import org.hearth.ingest.source.MqttSource;
import org.hearth.ingest.testing.Collect;
import org.hearth.ingest.testing.Homes;
import org.hearth.ingest.testing.Mosquitto;
import org.hearth.ingest.testing.Publisher;
import org.hearth.models.event.SensorEvent;
import org.hearth.models.registry.KitRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scale without loss: a job with two readers in a shared subscription stops; while it is down the
 * broker queues what arrives for both readers' sessions; it comes back with one reader. The one
 * reader drains and ends the session of the reader that no longer exists, so every message is
 * processed and no session is left behind to collect half of all new messages until it expires.
 */
class RescaleDrainTest {

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(4).build());

    @TempDir
    Path dir;

    @Test
    void shouldReadTheQueueOfAReaderThatNoLongerExistsAndEndItsSession() throws Exception {
        try (Mosquitto broker = Mosquitto.start(dir)) {
            String home = "rescale";
            KitRegistry registry = Homes.nativeHome(home);
            JobClient two = start(broker.uri(), registry, 2, "-2");
            try (Publisher pub = new Publisher(broker.uri(), home + "-publisher", 200)) {
                MqttPipelineTest.awaitSubscribed(pub, home, home + "-dead-2");
                // Both readers are subscribed once each has taken a probe (the broker alternates between them).
                Thread.sleep(2_000);
                two.cancel().get();

                Instant start = Instant.now().minusSeconds(60);
                Set<SensorEvent> published = new HashSet<>();
                for (int i = 0; i < 400; i++) {
                    SensorEvent e = Homes.event(home, start, i);
                    published.add(e);
                    pub.publish(Homes.topic(e), Homes.payload(e));
                }
                pub.drain();

                JobClient one = start(broker.uri(), registry, 1, "-1");
                try {
                    await().atMost(Duration.ofSeconds(60)).until(() -> new HashSet<>(Collect.<SensorEvent>get(home + "-events-1"))
                            .containsAll(published));
                    assertThat(new HashSet<>(Collect.<SensorEvent>get(home + "-events-1"))).isEqualTo(published);
                    // The orphan session ends once drained and acknowledged (at a checkpoint after a quiet moment).
                    Thread.sleep(6_000);
                } finally {
                    one.cancel().get();
                }
                // Probed only once the job is gone: a probe under that client id would take the session over.
                assertThat(sessionPresent(broker.uri(), "test-" + home + "-1")).as("the orphan session was ended").isFalse();
            }
        }
    }

    /** Whether the broker holds a session for {@code clientId} (the probe leaves none behind). */
    private static boolean sessionPresent(String uri, String clientId) throws Exception {
        MqttAsyncClient c = new MqttAsyncClient(uri, clientId, new MemoryPersistence());
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setCleanStart(false);
        o.setSessionExpiryInterval(0L);
        IMqttToken t = c.connect(o);
        t.waitForCompletion(5_000);
        boolean present = t.getSessionPresent();
        c.disconnect().waitForCompletion(5_000);
        c.close();
        return present;
    }

    private static JobClient start(String uri, KitRegistry registry, int parallelism, String run) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(new Configuration());
        env.setParallelism(parallelism);
        env.enableCheckpointing(300);
        MqttSource source = MqttSource.builder()
                .serverUri(uri)
                .topicFilters(RoutingTable.of(registry).topicFilters().stream()
                        .map(f -> f.replace("hearth/+/+", "hearth/rescale/+")).toList())
                .clientIdPrefix("test-rescale")
                .sharedGroup("rescale")
                .sessionExpiry(Duration.ofMinutes(5))
                .build();
        IngestStreams streams = IngestPipeline.attach(env, source, registry, IngestOptions.live(Clock.systemUTC()));
        streams.events().sinkTo(Collect.into("rescale-events" + run));
        streams.deadLetters().sinkTo(Collect.into("rescale-dead" + run));
        return env.executeAsync("rescale" + run);
    }
}
