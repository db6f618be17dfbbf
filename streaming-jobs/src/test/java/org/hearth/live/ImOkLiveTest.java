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
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.hearth.alerts.delivery.DeliveryServiceFactory;
import org.hearth.alerts.route.EscalationPolicy;
import org.hearth.alerts.route.SeverityPolicy;
import org.hearth.ingest.IngestOptions;
import org.hearth.ingest.broker.EmbeddedBroker;
import org.hearth.ingest.decode.RoutingTable;
import org.hearth.ingest.source.MqttSource;
import org.hearth.job.DetectionJobConfig;
import org.hearth.models.alert.Severity;
import org.hearth.models.json.HearthJson;
import org.hearth.models.registry.RegistryLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * "I'm OK" end to end through a real broker (embedded HiveMQ CE) and the live job on a MiniCluster:
 * an alert that may ask the resident first publishes the request on {@code hearth/cmd/h1/prealert};
 * the resident's help-button press within the window cancels it before anyone is texted (audited
 * as {@code pre-alert-cancelled}, and no help-button alert either); the same alert unanswered is
 * texted when the window ends. The alert used is {@code sensor-offline} (a device reporting itself
 * unavailable raises it at once, without weeks of learning), with a pre-alert window given to
 * system alerts for this test only: the lifecycle asks by severity, whatever the rule.
 */
class ImOkLiveTest {

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
                installer: {name: Provider, phone: "+447700900999"}
            """;
    private static final Duration WINDOW = Duration.ofSeconds(15);
    private static final Duration LATENESS = Duration.ofSeconds(10);

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
    void shouldCancelBeforeAnyTextWhenTheResidentPressesWithinTheWindow() throws Exception {
        broker = EmbeddedBroker.builder(dir.resolve("broker")).start();
        Clock clock = Clock.systemUTC();
        Path data = dir.resolve("data");
        Path outbox = data.resolve("outbox/sms.jsonl");
        var registry = new RegistryLoader().parse("homes.yaml", HOMES);
        EscalationPolicy policy = new EscalationPolicy(Map.of(
                Severity.URGENT, new SeverityPolicy(Duration.ofMinutes(10), false, null),
                Severity.WARNING, new SeverityPolicy(Duration.ofMinutes(30), true, WINDOW),
                Severity.TREND, new SeverityPolicy(null, true, null),
                Severity.SYSTEM, new SeverityPolicy(Duration.ofMinutes(60), false, WINDOW)));

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        env.enableCheckpointing(300); // HiveMQ CE hands the job its next messages once these are acknowledged
        MqttSource sensors = MqttSource.builder().serverUri(broker.uri())
                .topicFilters(RoutingTable.of(registry).topicFilters()).clientIdPrefix("im-ok-test").clock(clock).build();
        IngestOptions ingest = IngestOptions.live(clock).withOutOfOrderness(Duration.ofSeconds(2))
                // A short lateness: the idle watermark (wall clock minus lateness) passes the window's end within seconds.
                .withAllowedLateness(LATENESS).withIdleAfter(Duration.ofSeconds(1));
        LiveJob.Settings settings = new LiveJob.Settings(new DetectionJobConfig(HOMES, null, policy), data, ingest,
                DeliveryServiceFactory.outbox(outbox, data, clock), false, null).withStatusBroker(broker.uri());
        new LiveJob(settings).attach(env, sensors, null);
        job = env.executeAsync("im-ok-live-test");

        List<JsonNode> requests = new CopyOnWriteArrayList<>();
        MqttClient home = new MqttClient(broker.uri(), "home-h1", new MemoryPersistence());
        try {
            home.connect(new MqttConnectionOptions());
            home.subscribe(new MqttSubscription[] {new MqttSubscription("hearth/cmd/h1/prealert", 1)},
                    new org.eclipse.paho.mqttv5.client.IMqttMessageListener[] {(topic, message) ->
                            requests.add(HearthJson.json().readTree(message.getPayload()))});

            // 1. The kitchen sensor reports itself unavailable: sensor-offline, and the home is asked.
            try {
                await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() -> {
                    // Until the source has subscribed (a loaded machine takes a while), each with a fresh time so
                    // that none is late; the first raises, the rest change nothing (already offline).
                    publish(home, "hearth/h1/pir-kitchen", "{\"ts\": \"" + clock.instant() + "\", \"kind\": \"availability\", \"value\": 0}");
                    return !requests.isEmpty();
                });
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                try (var files = Files.walk(data)) {
                    for (Path f : files.filter(Files::isRegularFile).toList()) {
                        System.out.println("DIAG " + f + ": " + Files.readString(f).replace('\n', '|'));
                    }
                }
                throw e;
            }
            JsonNode request = requests.get(0);
            assertThat(request.get("rule").asText()).isEqualTo("sensor-offline");
            assertThat(request.get("press").asText()).isEqualTo("help-button");

            // 2. The resident presses the help button within the window: cancelled, nobody texted.
            Instant pressed = clock.instant();
            publish(home, "hearth/h1/button", "{\"ts\": \"" + pressed + "\", \"kind\": \"button\", \"value\": 1}");
            try {
                await().atMost(Duration.ofSeconds(60)).until(() -> audit(data).contains("\"type\":\"pre-alert-cancelled\""));
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                try (var files = Files.walk(data)) {
                    for (Path f : files.filter(Files::isRegularFile).toList()) {
                        System.out.println("DIAG2 " + f + ": " + Files.readString(f).replace('\n', '|'));
                    }
                }
                System.out.println("DIAG2 press " + pressed + " now " + clock.instant());
                throw e;
            }
            Thread.sleep(WINDOW.plus(LATENESS).plusSeconds(10).toMillis()); // event time past the window's end: still nobody texted
            assertThat(texts(outbox)).as("no sensor-offline text and no help-button text").isEmpty();
            assertThat(audit(data)).contains("resident-ok:sensor-offline");

            // 3. Control: back online, offline again, and this time nobody presses: the installer is texted at the window's end.
            publish(home, "hearth/h1/pir-kitchen", "{\"ts\": \"" + clock.instant() + "\", \"kind\": \"availability\", \"value\": 1}");
            Thread.sleep(3_000);
            Instant again = clock.instant();
            publish(home, "hearth/h1/pir-kitchen", "{\"ts\": \"" + again + "\", \"kind\": \"availability\", \"value\": 0}");
            await().atMost(Duration.ofSeconds(60)).until(() -> requests.size() == 2);
            await().atMost(Duration.ofSeconds(90)).until(() -> !texts(outbox).isEmpty());
            List<JsonNode> texts = texts(outbox);
            assertThat(texts).hasSize(1);
            assertThat(texts.get(0).get("recipient").asText()).isEqualTo("h1/installer");
            assertThat(Duration.between(again, clock.instant())).isGreaterThanOrEqualTo(WINDOW);
        } finally {
            home.disconnect();
            home.close();
        }
    }

    private static String audit(Path data) throws Exception {
        Path audit = data.resolve("audit.jsonl");
        return Files.exists(audit) ? Files.readString(audit) : "";
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
