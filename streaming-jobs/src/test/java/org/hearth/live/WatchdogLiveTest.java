package org.hearth.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.eclipse.paho.mqttv5.client.IMqttMessageListener;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.hearth.alerts.delivery.DeliveryServiceFactory;
import org.hearth.alerts.route.EscalationPolicy;
import org.hearth.alerts.watchdog.JobHeartbeat;
import org.hearth.models.json.HearthJson;
import org.hearth.alerts.watchdog.JobHealth;
import org.hearth.alerts.watchdog.WatchdogService;
import org.hearth.alerts.watchdog.WatchdogSettings;
import org.hearth.heartbeat.Watchdogs;
import org.hearth.ingest.IngestOptions;
import org.hearth.ingest.testing.TestBroker;
import org.hearth.ingest.decode.RoutingTable;
import org.hearth.ingest.source.MqttSource;
import org.hearth.job.DetectionJobConfig;
import org.hearth.models.registry.RegistryLoader;
import org.hearth.models.testing.TestHomes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The watchdog does not depend on the job: a running job's heartbeat keeps it quiet; once the job
 * is gone (cancelled here, as a crash would leave it), the duty line is texted {@code job-silent}
 * through the watchdog's own delivery.
 */
class WatchdogLiveTest {

    private static final String HOMES = TestHomes.KITCHEN_PIR_HOME_YAML;

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    @TempDir
    Path dir;

    /** Started before each test, stopped after its job is cancelled (below). */
    @RegisterExtension
    final TestBroker broker = TestBroker.embedded();
    private JobClient job;

    @AfterEach
    void stop() throws Exception {
        if (job != null) {
            job.cancel().get();
        }
    }

    private static void awaitRetainedHeartbeat(String url) throws Exception {
        List<JobHeartbeat> beats = new CopyOnWriteArrayList<>();
        MqttClient probe = new MqttClient(url, "probe", new MemoryPersistence());
        probe.connect(new MqttConnectionOptions());
        try {
            probe.subscribe(new MqttSubscription[] {new MqttSubscription(JobHeartbeat.TOPIC, 1)},
                    new IMqttMessageListener[] {(t, msg) -> beats.add(HearthJson.json().readValue(msg.getPayload(), JobHeartbeat.class))});
            await().atMost(Duration.ofSeconds(60)).until(() -> beats.stream().anyMatch(b -> b.lastCheckpointAt() != null));
        } finally {
            probe.disconnect();
            probe.close();
        }
    }

    @Test
    void shouldTextTheDutyLineJobSilentOnceTheJobStopsAndNotBefore() throws Exception {
        Clock clock = Clock.systemUTC();
        Path data = dir.resolve("data");
        var registry = new RegistryLoader().parse("homes.yaml", HOMES);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        env.enableCheckpointing(300);
        MqttSource sensors = MqttSource.builder().serverUri(broker.uri())
                .topicFilters(RoutingTable.of(registry).topicFilters()).clientIdPrefix("watchdog-test").clock(clock).build();
        IngestOptions ingest = IngestOptions.live(clock).withOutOfOrderness(Duration.ofMillis(200))
                .withAllowedLateness(Duration.ofMillis(500)).withIdleAfter(Duration.ofMillis(300));
        new LiveJob(new LiveJob.Settings(new DetectionJobConfig(HOMES, null, EscalationPolicy.defaults()), data, ingest,
                DeliveryServiceFactory.outbox(data.resolve("outbox/sms.jsonl"), data, clock), false, null))
                .withHeartbeat(broker.uri(), Duration.ofMillis(300), Duration.ofMillis(300), clock)
                .attach(env, sensors, null);
        job = env.executeAsync("watchdog-test");

        WatchdogSettings settings = new WatchdogSettings(Duration.ofMillis(300), Duration.ofSeconds(3), Duration.ofMinutes(1),
                Duration.ofMinutes(1), 3, Duration.ofMillis(200));
        Path outbox = data.resolve("watchdog/outbox/sms.jsonl");
        // A job starting on a loaded machine can take longer than silentAfter: watch once it has spoken.
        awaitRetainedHeartbeat(broker.uri());
        try (WatchdogService watchdog = Watchdogs.start(broker.uri(), "watchdog-test", settings,
                "dutyLine: \"+447700900000\"\n", data, clock, null)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> watchdog.watchdog().health() != null);
            Thread.sleep(1_000);
            assertThat(watchdog.watchdog().health().healthy()).as("%s", watchdog.watchdog().health()).isTrue();
            assertThat(outbox).doesNotExist();

            job.cancel().get();
            job = null;
            await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(outbox) && !Files.readAllLines(outbox).isEmpty());
            JobHealth health = watchdog.watchdog().health();
            assertThat(health.state()).isEqualTo(JobHealth.State.SILENT);
            List<String> texts = Files.readAllLines(outbox);
            assertThat(texts).hasSize(1);
            assertThat(texts.get(0)).contains("hearth/duty-line").contains("+447700900000").contains("monitoring job silent");
        }
    }
}
