package org.hearth.alerts.ack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.paho.mqttv5.client.IMqttMessageListener;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.hearth.alerts.Peers;
import org.hearth.alerts.TestHomes;
import org.hearth.alerts.config.AlertsConfig;
import org.hearth.models.registry.KitRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The inbound path as a deployment wires it: a gateway's callback (Kannel's get-url) reaches the
 * endpoint, and the carer's "OK 4821" and "AWAY 2d" come out on {@code hearth/ack/h1} of a real
 * broker (Debian's Mosquitto; skipped where it is not installed).
 */
class CallbackEndpointTest {

    private static final String MOSQUITTO = "/usr/sbin/mosquitto";

    @TempDir
    Path dir;

    @Test
    void start_publishesCarersTextsOnTheHomesAckTopic() throws Exception {
        assumeTrue(Peers.executable(MOSQUITTO), "mosquitto not installed (apt-get install mosquitto): skipping");
        int port = Peers.freePort();
        Path conf = dir.resolve("mosquitto.conf");
        Files.writeString(conf, "listener " + port + " 127.0.0.1\nallow_anonymous true\npersistence false\n");
        Process broker = new ProcessBuilder(MOSQUITTO, "-c", conf.toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("mosquitto.out").toFile()).start();
        try {
            Peers.awaitListening(port, Duration.ofSeconds(10), broker, dir.resolve("mosquitto.out"));
            String url = "tcp://127.0.0.1:" + port;
            List<CarerCommand> received = new CopyOnWriteArrayList<>();
            MqttClient job = new MqttClient(url, "job", new MemoryPersistence());
            job.connect();
            job.subscribe(new MqttSubscription[] {new MqttSubscription("hearth/ack/+", 1)},
                    new IMqttMessageListener[] {(topic, message) -> received.add(CarerCommand.read(message.getPayload()))});

            AlertsConfig config = AlertsConfig.parse("callbacks: {bind: 127.0.0.1, port: 0}\n");
            Map<String, String> env = Map.of("HEARTH_KANNEL_CALLBACK_TOKEN", "k-token", "HEARTH_AUDIT_SALT", "salt");
            try (CallbackEndpoint endpoint = CallbackEndpoint.start(config, new KitRegistry(List.of(TestHomes.home())), url, env,
                    dir.resolve("data"), Clock.systemUTC())) {
                HttpClient http = HttpClient.newHttpClient();
                assertThat(kannel(http, endpoint.port(), "k-token", "OK 4821")).isEqualTo(200);
                assertThat(kannel(http, endpoint.port(), "k-token", "away 2d")).isEqualTo(200);
                assertThat(kannel(http, endpoint.port(), "wrong", "OK 1111")).isEqualTo(403);
                await().atMost(Duration.ofSeconds(5)).until(() -> received.size() == 2);
            }
            job.disconnect();
            job.close();
            assertThat(received.get(0)).isInstanceOfSatisfying(Acknowledgement.class, a -> {
                assertThat(a.homeId()).isEqualTo("h1");
                assertThat(a.code()).isEqualTo("4821");
                assertThat(a.by()).isEqualTo("carer-0");
            });
            assertThat(received.get(1)).isInstanceOfSatisfying(AwayCommand.class, a -> {
                assertThat(a.isBack()).isFalse();
                assertThat(Duration.between(a.at(), a.until())).isEqualTo(Duration.ofDays(2));
            });
            // The away confirmation went to the endpoint's own outbox, apart from the job's delivery files.
            Path outbox = dir.resolve("data/callbacks/outbox/sms.jsonl");
            assertThat(outbox).as("audit: %s", Files.readString(dir.resolve("data/callbacks/audit.jsonl"))).exists();
            assertThat(Files.readString(outbox)).contains("paused (holiday)");
        } finally {
            Peers.stop(broker);
        }
    }

    private static int kannel(HttpClient http, int port, String token, String text) throws Exception {
        String query = "token=" + token + "&from=" + URLEncoder.encode(TestHomes.SAM_PHONE, StandardCharsets.UTF_8)
                + "&text=" + URLEncoder.encode(text, StandardCharsets.UTF_8);
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/sms/kannel/inbound?" + query)).GET().build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
