package org.hearth.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.hearth.alerts.route.EscalationPolicy;
import org.hearth.ingest.IngestOptions;
import org.hearth.job.DetectionJobConfig;
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
    void shouldTextTheCarerWhenTheHelpButtonIsPressed() throws Exception {
        Clock clock = live.clock();
        Path data = live.data();
        Path outbox = live.outbox();

        StreamExecutionEnvironment env = live.environment(300);
        IngestOptions ingest = IngestOptions.live(clock)
                .withOutOfOrderness(Duration.ofMillis(200))
                .withAllowedLateness(Duration.ofMillis(500))
                .withIdleAfter(Duration.ofMillis(300));
        new LiveJob(live.settings(new DetectionJobConfig(HOMES, null, EscalationPolicy.defaults()), ingest))
                .attach(env, live.sensors(HOMES, "live-job-test"), null);
        live.start(env, "live-job-test");

        try (LiveJobHarness.Hub hub = live.hub("hub-h1")) {
            // The source subscribes once it is running: press until a text goes out. Each press is stamped
            // when it is made (an old press would be late: the idle watermark follows the clock).
            // One open alert per (resident, rule) means repeated presses still text the carer once.
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(2)).until(() -> {
                hub.publish("hearth/h1/pir-kitchen", "{not json");
                hub.publish("hearth/h1/button",
                        "{\"ts\": \"" + clock.instant() + "\", \"kind\": \"button\", \"value\": 1, \"battery\": 90}");
                return Files.exists(outbox) && !Files.readAllLines(outbox).isEmpty();
            });
        }

        List<String> texts = Files.readAllLines(outbox);
        assertThat(texts).hasSize(1);
        assertThat(texts.get(0)).contains("J.S.").contains("help button").doesNotContain("Sam");
        Path deadLetters = data.resolve("dead-letters");
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(deadLetters)
                && Files.list(deadLetters).anyMatch(f -> read(f).contains("{not json")));
        assertThat(Files.readString(data.resolve("audit.jsonl"))).doesNotContain("+447700900123");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            return "";
        }
    }
}
