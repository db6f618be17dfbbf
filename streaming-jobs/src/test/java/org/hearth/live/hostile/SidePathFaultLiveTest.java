package org.hearth.live.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
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
import org.hearth.ingest.IngestOptions;
import org.hearth.ingest.decode.RoutingTable;
import org.hearth.ingest.source.MqttSource;
import org.hearth.job.DetectionJobConfig;
import org.hearth.alerts.delivery.DeliveryServiceFactory;
import org.hearth.live.LiveJob;
import org.hearth.models.registry.Carer;
import org.hearth.models.registry.RegistryLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Side paths cannot stop detection (issue 19): the live job with its dead letters' folder
 * unwritable (a file where the folder should be), its late events' and alerts' files on a full disk
 * ({@code /dev/full}), then bad input, a late event and a help press. The press is texted to the
 * carer, the failing paths raise one system alert to the installer through the alerts path, and
 * once the dead letters' folder is writable again the held dead letter is written and the alert
 * clears. (Storage's writer is covered by the same guard in {@code SidePathGuardTest}.)
 */
class SidePathFaultLiveTest {

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    @TempDir
    Path dir;

    private LocalMosquitto broker;
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
    void shouldTextAHelpPressAndRaiseASystemAlertWhileEverySidePathFails() throws Exception {
        broker = LocalMosquitto.start(dir.resolve("broker"));
        Clock clock = Clock.systemUTC();
        Path data = Files.createDirectories(dir.resolve("data"));
        Path outbox = dir.resolve("outbox/sms.jsonl");
        Files.writeString(data.resolve("dead-letters"), "a file where the dead letters' folder should be");
        Files.createDirectories(data.resolve("late"));
        Files.createSymbolicLink(data.resolve("late/late-events-0.jsonl"), Path.of("/dev/full"));
        Files.createDirectories(data.resolve("alerts"));
        Files.createSymbolicLink(data.resolve("alerts/alerts-0.jsonl"), Path.of("/dev/full"));
        var registry = new RegistryLoader().parse("homes.yaml", HostileInputLiveTest.HOMES);

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        env.enableCheckpointing(300);
        MqttSource sensors = MqttSource.builder().serverUri(broker.uri())
                .topicFilters(RoutingTable.of(registry).topicFilters()).clientIdPrefix("side-path-faults").clock(clock).build();
        IngestOptions ingest = IngestOptions.live(clock).withOutOfOrderness(Duration.ofMillis(200))
                .withAllowedLateness(Duration.ofSeconds(1)).withIdleAfter(Duration.ofMillis(300));
        new LiveJob(new LiveJob.Settings(DetectionJobConfig.of(HostileInputLiveTest.HOMES), data, ingest,
                DeliveryServiceFactory.outbox(outbox, data, clock), false, null))
                .withSystemContact(new Carer("Installer", "+447700900555", null))
                .attach(env, sensors, null);
        job = env.executeAsync("side-path-fault-test");

        MqttClient hub = new MqttClient(broker.uri(), "side-path-hub", new MemoryPersistence());
        try {
            hub.connect(new MqttConnectionOptions());
            // Bad input (a dead letter) and a late event until the system alert shows the job reading.
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() -> {
                publish(hub, "hearth/h1/pir-hall", "{\"ts\":\"" + clock.instant() + "\",\"kind\":\"motion\",\"value\":\"\\ud800\"}");
                publish(hub, "hearth/h1/pir-hall", "{\"ts\":\"" + clock.instant().minusSeconds(3600) + "\",\"kind\":\"motion\",\"value\":1}");
                return texts(outbox).stream().anyMatch(t -> t.get("recipient").asText().contains("installer"));
            });
            Instant pressed = clock.instant();
            publish(hub, "hearth/h1/help", "{\"ts\": \"" + pressed + "\", \"kind\": \"button\", \"value\": 1}");
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                    .until(() -> texts(outbox).stream().anyMatch(t -> t.get("recipient").asText().equals("h1/carer-0")));

            // The folder made writable again: the held dead letters are written at a retry.
            Files.delete(data.resolve("dead-letters"));
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                    .until(() -> Files.exists(data.resolve("dead-letters/dead-letters-0.jsonl"))
                            && !Files.readString(data.resolve("dead-letters/dead-letters-0.jsonl")).isEmpty());
        } finally {
            hub.disconnect();
            hub.close();
        }

        List<JsonNode> texts = texts(outbox);
        JsonNode system = texts.stream().filter(t -> t.get("recipient").asText().contains("installer")).findFirst().orElseThrow();
        assertThat(system.get("body").asText()).contains("cannot write").contains("monitoring goes on");
        assertThat(texts).as("the help press, texted while every side path fails")
                .anyMatch(t -> t.get("recipient").asText().equals("h1/carer-0") && t.get("body").asText().contains("J.S."));
        assertThat(HostileInputLiveTest.deadLetters(data)).as("held while the folder was a file, written after")
                .anyMatch(d -> d.detail() != null && d.detail().contains("\uFFFD"));
        assertThat(job.getJobStatus().get()).hasToString("RUNNING");
    }

    private static void publish(MqttClient client, String topic, String payload) throws Exception {
        MqttMessage message = new MqttMessage(payload.getBytes(StandardCharsets.UTF_8));
        message.setQos(1);
        client.publish(topic, message);
    }

    private static List<JsonNode> texts(Path outbox) throws Exception {
        return HostileInputLiveTest.texts(outbox);
    }
}
