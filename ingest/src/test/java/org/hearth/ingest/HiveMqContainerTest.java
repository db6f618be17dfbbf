package org.hearth.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.hearth.ingest.decode.RoutingTable;
import org.hearth.ingest.source.MqttSource;
import org.hearth.ingest.testing.Collect;
import org.hearth.ingest.testing.Homes;
import org.hearth.ingest.testing.Publisher;
import org.hearth.models.event.SensorEvent;
import org.hearth.models.registry.KitRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testcontainers.hivemq.HiveMQContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.utility.DockerImageName;

/**
 * The end-to-end path against the HiveMQ CE Docker image, where Docker exists (skipped otherwise;
 * {@link MqttPipelineTest} covers the same path with the embedded broker everywhere).
 */
@Testcontainers(disabledWithoutDocker = true)
class HiveMqContainerTest {

    @Container
    static final HiveMQContainer HIVEMQ = new HiveMQContainer(DockerImageName.parse("hivemq/hivemq-ce").withTag("2025.5"));

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    @Test
    void shouldDeliverEveryPublishedEventThroughTheHiveMqContainer() throws Exception {
        String uri = "tcp://" + HIVEMQ.getHost() + ":" + HIVEMQ.getMqttPort();
        KitRegistry registry = Homes.nativeHome("container");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        env.enableCheckpointing(500);
        IngestStreams streams = IngestPipeline.attach(env, MqttSource.builder().serverUri(uri)
                        .topicFilters(RoutingTable.of(registry).topicFilters()).clientIdPrefix("container").build(),
                registry, IngestOptions.live(Clock.systemUTC()));
        streams.events().sinkTo(Collect.into("container-events"));
        streams.deadLetters().sinkTo(Collect.into("container-dead"));
        JobClient job = env.executeAsync("container");
        try (Publisher pub = new Publisher(uri, "container-publisher", 100)) {
            MqttPipelineTest.awaitSubscribed(pub, "container", "container-dead");
            Set<SensorEvent> published = new HashSet<>();
            Instant start = Instant.now().minusSeconds(60);
            for (int i = 0; i < 1_000; i++) {
                SensorEvent e = Homes.event("container", start, i);
                published.add(e);
                pub.publish(Homes.topic(e), Homes.payload(e));
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> Collect.size("container-events") >= published.size());
            assertThat(new HashSet<>(Collect.<SensorEvent>get("container-events"))).isEqualTo(published);
        } finally {
            job.cancel().get();
        }
    }
}
