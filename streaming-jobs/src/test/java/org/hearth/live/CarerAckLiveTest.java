package org.hearth.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.eclipse.paho.mqttv5.client.IMqttMessageListener;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.hearth.alerts.ack.Acknowledgement;
import org.hearth.alerts.ack.MqttAckPublisher;
import org.hearth.alerts.route.EscalationPolicy;
import org.hearth.alerts.route.SeverityPolicy;
import org.hearth.alerts.watchdog.JobHeartbeat;
import org.hearth.ingest.IngestOptions;
import org.hearth.job.DetectionJobConfig;
import org.hearth.models.alert.Severity;
import org.hearth.models.json.HearthJson;
import org.hearth.models.testing.TestHomes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A carer's reply, end to end through a real broker: the help button texts the first carer; the
 * callback side's {@link MqttAckPublisher} publishes "OK code" on {@code hearth/ack/h1}; the running
 * job takes it, tells the carer it was taken, and never escalates to the second carer. The same job
 * publishes its heartbeat for the watchdog.
 */
class CarerAckLiveTest {

    private static final String HOMES = TestHomes.HELP_BUTTON_HOME_YAML;
    /** Urgent alerts escalate after 6 s instead of 10 min, so that "never escalated" is seen in seconds. */
    private static final Duration ESCALATE_AFTER = Duration.ofSeconds(6);
    private static final Pattern CODE = Pattern.compile("Reply OK (\\d{4})");

    @RegisterExtension
    static final MiniClusterExtension FLINK = LiveJobHarness.miniCluster();

    @TempDir
    Path dir;

    private LiveJobHarness live;

    @BeforeEach
    void startBroker() {
        live = LiveJobHarness.withEmbeddedBroker(dir);
    }

    @AfterEach
    void stop() throws Exception {
        live.close();
    }

    @Test
    void shouldStopEscalatingWhenACarerAcknowledgesOnTheAckTopicAndPublishAHeartbeat() throws Exception {
        EscalationPolicy fast = new EscalationPolicy(Map.of(
                Severity.URGENT, new SeverityPolicy(ESCALATE_AFTER, false, null),
                Severity.WARNING, new SeverityPolicy(ESCALATE_AFTER, true, null),
                Severity.TREND, new SeverityPolicy(null, true, null),
                Severity.SYSTEM, new SeverityPolicy(ESCALATE_AFTER, false, null)));

        StreamExecutionEnvironment env = live.environment(300);
        IngestOptions ingest = IngestOptions.live(live.clock())
                .withOutOfOrderness(Duration.ofMillis(200))
                .withAllowedLateness(Duration.ofMillis(500))
                .withIdleAfter(Duration.ofMillis(300));
        new LiveJob(live.settings(new DetectionJobConfig(HOMES, null, fast), ingest))
                .withHeartbeat(live.brokerUri(), Duration.ofMillis(500), Duration.ofMillis(300), live.clock())
                .attach(env, live.sensors(HOMES, "ack-test"), null, live.carers("ack-test-carers"));
        live.start(env, "carer-ack-test");

        String code;
        try (LiveJobHarness.Hub hub = live.hub("hub-h1")) {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
                hub.publish("hearth/h1/button", "{\"ts\": \"" + live.clock().instant() + "\", \"kind\": \"button\", \"value\": 1}");
                return !live.texts().isEmpty();
            });
            JsonNode first = live.texts().get(0);
            assertThat(first.get("recipient").asText()).isEqualTo("h1/carer-0");
            Matcher m = CODE.matcher(first.get("body").asText());
            assertThat(m.find()).as("reply code in %s", first.get("body")).isTrue();
            code = m.group(1);
        }

        try (MqttAckPublisher endpoint = new MqttAckPublisher(live.brokerUri(), "hearth-ack-endpoint")) {
            endpoint.publish(new Acknowledgement("h1", code, "carer-0", live.clock().instant()));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> live.texts().stream()
                .anyMatch(t -> t.get("body").asText().contains("taken by a carer")));
        // Well past the escalation time: nobody else was texted.
        Thread.sleep(ESCALATE_AFTER.plusSeconds(3).toMillis());
        assertThat(live.texts()).extracting(t -> t.get("recipient").asText()).containsOnly("h1/carer-0");
        assertThat(live.texts()).hasSize(2);

        List<JobHeartbeat> beats = new CopyOnWriteArrayList<>();
        try (LiveJobHarness.Hub watcher = live.hub("watcher")) {
            watcher.client().subscribe(new MqttSubscription[] {new MqttSubscription(JobHeartbeat.TOPIC, 1)},
                    new IMqttMessageListener[] {(t, msg) -> beats.add(HearthJson.json().readValue(msg.getPayload(), JobHeartbeat.class))});
            await().atMost(Duration.ofSeconds(20)).until(() -> beats.stream().anyMatch(b -> b.lastCheckpointAt() != null));
        }
        JobHeartbeat beat = beats.stream().filter(b -> b.lastCheckpointAt() != null).findFirst().orElseThrow();
        assertThat(beat.eventsProcessed()).isPositive();
        assertThat(beat.watermark()).isNotNull();
        assertThat(Duration.between(beat.watermark(), beat.at())).isLessThan(Duration.ofSeconds(30));
        assertThat(beat.checkpointEverySeconds()).isEqualTo(1L);
    }
}
