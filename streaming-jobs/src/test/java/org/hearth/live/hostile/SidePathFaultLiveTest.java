package org.hearth.live.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.hearth.ingest.IngestOptions;
import org.hearth.job.DetectionJobConfig;
import org.hearth.live.LiveJob;
import org.hearth.live.LiveJobHarness;
import org.hearth.models.registry.Carer;
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

    @Test
    void shouldTextAHelpPressAndRaiseASystemAlertWhileEverySidePathFails() throws Exception {
        live = LiveJobHarness.withMosquitto(dir).outboxAt(dir.resolve("outbox/sms.jsonl"));
        Path data = Files.createDirectories(live.data());
        Clock clock = live.clock();
        Files.writeString(data.resolve("dead-letters"), "a file where the dead letters' folder should be");
        Files.createDirectories(data.resolve("late"));
        Files.createSymbolicLink(data.resolve("late/late-events-0.jsonl"), Path.of("/dev/full"));
        Files.createDirectories(data.resolve("alerts"));
        Files.createSymbolicLink(data.resolve("alerts/alerts-0.jsonl"), Path.of("/dev/full"));
        String homes = HostileInputLiveTest.HOMES;

        StreamExecutionEnvironment env = live.environment(300);
        IngestOptions ingest = IngestOptions.live(clock).withOutOfOrderness(Duration.ofMillis(200))
                .withAllowedLateness(Duration.ofSeconds(1)).withIdleAfter(Duration.ofMillis(300));
        new LiveJob(live.settings(DetectionJobConfig.of(homes), ingest))
                .withSystemContact(new Carer("Installer", "+447700900555", null))
                .attach(env, live.sensors(homes, "side-path-faults"), null);
        live.start(env, "side-path-fault-test");

        try (LiveJobHarness.Hub hub = live.hub("side-path-hub")) {
            // Bad input (a dead letter) and a late event until the system alert shows the job reading.
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() -> {
                hub.publish("hearth/h1/pir-hall", "{\"ts\":\"" + clock.instant() + "\",\"kind\":\"motion\",\"value\":\"\\ud800\"}");
                hub.publish("hearth/h1/pir-hall", "{\"ts\":\"" + clock.instant().minusSeconds(3600) + "\",\"kind\":\"motion\",\"value\":1}");
                return live.texts().stream().anyMatch(t -> t.get("recipient").asText().contains("installer"));
            });
            Instant pressed = clock.instant();
            hub.publish("hearth/h1/help", "{\"ts\": \"" + pressed + "\", \"kind\": \"button\", \"value\": 1}");
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                    .until(() -> live.texts().stream().anyMatch(t -> t.get("recipient").asText().equals("h1/carer-0")));

            // The folder made writable again: the held dead letters are written at a retry.
            Files.delete(data.resolve("dead-letters"));
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                    .until(() -> Files.exists(data.resolve("dead-letters/dead-letters-0.jsonl"))
                            && !Files.readString(data.resolve("dead-letters/dead-letters-0.jsonl")).isEmpty());
        }

        List<JsonNode> texts = live.texts();
        JsonNode system = texts.stream().filter(t -> t.get("recipient").asText().contains("installer")).findFirst().orElseThrow();
        assertThat(system.get("body").asText()).contains("cannot write").contains("monitoring goes on");
        assertThat(texts).as("the help press, texted while every side path fails")
                .anyMatch(t -> t.get("recipient").asText().equals("h1/carer-0") && t.get("body").asText().contains("J.S."));
        assertThat(HostileInputLiveTest.deadLetters(data)).as("held while the folder was a file, written after")
                .anyMatch(d -> d.detail() != null && d.detail().contains("\uFFFD"));
        assertThat(live.job().getJobStatus().get()).hasToString("RUNNING");
    }
}
