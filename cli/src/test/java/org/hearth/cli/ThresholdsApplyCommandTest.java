package org.hearth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.hearth.ingest.control.ControlMessage;
import org.hearth.installer.control.RegistryControl;
import org.hearth.installer.mqtt.Broker;
import org.hearth.installer.testing.Mosquitto;
import org.hearth.job.DetectionFixtures;
import org.hearth.live.ControlStream;
import org.hearth.models.alert.Rule;
import org.hearth.models.rules.DetectionSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code hearth thresholds apply} publishes the thresholds retained; the live job's control stream reads them. */
class ThresholdsApplyCommandTest {

    private static final String CALMER = """
            version: 1
            defaults:
              no-kettle: {quantile: 0.95, margin: 90m}
            """;

    @RegisterExtension
    final Mosquitto broker = new Mosquitto();

    @TempDir
    Path dir;

    @Test
    void apply_publishesRetainedVersionsThatTheJobReadsAndSkipsARepeat() throws Exception {
        Path file = Files.writeString(dir.resolve("calmer.yaml"), CALMER);

        CliRun first = CliRun.of("thresholds", "apply", "--thresholds", file.toString(), "--broker", broker.url());
        CliRun again = CliRun.of("thresholds", "apply", "--thresholds", file.toString(), "--broker", broker.url());
        Files.writeString(file, CALMER.replace("90m", "120m"));
        CliRun changed = CliRun.of("thresholds", "apply", "--thresholds", file.toString(), "--broker", broker.url());

        assertThat(first.exitCode()).isZero();
        assertThat(first.out()).isEqualTo("hearth thresholds apply: calmer.yaml published as version 1 on hearth/control/thresholds\n");
        assertThat(again.out()).isEqualTo("hearth thresholds apply: calmer.yaml is already applied (version 1); nothing published\n");
        assertThat(changed.out()).isEqualTo("hearth thresholds apply: calmer.yaml published as version 2 on hearth/control/thresholds\n");

        byte[] retained = retained(RegistryControl.THRESHOLDS_TOPIC);
        assertThat(RegistryControl.fromJson(retained, RegistryControl.THRESHOLDS).version()).isEqualTo(2);
        ControlMessage asTheJobReadsIt = ControlStream.read(retained);
        assertThat(asTheJobReadsIt).isEqualTo(ControlMessage.thresholds(CALMER.replace("90m", "120m")));
        DetectionSettings applied = DetectionSettings.parse(DetectionFixtures.HOMES, asTheJobReadsIt.text());
        assertThat(applied.settings().thresholds().settings(Rule.NO_KETTLE, applied.registry().homes().get(0)).margin())
                .isEqualTo(120.0);
    }

    @Test
    void apply_brokenThresholdsPublishNothingAndExitOneNamingFileAndLine() throws Exception {
        Path file = Files.writeString(dir.resolve("bad.yaml"), """
                version: 1
                defaults:
                  not-a-rule: {margin: 20m}
                """);

        CliRun run = CliRun.of("thresholds", "apply", "--thresholds", file.toString(), "--broker", broker.url());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).startsWith("error bad.yaml:3");
        assertThat(run.out()).isEqualTo("hearth thresholds apply: bad.yaml has errors; nothing published\n");
        assertThat(retained(RegistryControl.THRESHOLDS_TOPIC)).isNull();
    }

    /** The retained payload on a topic, or null when none comes within a second. */
    private byte[] retained(String topic) throws Exception {
        CompletableFuture<byte[]> first = new CompletableFuture<>();
        MqttClient client = Broker.connect(broker.url(), "retained-probe", new org.eclipse.paho.mqttv5.client.MqttCallback() {
            @Override
            public void messageArrived(String t, org.eclipse.paho.mqttv5.common.MqttMessage m) {
                first.complete(m.getPayload());
            }

            @Override
            public void disconnected(org.eclipse.paho.mqttv5.client.MqttDisconnectResponse r) {}

            @Override
            public void mqttErrorOccurred(org.eclipse.paho.mqttv5.common.MqttException e) {}

            @Override
            public void deliveryComplete(org.eclipse.paho.mqttv5.client.IMqttToken token) {}

            @Override
            public void connectComplete(boolean reconnect, String uri) {}

            @Override
            public void authPacketArrived(int reasonCode, org.eclipse.paho.mqttv5.common.packet.MqttProperties p) {}
        }, Duration.ofSeconds(10));
        try {
            client.subscribe(topic, 1);
            return first.completeOnTimeout(null, 1, TimeUnit.SECONDS).get();
        } finally {
            Broker.close(client);
        }
    }
}
