package org.hearth.alerts.ack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.paho.mqttv5.client.IMqttMessageListener;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.hearth.alerts.Peers;
import org.hearth.models.json.HearthJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ack topic on a real broker (Debian's Mosquitto, MQTT 5); skipped where it is not installed. */
class MqttAckPublisherTest {

    private static final String MOSQUITTO = "/usr/sbin/mosquitto";

    @TempDir
    Path dir;

    @Test
    void publish_reachesASubscriberOnTheHomesAckTopic() throws Exception {
        assumeTrue(Peers.executable(MOSQUITTO), "mosquitto not installed (apt-get install mosquitto): skipping the MQTT ack test");
        int port = Peers.freePort();
        Path conf = dir.resolve("mosquitto.conf");
        Files.writeString(conf, "listener " + port + " 127.0.0.1\nallow_anonymous true\npersistence false\n");
        Process broker = new ProcessBuilder(MOSQUITTO, "-c", conf.toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("mosquitto.out").toFile()).start();
        try {
            Peers.awaitListening(port, Duration.ofSeconds(10), broker, dir.resolve("mosquitto.out"));
            String url = "tcp://127.0.0.1:" + port;
            List<Acknowledgement> received = new CopyOnWriteArrayList<>();
            MqttClient subscriber = new MqttClient(url, "job-test", new MemoryPersistence());
            subscriber.connect();
            // Paho 1.2.5's subscribe(String, int, listener) recurses into itself (StackOverflowError): use the array form.
            subscriber.subscribe(new MqttSubscription[] {new MqttSubscription("hearth/ack/+", 1)},
                    new IMqttMessageListener[] {(topic, message) -> {
                        assertThat(topic).isEqualTo("hearth/ack/h1");
                        received.add(HearthJson.json().readValue(message.getPayload(), Acknowledgement.class));
                    }});
            Acknowledgement ack = new Acknowledgement("h1", "4821", "carer-1", Instant.parse("2026-11-23T09:12:00Z"));
            try (MqttAckPublisher publisher = new MqttAckPublisher(url, "hearth-ack-endpoint")) {
                publisher.publish(ack);
            }
            await().atMost(Duration.ofSeconds(5)).until(() -> received.size() == 1);
            assertThat(received).containsExactly(ack);
            subscriber.disconnect();
            subscriber.close();
        } finally {
            Peers.stop(broker);
        }
    }
}
