package org.hearth.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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
import org.hearth.ingest.IngestOptions;
import org.hearth.ingest.broker.EmbeddedBroker;
import org.hearth.ingest.decode.RoutingTable;
import org.hearth.ingest.source.MqttSource;
import org.hearth.job.DetectionJobConfig;
import org.hearth.models.json.HearthJson;
import org.hearth.models.registry.RegistryLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The help button through the whole live job (real broker, MQTT source, ingest, detection,
 * lifecycle, delivery to the outbox) is texted while the job's event time stands ten minutes
 * behind the press: the urgent path does not wait for the watermark. The press delivered again
 * (the hub resends until its PUBACK, the broker redelivers) is still one text.
 */
class HelpPressLiveTest {

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
    /** Neither the out-of-orderness nor the idle floor lets event time reach the press within the test. */
    private static final Duration TEN_MINUTES = Duration.ofMinutes(10);

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    @TempDir
    Path dir;

    private EmbeddedBroker broker;
    private JobClient job;

    @AfterEach
    void stop() throws Exception {
        if (job != null) {
            job.cancel().get();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void shouldTextAHelpPressOnceLongBeforeTheWatermarkPassesIt() throws Exception {
        broker = EmbeddedBroker.builder(dir.resolve("broker")).start();
        Clock clock = Clock.systemUTC();
        Path data = dir.resolve("data");
        Path outbox = data.resolve("outbox/sms.jsonl");
        var registry = new RegistryLoader().parse("homes.yaml", HOMES);

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        env.enableCheckpointing(300); // HiveMQ CE hands the job its next messages once these are acknowledged
        MqttSource sensors = MqttSource.builder().serverUri(broker.uri())
                .topicFilters(RoutingTable.of(registry).topicFilters()).clientIdPrefix("help-press-test").clock(clock).build();
        IngestOptions ingest = IngestOptions.live(clock).withOutOfOrderness(TEN_MINUTES).withAllowedLateness(TEN_MINUTES);
        LiveJob.Settings settings = new LiveJob.Settings(DetectionJobConfig.of(HOMES), data, ingest,
                DeliveryServiceFactory.outbox(outbox, data, clock), false, null);
        new LiveJob(settings).attach(env, sensors, null);
        job = env.executeAsync("help-press-live-test");

        Instant pressed = clock.instant();
        String press = "{\"ts\": \"" + pressed + "\", \"kind\": \"button\", \"value\": 1}";
        MqttClient hub = new MqttClient(broker.uri(), "hub-h1", new MemoryPersistence());
        try {
            hub.connect(new MqttConnectionOptions());
            // Until the source has subscribed, the same press again and again: each later copy is a redelivery.
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
                publish(hub, "hearth/h1/button", press);
                return !texts(outbox).isEmpty();
            });
            publish(hub, "hearth/h1/button", press);
            publish(hub, "hearth/h1/button", press);
            Thread.sleep(3_000);
        } finally {
            hub.disconnect();
            hub.close();
        }

        assertThat(Duration.between(pressed, clock.instant())).as("texted before event time could pass the press")
                .isLessThan(TEN_MINUTES);
        List<JsonNode> texts = texts(outbox);
        assertThat(texts).as("one text for the press, however often it was delivered").hasSize(1);
        assertThat(texts.get(0).get("recipient").asText()).isEqualTo("h1/carer-0");
        assertThat(texts.get(0).get("body").asText()).contains("J.S.");
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
