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
import org.hearth.ingest.broker.EmbeddedBroker;
import org.hearth.ingest.decode.RoutingTable;
import org.hearth.ingest.source.MqttSource;
import org.hearth.ingest.testing.Collect;
import org.hearth.ingest.testing.Homes;
import org.hearth.ingest.testing.Publisher;
import org.hearth.models.event.SensorEvent;
import org.hearth.models.registry.KitRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the broker queued while the job was down is judged on time after the restart, even when it
 * trickles in: the source lets the broker send only 50 unacknowledged messages, and acknowledges
 * them at each checkpoint, so the backlog arrives in batches with silences longer than
 * {@code idleAfter} between them. Without the reader's progress reports, the first silence moves
 * time to the wall clock and the rest of the backlog is late (the second test shows it happens).
 */
class BacklogAfterRestartTest {

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

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
    void shouldJudgeABacklogQueuedWhileTheJobWasDownOnTimeWhenTheSourceReportsProgress() throws Exception {
        Outcome o = restartWithBacklog("backlog", true);
        assertThat(o.late()).as("late events").isEmpty();
        assertThat(o.received()).isEqualTo(o.published());
    }

    @Test
    void withoutProgressReportsTheSameBacklogIsPartlyJudgedLate() throws Exception {
        Outcome o = restartWithBacklog("nobacklog", false);
        assertThat(o.late()).as("the failure the progress reports prevent").isNotEmpty();
        Set<SensorEvent> all = new HashSet<>(o.received());
        all.addAll(o.late());
        assertThat(all).as("late, but kept").isEqualTo(o.published());
    }

    private record Outcome(Set<SensorEvent> published, Set<SensorEvent> received, Set<SensorEvent> late) {}

    private static Outcome restartWithBacklog(String home, boolean progress) throws Exception {
        KitRegistry registry = Homes.nativeHome(home);
        IngestOptions options = IngestOptions.live(Clock.systemUTC()).withOutOfOrderness(Duration.ofSeconds(1))
                .withAllowedLateness(Duration.ofMinutes(1)).withIdleAfter(Duration.ofMillis(200));
        // First run: the readers' persistent sessions exist, then the job goes away.
        JobClient first = start(home, registry, options, progress, "-1");
        try (Publisher pub = new Publisher(broker.uri(), home + "-publisher", 200)) {
            MqttPipelineTest.awaitSubscribed(pub, home, home + "-dead-1");
            first.cancel().get();
            // While it is down: eight minutes' worth of events, all older than the allowed lateness.
            Instant start = Instant.now().minus(Duration.ofMinutes(9));
            Set<SensorEvent> published = new HashSet<>();
            for (int i = 0; i < 600; i++) {
                SensorEvent e = Homes.event(home, start, i * 800);
                published.add(e);
                pub.publish(Homes.topic(e), Homes.payload(e));
            }
            pub.drain();
            JobClient second = start(home, registry, options, progress, "-2");
            try {
                await().atMost(Duration.ofSeconds(90)).until(() ->
                        Collect.size(home + "-events-2") + Collect.size(home + "-late-2") >= published.size());
                return new Outcome(published, new HashSet<>(Collect.<SensorEvent>get(home + "-events-2")),
                        new HashSet<>(Collect.<SensorEvent>get(home + "-late-2")));
            } finally {
                second.cancel().get();
            }
        }
    }

    private static JobClient start(String home, KitRegistry registry, IngestOptions options, boolean progress, String run)
            throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(new Configuration());
        env.setParallelism(1);
        env.enableCheckpointing(500);
        MqttSource.Builder source = MqttSource.builder()
                .serverUri(broker.uri())
                .topicFilters(RoutingTable.of(registry).topicFilters().stream()
                        .map(f -> f.replace("hearth/+/+", "hearth/" + home + "/+")).toList())
                .clientIdPrefix("test-" + home)
                .sessionExpiry(Duration.ofMinutes(5))
                .receiveMaximum(50);
        if (progress) {
            source.reportProgress(Duration.ofMillis(500));
        }
        IngestStreams streams = IngestPipeline.attach(env, source.build(), registry, options);
        streams.events().sinkTo(Collect.into(home + "-events" + run));
        streams.deadLetters().sinkTo(Collect.into(home + "-dead" + run));
        streams.late().sinkTo(Collect.into(home + "-late" + run));
        return env.executeAsync(home + run);
    }
}
