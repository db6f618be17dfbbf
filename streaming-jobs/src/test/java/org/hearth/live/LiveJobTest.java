package org.hearth.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.hearth.alerts.delivery.DeliveryServiceFactory;
import org.hearth.alerts.route.EscalationPolicy;
import org.hearth.ingest.IngestOptions;
import org.hearth.ingest.broker.EmbeddedBroker;
import org.hearth.ingest.decode.RoutingTable;
import org.hearth.ingest.source.MqttSource;
import org.hearth.job.DetectionJobConfig;
import org.hearth.models.registry.RegistryLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * One sensor message's whole path: a help-button press published to a real MQTT broker reaches the
 * carer's SMS outbox through the Flink job, and a malformed message is kept as a dead letter.
 */
class LiveJobTest {

    private static final String HOMES = """
            homes:
              - id: h1
                timezone: Europe/London
                resident: {id: r1, alias: "J.S."}
                sensors:
                  - {id: button, kind: button, room: hall, role: help-button}
                  - {id: pir-kitchen, kind: motion, room: kitchen}
                carers:
                  - {name: Sam, phone: "+447700900123"}
            """;

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
    void shouldTextTheCarerWhenTheHelpButtonIsPressed() throws Exception {
        Clock clock = Clock.systemUTC();
        Path data = dir.resolve("data");
        Path outbox = data.resolve("outbox/sms.jsonl");
        var registry = new RegistryLoader().parse("homes.yaml", HOMES);

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        env.enableCheckpointing(300);
        MqttSource source = MqttSource.builder()
                .serverUri(broker.uri())
                .topicFilters(RoutingTable.of(registry).topicFilters())
                .clientIdPrefix("live-job-test")
                .clock(clock)
                .build();
        IngestOptions ingest = IngestOptions.live(clock)
                .withOutOfOrderness(Duration.ofMillis(200))
                .withAllowedLateness(Duration.ofMillis(500))
                .withIdleAfter(Duration.ofMillis(300));
        LiveJob.Settings settings = new LiveJob.Settings(
                new DetectionJobConfig(HOMES, null, EscalationPolicy.defaults()), data, ingest,
                DeliveryServiceFactory.outbox(outbox, data, clock), false, null);
        new LiveJob(settings).attach(env, source, null);
        job = env.executeAsync("live-job-test");

        MqttClient hub = new MqttClient(broker.uri(), "hub-h1", new MemoryPersistence());
        try {
            hub.connect(new MqttConnectionOptions());
            // The source subscribes once it is running: press until a text goes out. Each press is stamped
            // when it is made (an old press would be late: the idle watermark follows the clock).
            // One open alert per (resident, rule) means repeated presses still text the carer once.
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(2)).until(() -> {
                publish(hub, "hearth/h1/pir-kitchen", "{not json");
                publish(hub, "hearth/h1/button",
                        "{\"ts\": \"" + clock.instant() + "\", \"kind\": \"button\", \"value\": 1, \"battery\": 90}");
                return Files.exists(outbox) && !Files.readAllLines(outbox).isEmpty();
            });
        } finally {
            hub.disconnect();
            hub.close();
        }

        List<String> texts = Files.readAllLines(outbox);
        assertThat(texts).hasSize(1);
        assertThat(texts.get(0)).contains("J.S.").contains("help button").doesNotContain("Sam");
        Path deadLetters = data.resolve("dead-letters");
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(deadLetters)
                && Files.list(deadLetters).anyMatch(f -> read(f).contains("{not json")));
        assertThat(Files.readString(data.resolve("audit.jsonl"))).doesNotContain("+447700900123");
    }

    private static void publish(MqttClient client, String topic, String payload) throws Exception {
        MqttMessage message = new MqttMessage(payload.getBytes(StandardCharsets.UTF_8));
        message.setQos(1);
        client.publish(topic, message);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            return "";
        }
    }
}
