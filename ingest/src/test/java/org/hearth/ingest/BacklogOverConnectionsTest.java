package org.hearth.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
import org.hearth.ingest.decode.RoutingTable;
import org.hearth.ingest.source.MqttSource;
import org.hearth.ingest.testing.Collect;
import org.hearth.ingest.testing.Homes;
import org.hearth.ingest.testing.Publisher;
import org.hearth.ingest.testing.TestBroker;
import org.hearth.models.event.SensorEvent;
import org.hearth.models.registry.KitRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A backlog queued while the job was down, read back over two connections of one reader (issue 18): each session holds
 * about half of it (the shared subscription dealt the messages in turn), both are read at once into the reader's one
 * buffer, and the reader has one watermark. If one session's half ran more than the out-of-orderness ahead of the
 * other's, the other's would be judged late. Hearth's live settings (30 s out-of-orderness), Mosquitto as shipped.
 *
 * <p>The sessions' backlogs arrive interleaved, not abreast: what one connection delivers ahead of another is a lead in
 * messages (Mosquitto writes one session's socket, then the next; both Paho threads feed the one bounded buffer), and
 * the lead in event time is that over the backlog's density. At this density (100 readings a second; a fleet large
 * enough for several connections sends thousands) none was late in 5 runs (3 with this reader, 2 with the lanes below).
 * <b>Known limit</b>: a backlog as sparse as
 * one home's (6,000 readings 200 ms apart) was judged late in part, 785-1,000+ of 6,000 in 4 of 6 runs (one run with
 * one queue, five with a lane per connection taken in turn, tried and not kept: it did not remove it).
 */
class BacklogOverConnectionsTest {

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    @RegisterExtension
    final TestBroker broker = TestBroker.mosquitto();

    @Test
    void aBacklogReadOverTwoConnectionsIsJudgedOnTime() throws Exception {
        String home = "twoconn";
        KitRegistry registry = Homes.nativeHome(home);
        IngestOptions options = IngestOptions.live(Clock.systemUTC()).withIdleAfter(Duration.ofMillis(500));
        JobClient first = start(home, registry, options, "-1");
        try (Publisher pub = new Publisher(broker.uri(), home + "-publisher", 200)) {
            MqttPipelineTest.awaitSubscribed(pub, home, home + "-dead-1");
            // Both connections hold the shared subscription once each has taken a probe (the broker deals in turn).
            Thread.sleep(2_000);
            first.cancel().get();
            // While it is down: a minute of readings 10 ms apart (a fleet's backlog is denser still: 8,667 a second at
            // 300,000 homes), from 21 minutes ago.
            Instant start = Instant.now().minus(Duration.ofMinutes(21));
            Set<SensorEvent> published = new HashSet<>();
            for (int i = 0; i < 6_000; i++) {
                SensorEvent e = Homes.event(home, start, i * 10);
                published.add(e);
                pub.publish(Homes.topic(e), Homes.payload(e));
            }
            pub.drain();
            JobClient second = start(home, registry, options, "-2");
            try {
                await().atMost(Duration.ofSeconds(120)).until(() ->
                        Collect.size(home + "-events-2") + Collect.size(home + "-late-2") >= published.size());
                Set<SensorEvent> late = new HashSet<>(Collect.<SensorEvent>get(home + "-late-2"));
                assertThat(late).as("late events of %d", published.size()).isEmpty();
                assertThat(new HashSet<>(Collect.<SensorEvent>get(home + "-events-2"))).isEqualTo(published);
            } finally {
                second.cancel().get();
            }
        }
    }

    private JobClient start(String home, KitRegistry registry, IngestOptions options, String run) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(new Configuration());
        env.setParallelism(1);
        env.enableCheckpointing(500);
        MqttSource source = MqttSource.builder()
                .serverUri(broker.uri())
                .topicFilters(RoutingTable.of(registry).topicFilters().stream()
                        .map(f -> f.replace("hearth/+/+", "hearth/" + home + "/+")).toList())
                .clientIdPrefix("test-" + home)
                .sharedGroup(home)
                .sessionExpiry(Duration.ofMinutes(5))
                .receiveMaximum(50)
                .connectionsPerReader(2)
                .reportProgress(Duration.ofMillis(500))
                .build();
        IngestStreams streams = IngestPipeline.attach(env, source, registry, options);
        streams.events().sinkTo(Collect.into(home + "-events" + run));
        streams.deadLetters().sinkTo(Collect.into(home + "-dead" + run));
        streams.late().sinkTo(Collect.into(home + "-late" + run));
        return env.executeAsync(home + run);
    }
}
