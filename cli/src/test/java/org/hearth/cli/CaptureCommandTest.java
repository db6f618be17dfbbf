package org.hearth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.hearth.ingest.capture.CapturedMessage;
import org.hearth.installer.testing.Mosquitto;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code hearth capture} against a real broker: what it records is what the broker delivered, byte for byte. */
class CaptureCommandTest {

    @RegisterExtension
    final Mosquitto broker = new Mosquitto();

    @TempDir
    Path dir;

    @Test
    void capture_recordsTopicPayloadBytesQosRetainedAndReceiveTime() throws Exception {
        Path out = dir.resolve("capture.jsonl");
        // Retained before the capture starts: delivered on subscribing, flagged retained (Zigbee2MQTT's bridge/state is).
        publish("zigbee2mqtt/c1/bridge/state", "{\"state\":\"online\"}".getBytes(StandardCharsets.UTF_8), 1, true);
        Instant before = Instant.now();

        CompletableFuture<CliRun> run = CompletableFuture.supplyAsync(() -> CliRun.of("capture", "--broker", broker.url(),
                "--topics", "zigbee2mqtt/c1/#,tele/c1_plug/+", "--out", out.toString(), "--count", "4", "--for", "60s"));
        awaitLines(out, 1);
        byte[] binary = {(byte) 0xff, 0, (byte) 0x80, 'x'};
        publish("tele/c1_plug/LWT", "Offline".getBytes(StandardCharsets.UTF_8), 1, false);
        publish("zigbee2mqtt/c1/hall/pir", binary, 0, false);
        publish("elsewhere/not/captured", "{}".getBytes(StandardCharsets.UTF_8), 1, false);
        publish("zigbee2mqtt/c1/front_door", "{\"contact\":false,\"battery\":97.5}".getBytes(StandardCharsets.UTF_8), 1, false);
        CliRun done = run.get(60, TimeUnit.SECONDS);

        assertThat(done.exitCode()).as(done.err()).isZero();
        assertThat(done.out()).startsWith("capture: 4 messages on 2 topic filter(s) from " + broker.url());
        List<CapturedMessage> lines = Files.readAllLines(out).stream().map(CapturedMessage::parse).toList();
        assertThat(lines).extracting(CapturedMessage::topic).containsExactly(
                "zigbee2mqtt/c1/bridge/state", "tele/c1_plug/LWT", "zigbee2mqtt/c1/hall/pir", "zigbee2mqtt/c1/front_door");
        assertThat(lines.get(0).retained()).isTrue();
        assertThat(lines.get(1).retained()).isFalse();
        assertThat(lines.get(2).qos()).isZero();
        assertThat(lines.get(2).toMqttMessage().payload()).isEqualTo(binary);
        assertThat(lines.get(1).toMqttMessage().payload()).isEqualTo("Offline".getBytes(StandardCharsets.UTF_8));
        assertThat(lines).allSatisfy(l -> assertThat(l.receivedAt()).isAfterOrEqualTo(before.minusSeconds(1)));
    }

    @Test
    void capture_anUnreachableBrokerIsAClearErrorNotATrace() {
        CliRun run = CliRun.of("capture", "--broker", "tcp://127.0.0.1:1", "--out", dir.resolve("c.jsonl").toString(), "--for", "5s");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("cannot connect to the MQTT broker at tcp://127.0.0.1:1").doesNotContain("Exception");
    }

    private void publish(String topic, byte[] payload, int qos, boolean retained) throws Exception {
        MqttClient client = new MqttClient(broker.url(), "capture-test-" + System.nanoTime(), new MemoryPersistence());
        client.connect();
        MqttMessage m = new MqttMessage(payload);
        m.setQos(qos);
        m.setRetained(retained);
        client.publish(topic, m);
        client.disconnect();
        client.close();
    }

    private static void awaitLines(Path file, int n) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (Files.exists(file) && Files.readAllLines(file).size() >= n) {
                    return;
                }
            } catch (java.io.IOException e) {
                // being written
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the capture wrote fewer than " + n + " line(s) in 30 s");
    }
}
