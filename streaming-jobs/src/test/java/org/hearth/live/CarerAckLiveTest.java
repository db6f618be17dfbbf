package org.hearth.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.eclipse.paho.mqttv5.client.IMqttMessageListener;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.hearth.alerts.ack.Acknowledgement;
import org.hearth.alerts.ack.MqttAckPublisher;
import org.hearth.alerts.delivery.DeliveryServiceFactory;
import org.hearth.alerts.route.EscalationPolicy;
import org.hearth.alerts.route.SeverityPolicy;
import org.hearth.alerts.watchdog.JobHeartbeat;
import org.hearth.ingest.IngestOptions;
import org.hearth.ingest.broker.EmbeddedBroker;
import org.hearth.ingest.decode.RoutingTable;
import org.hearth.ingest.source.MqttSource;
import org.hearth.job.DetectionJobConfig;
import org.hearth.models.alert.Severity;
import org.hearth.models.json.HearthJson;
import org.hearth.models.registry.RegistryLoader;
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

    private static final String HOMES = """
            homes:
              - id: h1
                timezone: Europe/London
                resident: {id: r1, alias: "J.S."}
                sensors:
                  - {id: button, kind: button, room: hall, role: help-button}
                carers:
                  - {name: Sam, phone: "+447700900123"}
                  - {name: Alex, phone: "+447700900456"}
            """;
    /** Urgent alerts escalate after 6 s instead of 10 min, so that "never escalated" is seen in seconds. */
    private static final Duration ESCALATE_AFTER = Duration.ofSeconds(6);
    private static final Pattern CODE = Pattern.compile("Reply OK (\\d{4})");

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    @TempDir
    Path dir;

    private EmbeddedBroker broker;
    private JobClient job;

    @BeforeEach
    void startBroker() {
        broker = EmbeddedBroker.builder(dir.resolve("broker")).start();
    }

    @AfterEach
    void stop() throws Exception {
        if (job != null) {
            job.cancel().get();
        }
        broker.close();
    }

    @Test
    void shouldStopEscalatingWhenACarerAcknowledgesOnTheAckTopicAndPublishAHeartbeat() throws Exception {
        Clock clock = Clock.systemUTC();
        Path data = dir.resolve("data");
        Path outbox = data.resolve("outbox/sms.jsonl");
        var registry = new RegistryLoader().parse("homes.yaml", HOMES);
        EscalationPolicy fast = new EscalationPolicy(Map.of(
                Severity.URGENT, new SeverityPolicy(ESCALATE_AFTER, false, null),
                Severity.WARNING, new SeverityPolicy(ESCALATE_AFTER, true, null),
                Severity.TREND, new SeverityPolicy(null, true, null),
                Severity.SYSTEM, new SeverityPolicy(ESCALATE_AFTER, false, null)));

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        env.enableCheckpointing(300);
        MqttSource sensors = MqttSource.builder().serverUri(broker.uri())
                .topicFilters(RoutingTable.of(registry).topicFilters()).clientIdPrefix("ack-test").clock(clock).build();
        MqttSource carers = MqttSource.builder().serverUri(broker.uri())
                .topicFilters(CarerCommandDecoder.TOPIC_FILTER).clientIdPrefix("ack-test-carers").clock(clock).build();
        IngestOptions ingest = IngestOptions.live(clock)
                .withOutOfOrderness(Duration.ofMillis(200))
                .withAllowedLateness(Duration.ofMillis(500))
                .withIdleAfter(Duration.ofMillis(300));
        LiveJob.Settings settings = new LiveJob.Settings(new DetectionJobConfig(HOMES, null, fast), data, ingest,
                DeliveryServiceFactory.outbox(outbox, data, clock), false, null);
        new LiveJob(settings).withHeartbeat(broker.uri(), Duration.ofMillis(500), Duration.ofMillis(300), clock)
                .attach(env, sensors, null, carers);
        job = env.executeAsync("carer-ack-test");

        MqttClient hub = new MqttClient(broker.uri(), "hub-h1", new MemoryPersistence());
        String code;
        try {
            hub.connect(new MqttConnectionOptions());
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
                publish(hub, "hearth/h1/button", "{\"ts\": \"" + clock.instant() + "\", \"kind\": \"button\", \"value\": 1}");
                return !texts(outbox).isEmpty();
            });
            JsonNode first = texts(outbox).get(0);
            assertThat(first.get("recipient").asText()).isEqualTo("h1/carer-0");
            Matcher m = CODE.matcher(first.get("body").asText());
            assertThat(m.find()).as("reply code in %s", first.get("body")).isTrue();
            code = m.group(1);
        } finally {
            hub.disconnect();
            hub.close();
        }

        try (MqttAckPublisher endpoint = new MqttAckPublisher(broker.uri(), "hearth-ack-endpoint")) {
            endpoint.publish(new Acknowledgement("h1", code, "carer-0", clock.instant()));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> texts(outbox).stream()
                .anyMatch(t -> t.get("body").asText().contains("taken by a carer")));
        // Well past the escalation time: nobody else was texted.
        Thread.sleep(ESCALATE_AFTER.plusSeconds(3).toMillis());
        assertThat(texts(outbox)).extracting(t -> t.get("recipient").asText()).containsOnly("h1/carer-0");
        assertThat(texts(outbox)).hasSize(2);

        List<JobHeartbeat> beats = new CopyOnWriteArrayList<>();
        MqttClient watcher = new MqttClient(broker.uri(), "watcher", new MemoryPersistence());
        try {
            watcher.connect(new MqttConnectionOptions());
            watcher.subscribe(new MqttSubscription[] {new MqttSubscription(JobHeartbeat.TOPIC, 1)},
                    new IMqttMessageListener[] {(t, msg) -> beats.add(HearthJson.json().readValue(msg.getPayload(), JobHeartbeat.class))});
            await().atMost(Duration.ofSeconds(20)).until(() -> beats.stream().anyMatch(b -> b.lastCheckpointAt() != null));
        } finally {
            watcher.disconnect();
            watcher.close();
        }
        JobHeartbeat beat = beats.stream().filter(b -> b.lastCheckpointAt() != null).findFirst().orElseThrow();
        assertThat(beat.eventsProcessed()).isPositive();
        assertThat(beat.watermark()).isNotNull();
        assertThat(Duration.between(beat.watermark(), beat.at())).isLessThan(Duration.ofSeconds(30));
        assertThat(beat.checkpointEverySeconds()).isEqualTo(1L);
    }

    private static void publish(MqttClient client, String topic, String payload) throws Exception {
        MqttMessage message = new MqttMessage(payload.getBytes(StandardCharsets.UTF_8));
        message.setQos(1);
        client.publish(topic, message);
    }

    private static List<JsonNode> texts(Path outbox) throws Exception {
        List<JsonNode> texts = new ArrayList<>();
        if (Files.exists(outbox)) {
            for (String line : Files.readAllLines(outbox)) {
                texts.add(HearthJson.json().readTree(line));
            }
        }
        return texts;
    }
}
