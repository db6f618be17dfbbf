package org.hearth.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.hearth.ingest.broker.EmbeddedBroker;
import org.hearth.ingest.broker.MessageCallback;
import org.hearth.installer.testing.Mosquitto;
import org.hearth.simulator.output.AsyncPahoPublisher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hearth simulate --mqtt URL --speed max} publishes every reading, however few publishes the
 * broker lets a client have in flight (its MQTT 5 Receive Maximum): it used to stop after some
 * hundreds of messages with Paho's 32202 "too many publishes in progress".
 */
class SimulateMqttTest {

    private static final Pattern EVENTS = Pattern.compile(": (\\d+) events \\(");

    @RegisterExtension
    final Mosquitto mosquitto = new Mosquitto();

    @TempDir
    Path dir;

    @Test
    void simulate_atMaxSpeedPublishesEveryMessageToAnEmbeddedBrokerAllowingTenInFlight() throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.builder(dir.resolve("broker")).serverReceiveMaximum(10).start()) {
            try (AsyncPahoPublisher probe = new AsyncPahoPublisher(broker.uri(), "window-probe", 500)) {
                assertThat(probe.window()).isEqualTo(10); // the broker's limit, not the 500 asked for
            }
            publishAllAndCount(broker.uri());
        }
    }

    @Test
    void simulate_atMaxSpeedPublishesEveryMessageToMosquittoWithItsDefaultInFlightLimit() throws Exception {
        publishAllAndCount(mosquitto.url()); // max_inflight_messages 20: CONNACK's Receive Maximum
    }

    private void publishAllAndCount(String url) throws Exception {
        AtomicLong received = new AtomicLong();
        MqttClient subscriber = new MqttClient(url, "simulate-counter", new MemoryPersistence());
        subscriber.setCallback(new Counter(received));
        subscriber.connect(new MqttConnectionOptions());
        subscriber.subscribe(new String[] {"hearth/#", "zigbee2mqtt/#"}, new int[] {1, 1});
        try {
            CliRun run = CliRun.of("simulate", "--homes", "6", "--days", "3", "--seed", "11", "--kit", "mixed",
                    "--mqtt", url, "--speed", "max");

            assertThat(run.exitCode()).as(run.err()).isZero();
            Matcher m = EVENTS.matcher(run.out());
            assertThat(m.find()).as(run.out()).isTrue();
            long events = Long.parseLong(m.group(1));
            assertThat(events).isGreaterThan(3_000);
            await().atMost(Duration.ofSeconds(30)).until(() -> received.get() >= events);
            Thread.sleep(500); // nothing more than was published arrives later
            assertThat(received.get()).isEqualTo(events);
        } finally {
            subscriber.disconnect();
            subscriber.close();
        }
    }

    private record Counter(AtomicLong received) implements MessageCallback {
        @Override
        public void messageArrived(String topic, MqttMessage message) {
            received.incrementAndGet();
        }
    }
}
