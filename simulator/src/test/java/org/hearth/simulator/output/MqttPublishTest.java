package org.hearth.simulator.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.SocketFactory;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.hearth.simulator.ProgressListener;
import org.hearth.simulator.SimulationConfig;
import org.hearth.simulator.SimulationSummary;
import org.hearth.simulator.Simulator;
import org.hearth.simulator.anomaly.AnomalyRates;
import org.hearth.simulator.home.HubStyle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Publishes a simulated day to a real broker (Debian's mosquitto on a free loopback port). */
class MqttPublishTest {

    private static final Path MOSQUITTO = Path.of("/usr/sbin/mosquitto");
    private Process broker;

    @AfterEach
    void stopBroker() throws Exception {
        if (broker != null) {
            broker.destroy();
            broker.waitFor();
        }
    }

    @Test
    void run_publishesEveryReadingAtQos1InEachHomesForm(@TempDir Path dir) throws Exception {
        String url = startBroker(dir);

        List<String> topics = new CopyOnWriteArrayList<>();
        List<String> payloads = new CopyOnWriteArrayList<>();
        MqttClient subscriber = new MqttClient(url, "test-subscriber", new MemoryPersistence());
        subscriber.setCallback(new Recorder(topics, payloads));
        subscriber.connect();
        subscriber.subscribe(new String[] {"hearth/#", "zigbee2mqtt/#"}, new int[] {1, 1});

        SimulationConfig config = SimulationConfig.of(2, 1, 3).withHubStyle(HubStyle.MIXED).withAnomalies(AnomalyRates.NONE);
        SimulationSummary summary;
        try (MqttEventSink sink = new MqttEventSink(new PahoPublisher(url, "hearth-simulator-test"),
                new Pacer(Clock.systemUTC(), Sleeper.SYSTEM, Double.POSITIVE_INFINITY))) {
            summary = new Simulator(Clock.systemUTC()).run(config, sink, null, ProgressListener.NONE);
            assertThat(sink.published()).isEqualTo(summary.events());
        }
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (topics.size() < summary.events() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        subscriber.disconnect();
        subscriber.close();

        assertThat(topics).hasSize((int) summary.events());
        assertThat(topics).anyMatch(t -> t.startsWith("hearth/h1/")).anyMatch(t -> t.startsWith("zigbee2mqtt/h2/"));
        assertThat(topics).noneMatch(t -> t.startsWith("hearth/h2/"));
        assertThat(payloads).anyMatch(p -> p.contains("\"occupancy\":true"));
    }

    @Test
    void aPlainSocketFactoryForAnSslBroker_isRefusedBeforeConnecting() {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> new AsyncPahoPublisher("ssl://127.0.0.1:1", "refused", 10, SocketFactory.getDefault()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("TLS socket factory");
    }

    @Test
    void publish_goesThroughTheGivenSockets(@TempDir Path dir) throws Exception {
        String url = startBroker(dir);
        AtomicInteger sockets = new AtomicInteger();
        AtomicLong bytesIn = new AtomicLong();
        SocketFactory counting = new SocketFactory() {
            @Override
            public Socket createSocket() {
                sockets.incrementAndGet();
                return new Socket() {
                    @Override
                    public InputStream getInputStream() throws IOException {
                        return new FilterInputStream(super.getInputStream()) {
                            @Override
                            public int read() throws IOException {
                                int b = super.read();
                                bytesIn.addAndGet(b < 0 ? 0 : 1);
                                return b;
                            }

                            @Override
                            public int read(byte[] buffer, int offset, int length) throws IOException {
                                int n = super.read(buffer, offset, length);
                                bytesIn.addAndGet(Math.max(0, n));
                                return n;
                            }
                        };
                    }
                };
            }

            @Override
            public Socket createSocket(String host, int port) {
                throw new UnsupportedOperationException("Paho creates an unconnected socket");
            }

            @Override
            public Socket createSocket(String host, int port, InetAddress local, int localPort) {
                throw new UnsupportedOperationException("Paho creates an unconnected socket");
            }

            @Override
            public Socket createSocket(InetAddress host, int port) {
                throw new UnsupportedOperationException("Paho creates an unconnected socket");
            }

            @Override
            public Socket createSocket(InetAddress host, int port, InetAddress local, int localPort) {
                throw new UnsupportedOperationException("Paho creates an unconnected socket");
            }
        };
        try (AsyncPahoPublisher publisher = new AsyncPahoPublisher(url, "sockets-test", 10, counting)) {
            long afterConnect = bytesIn.get();
            for (int i = 0; i < 20; i++) {
                publisher.publish("hearth/h1/pir", ("{\"n\":" + i + "}").getBytes(StandardCharsets.UTF_8));
            }
            publisher.flush();
            assertThat(sockets).hasValue(1);
            // CONNACK before; then 20 PUBACKs, 4 bytes each at least, all read through the given socket
            assertThat(afterConnect).isPositive();
            assertThat(bytesIn.get() - afterConnect).isGreaterThanOrEqualTo(20 * 4);
        }
    }

    /** Starts mosquitto on a free loopback port in {@code dir}; its url. */
    private String startBroker(Path dir) throws Exception {
        assumeThat(Files.isExecutable(MOSQUITTO)).as("mosquitto installed").isTrue();
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path conf = Files.writeString(dir.resolve("mosquitto.conf"),
                "listener " + port + " 127.0.0.1\nallow_anonymous true\npersistence false\nmax_queued_messages 0\nmax_inflight_messages 0\n");
        broker = new ProcessBuilder(MOSQUITTO.toString(), "-c", conf.toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("mosquitto.log").toFile()).start();
        awaitPort(port);
        return "tcp://127.0.0.1:" + port;
    }

    private static void awaitPort(int port) throws Exception {
        for (int i = 0; i < 100; i++) {
            try (Socket socket = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException e) {
                Thread.sleep(50);
            }
        }
        throw new IllegalStateException("mosquitto did not start on port " + port);
    }

    private record Recorder(List<String> topics, List<String> payloads) implements MqttCallback {
        @Override
        public void messageArrived(String topic, MqttMessage message) {
            topics.add(topic);
            payloads.add(new String(message.getPayload(), StandardCharsets.UTF_8));
        }

        @Override
        public void disconnected(MqttDisconnectResponse response) {}

        @Override
        public void mqttErrorOccurred(MqttException exception) {}

        @Override
        public void deliveryComplete(IMqttToken token) {}

        @Override
        public void connectComplete(boolean reconnect, String serverUri) {}

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {}
    }
}
