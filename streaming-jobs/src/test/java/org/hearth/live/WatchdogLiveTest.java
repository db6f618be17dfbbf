package org.hearth.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.eclipse.paho.mqttv5.client.IMqttMessageListener;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.hearth.alerts.route.EscalationPolicy;
import org.hearth.alerts.watchdog.JobHealth;
import org.hearth.alerts.watchdog.JobHeartbeat;
import org.hearth.alerts.watchdog.WatchdogService;
import org.hearth.alerts.watchdog.WatchdogSettings;
import org.hearth.heartbeat.Watchdogs;
import org.hearth.ingest.IngestOptions;
import org.hearth.job.DetectionJobConfig;
import org.hearth.models.json.HearthJson;
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
    static final MiniClusterExtension FLINK = LiveJobHarness.miniCluster();

    @TempDir
    Path dir;

    private LiveJobHarness live;

    @AfterEach
    void stop() throws Exception {
        if (live != null) {
            live.close();
        }
    }

    private static void awaitRetainedHeartbeat(LiveJobHarness live) throws Exception {
        List<JobHeartbeat> beats = new CopyOnWriteArrayList<>();
        try (LiveJobHarness.Hub probe = live.hub("probe")) {
            probe.client().subscribe(new MqttSubscription[] {new MqttSubscription(JobHeartbeat.TOPIC, 1)},
                    new IMqttMessageListener[] {(t, msg) -> beats.add(HearthJson.json().readValue(msg.getPayload(), JobHeartbeat.class))});
            await().atMost(Duration.ofSeconds(60)).until(() -> beats.stream().anyMatch(b -> b.lastCheckpointAt() != null));
        }
    }

    @Test
    void shouldTextTheDutyLineJobSilentOnceTheJobStopsAndNotBefore() throws Exception {
        live = LiveJobHarness.withEmbeddedBroker(dir);
        Clock clock = live.clock();
        StreamExecutionEnvironment env = live.environment(300);
        IngestOptions ingest = IngestOptions.live(clock).withOutOfOrderness(Duration.ofMillis(200))
                .withAllowedLateness(Duration.ofMillis(500)).withIdleAfter(Duration.ofMillis(300));
        new LiveJob(live.settings(new DetectionJobConfig(HOMES, null, EscalationPolicy.defaults()), ingest))
                .withHeartbeat(live.brokerUri(), Duration.ofMillis(300), Duration.ofMillis(300), clock)
                .attach(env, live.sensors(HOMES, "watchdog-test"), null);
        live.start(env, "watchdog-test");

        WatchdogSettings settings = new WatchdogSettings(Duration.ofMillis(300), Duration.ofSeconds(3), Duration.ofMinutes(1),
                Duration.ofMinutes(1), 3, Duration.ofMillis(200));
        Path outbox = live.data().resolve("watchdog/outbox/sms.jsonl");
        // A job starting on a loaded machine can take longer than silentAfter: watch once it has spoken.
        awaitRetainedHeartbeat(live);
        try (WatchdogService watchdog = Watchdogs.start(live.brokerUri(), "watchdog-test", settings,
                "dutyLine: \"+447700900000\"\n", live.data(), clock, null)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> watchdog.watchdog().health() != null);
            Thread.sleep(1_000);
            assertThat(watchdog.watchdog().health().healthy()).as("%s", watchdog.watchdog().health()).isTrue();
            assertThat(outbox).doesNotExist();

            live.stopJob();
            await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(outbox) && !Files.readAllLines(outbox).isEmpty());
            JobHealth health = watchdog.watchdog().health();
            assertThat(health.state()).isEqualTo(JobHealth.State.SILENT);
            List<String> texts = Files.readAllLines(outbox);
            assertThat(texts).hasSize(1);
            assertThat(texts.get(0)).contains("hearth/duty-line").contains("+447700900000").contains("monitoring job silent");
        }
    }
}
