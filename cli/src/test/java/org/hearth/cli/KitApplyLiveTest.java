package org.hearth.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.hearth.alerts.route.EscalationPolicy;
import org.hearth.ingest.IngestOptions;
import org.hearth.installer.control.RegistryControl;
import org.hearth.job.DetectionJobConfig;
import org.hearth.live.ControlStream;
import org.hearth.live.LiveJob;
import org.hearth.live.LiveJobHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end over a real (embedded HiveMQ) broker and a running live job: the job publishes each
 * home's learning status retained and {@code hearth status} reads it; {@code hearth kit apply}
 * adds a home, and the same job, without a restart, decodes and detects that home's events and
 * texts its carer (delivery looks carers up in the registry as applied, not as started).
 */
class KitApplyLiveTest {

    private static final String HOME_H1 = """
              - id: h1
                timezone: Europe/London
                resident: {id: r1, alias: "J.S."}
                sensors:
                  - {id: button, kind: button, room: hall, role: help-button}
                  - {id: pir-kitchen, kind: motion, room: kitchen}
                carers:
                  - {name: Sam, phone: "+447700900123"}
            """;
    private static final String HOME_H3 = """
              - id: h3
                timezone: Europe/London
                resident: {id: r3, alias: "K.L."}
                sensors:
                  - {id: button, kind: button, room: lounge, role: help-button}
                carers:
                  - {name: Ann, phone: "+447700900789"}
            """;
    private static final String HOMES_V1 = "homes:\n" + HOME_H1;
    private static final String HOMES_V2 = "homes:\n" + HOME_H1 + HOME_H3;

    @RegisterExtension
    static final MiniClusterExtension FLINK = LiveJobHarness.miniCluster();

    @TempDir
    Path dir;

    private LiveJobHarness live;
    private LiveJobHarness.Hub hub;
    private Clock clock;
    private String brokerUri;

    @BeforeEach
    void start() throws Exception {
        live = LiveJobHarness.withEmbeddedBroker(dir);
        clock = live.clock();
        brokerUri = live.brokerUri();
        hub = live.hub("kit-apply-live-hubs");
    }

    @AfterEach
    void stop() throws Exception {
        try {
            hub.close();
        } finally {
            live.close();
        }
    }

    @Test
    void kitApply_addsAHomeToTheRunningJobAndStatusShowsBothHomes() throws Exception {
        Path data = live.data();
        Path outbox = live.outbox();
        startLiveJob(HOMES_V1);

        // The running job publishes h1's status once h1's events pass the watermark; hearth status reads it.
        AtomicReference<CliRun> status = new AtomicReference<>();
        // pollDelay(ZERO): without it Awaitility waits a whole interval before its first look.
        await().atMost(Duration.ofSeconds(90)).pollDelay(Duration.ZERO).pollInterval(Duration.ofSeconds(1)).until(() -> {
            publish("hearth/h1/pir-kitchen", "{\"ts\": \"" + clock.instant() + "\", \"kind\": \"motion\", \"value\": 1}");
            status.set(CliRun.of("status", "--broker", brokerUri, "--quiet", "1s"));
            return status.get().out().contains("h1 ");
        });
        assertThat(status.get().exitCode()).isZero();
        assertThat(status.get().out()).containsPattern("h1\\s+learning 0 of 7 days\\s+\\?\\s+\\?\\s+\\?\\s+-\\s+-")
                .doesNotContain("h3");

        // h3 is not registered yet: its press is a dead letter, and nobody is texted.
        publish("hearth/h3/button", press());
        Path deadLetters = data.resolve("dead-letters");
        await().atMost(Duration.ofSeconds(30)).until(() -> contains(deadLetters, "hearth/h3/button"));

        Path homesV2 = Files.writeString(dir.resolve("homes.yaml"), HOMES_V2);
        CliRun apply = CliRun.of("kit", "apply", "--homes", homesV2.toString(), "--broker", brokerUri);
        assertThat(apply.exitCode()).as(apply.err()).isZero();
        assertThat(apply.out()).contains("h3").contains("published as version 1 on " + RegistryControl.TOPIC);

        // Without a restart: h3's help button now reaches its carer, and its status appears.
        await().atMost(Duration.ofSeconds(90)).pollDelay(Duration.ZERO).pollInterval(Duration.ofSeconds(1)).until(() -> {
            publish("hearth/h3/button", press());
            return Files.exists(outbox) && Files.readString(outbox).contains("K.L.");
        });
        await().atMost(Duration.ofSeconds(30)).pollDelay(Duration.ZERO).pollInterval(Duration.ofSeconds(1)).until(() -> {
            status.set(CliRun.of("status", "--broker", brokerUri, "--quiet", "1s"));
            return status.get().out().matches("(?s).*h3\\s+learning 0 of 7 days.*help-button.*");
        });
        assertThat(status.get().out()).contains("h1 ").contains("2 home(s)");
        assertThat(Files.readString(outbox)).contains("\"recipient\":\"h3/carer-0\"").contains("K.L. pressed the help button")
                .doesNotContain("J.S.");
        assertThat(Files.readString(data.resolve("audit.jsonl"))).doesNotContain("+447700900789");
    }

    @Test
    void kitApply_removingAHomeClearsItsRetainedStatusSoStatusNoLongerListsIt() throws Exception {
        Path data = live.data();
        startLiveJob(HOMES_V2);

        AtomicReference<CliRun> status = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(90)).pollDelay(Duration.ZERO).pollInterval(Duration.ofSeconds(1)).until(() -> {
            publish("hearth/h1/pir-kitchen", "{\"ts\": \"" + clock.instant() + "\", \"kind\": \"motion\", \"value\": 1}");
            publish("hearth/h3/button", press());
            status.set(CliRun.of("status", "--broker", brokerUri, "--quiet", "1s"));
            return status.get().out().contains("h1 ") && status.get().out().contains("h3 ");
        });

        Path homesV1 = Files.writeString(dir.resolve("homes.yaml"), HOMES_V1);
        CliRun apply = CliRun.of("kit", "apply", "--homes", homesV1.toString(), "--broker", brokerUri);
        assertThat(apply.exitCode()).as(apply.err()).isZero();

        // The job clears h3's retained status: a fresh reader gets h1 only, and h3 by name gets nothing.
        await().atMost(Duration.ofSeconds(30)).pollDelay(Duration.ZERO).pollInterval(Duration.ofSeconds(1)).until(() -> {
            status.set(CliRun.of("status", "--broker", brokerUri, "--quiet", "1s"));
            return !status.get().out().contains("h3");
        });
        assertThat(status.get().out()).contains("h1 ").contains("1 home(s)");
        CliRun h3 = CliRun.of("status", "--home", "h3", "--broker", brokerUri, "--quiet", "1s");
        assertThat(h3.exitCode()).isEqualTo(1);
        assertThat(h3.out()).contains("no status retained on hearth/status/h3");

        // h3's sensors still talking do not bring its status back: they are dead letters now.
        publish("hearth/h3/button", press());
        await().atMost(Duration.ofSeconds(30)).until(() -> contains(data.resolve("dead-letters"), "hearth/h3/button"));
        assertThat(CliRun.of("status", "--broker", brokerUri, "--quiet", "1s").out()).contains("h1 ").doesNotContain("h3");
    }

    private void startLiveJob(String homes) throws Exception {
        StreamExecutionEnvironment env = live.environment(300);
        IngestOptions ingest = IngestOptions.live(clock)
                .withOutOfOrderness(Duration.ofMillis(200))
                .withAllowedLateness(Duration.ofMillis(500))
                .withIdleAfter(Duration.ofMillis(300));
        LiveJob.Settings settings = live.settings(new DetectionJobConfig(homes, null, EscalationPolicy.defaults()), ingest)
                .withStatusBroker(brokerUri);
        // Every home's topics: the homes kit apply adds are heard without a restart.
        new LiveJob(settings).attach(env, live.allSensors("kit-apply-live-events"),
                ControlStream.attach(env, live.control("kit-apply-live-control")));
        live.start(env, "kit-apply-live-test");
    }

    private String press() {
        return "{\"ts\": \"" + clock.instant() + "\", \"kind\": \"button\", \"value\": 1, \"battery\": 90}";
    }

    private void publish(String topic, String payload) throws Exception {
        hub.publish(topic, payload);
    }

    private static boolean contains(Path dir, String text) throws Exception {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                if (Files.isRegularFile(f) && Files.readString(f).contains(text)) {
                    return true;
                }
            }
        }
        return false;
    }
}
