package org.hearth.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.hearth.ingest.IngestOptions;
import org.hearth.job.DetectionJobConfig;
import org.hearth.models.testing.TestHomes;
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

    private static final String HOMES = TestHomes.HELP_BUTTON_HOME_YAML;
    /** Neither the out-of-orderness nor the idle floor lets event time reach the press within the test. */
    private static final Duration TEN_MINUTES = Duration.ofMinutes(10);

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
    void shouldTextAHelpPressOnceLongBeforeTheWatermarkPassesIt() throws Exception {
        live = LiveJobHarness.withEmbeddedBroker(dir);

        StreamExecutionEnvironment env = live.environment(300);
        IngestOptions ingest = IngestOptions.live(live.clock()).withOutOfOrderness(TEN_MINUTES).withAllowedLateness(TEN_MINUTES);
        new LiveJob(live.settings(DetectionJobConfig.of(HOMES), ingest)).attach(env, live.sensors(HOMES, "help-press-test"), null);
        live.start(env, "help-press-live-test");

        Instant pressed = live.clock().instant();
        String press = "{\"ts\": \"" + pressed + "\", \"kind\": \"button\", \"value\": 1}";
        try (LiveJobHarness.Hub hub = live.hub("hub-h1")) {
            // Until the source has subscribed, the same press again and again: each later copy is a redelivery.
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
                hub.publish("hearth/h1/button", press);
                return !live.texts().isEmpty();
            });
            hub.publish("hearth/h1/button", press);
            hub.publish("hearth/h1/button", press);
            Thread.sleep(3_000);
        }

        assertThat(Duration.between(pressed, live.clock().instant())).as("texted before event time could pass the press")
                .isLessThan(TEN_MINUTES);
        List<JsonNode> texts = live.texts();
        assertThat(texts).as("one text for the press, however often it was delivered").hasSize(1);
        assertThat(texts.get(0).get("recipient").asText()).isEqualTo("h1/carer-0");
        assertThat(texts.get(0).get("body").asText()).contains("J.S.");
    }
}
