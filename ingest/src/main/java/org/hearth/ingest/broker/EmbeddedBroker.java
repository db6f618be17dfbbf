package org.hearth.ingest.broker;

import com.codahale.metrics.Counter;
import com.hivemq.configuration.service.InternalConfigurations;
import com.hivemq.embedded.EmbeddedHiveMQ;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An in-process MQTT 5 broker (HiveMQ Community Edition embedded) for the demo and the tests,
 * bound to loopback, sized for a subscriber that holds its PUBACKs until a Flink checkpoint.
 *
 * <p>HiveMQ's defaults would lose data here: it queues at most 1000 messages per client and then
 * discards new ones, even for an online client whose in-flight window is full. This broker
 * queues {@code maxQueuedMessages} per client instead (default one million) and accepts up to
 * {@code serverReceiveMaximum} unacknowledged messages from each publisher. Sessions live in memory.
 *
 * <p>PLATFORM.md's settlement of HiveMQ's classpath clashes applies: built
 * {@code withoutLoggingBootstrap()}, its folders created first, its RocksDB excluded in the root pom.
 */
public final class EmbeddedBroker implements BrokerDrops, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedBroker.class);
    private static final String DROPPED = "com.hivemq.messages.dropped.count";

    private final EmbeddedHiveMQ hivemq;
    private final String host;
    private final int port;

    private EmbeddedBroker(EmbeddedHiveMQ hivemq, String host, int port) {
        this.hivemq = hivemq;
        this.host = host;
        this.port = port;
    }

    public static Builder builder(Path workDir) {
        return new Builder(workDir);
    }

    /** The port it listens on (loopback). */
    public int port() {
        return port;
    }

    /** {@code tcp://127.0.0.1:{port}}, for Paho and {@code MqttSource.builder().serverUri(...)}. */
    public String uri() {
        return "tcp://" + host + ":" + port;
    }

    @Override
    public long droppedMessages() {
        Counter c = hivemq.getMetricRegistry().getCounters().get(DROPPED);
        return c == null ? 0 : c.getCount();
    }

    @Override
    public void close() {
        try {
            hivemq.stop().get(30, TimeUnit.SECONDS);
            hivemq.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("embedded broker did not stop cleanly: {}", e.toString());
        }
    }

    /** Configures and starts an {@link EmbeddedBroker}. */
    public static final class Builder {
        private final Path workDir;
        private String bindAddress = "127.0.0.1";
        private int port;
        private long maxQueuedMessages = 1_000_000;
        private int serverReceiveMaximum = 1_000;
        private int inflightWindow = 30_000;
        private boolean sharedSubscriptions = true;

        private Builder(Path workDir) {
            this.workDir = workDir;
        }

        /** Fixed port, or 0 (default) for a free one. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public Builder bindAddress(String address) {
            this.bindAddress = address;
            return this;
        }

        /** Messages queued per client beyond its in-flight window before the broker drops. */
        public Builder maxQueuedMessages(long max) {
            this.maxQueuedMessages = max;
            return this;
        }

        /** Unacknowledged QoS 1/2 messages each publisher may have in flight to the broker. */
        public Builder serverReceiveMaximum(int max) {
            this.serverReceiveMaximum = max;
            return this;
        }

        /**
         * Unacknowledged messages HiveMQ sends one client before waiting for PUBACKs (default
         * 30000: HiveMQ reserves a whole window of packet ids per poll out of 65535, so a window
         * near the MQTT maximum fails with NoMessageIdAvailableException). HiveMQ CE caps this at 50 whatever the client's Receive
         * Maximum, and polls a client's queue again only once its in-flight batch is acknowledged:
         * with PUBACKs held until a checkpoint, at most one window is delivered per checkpoint.
         * This is a JVM-wide HiveMQ setting (one embedded broker per JVM).
         */
        public Builder inflightWindow(int window) {
            this.inflightWindow = window;
            return this;
        }

        /** Whether the broker offers MQTT 5 shared subscriptions (default yes; off to test a broker without them). */
        public Builder sharedSubscriptions(boolean enabled) {
            this.sharedSubscriptions = enabled;
            return this;
        }

        /** Starts the broker and waits until it listens. */
        public EmbeddedBroker start() {
            RuntimeException last = null;
            for (int attempt = 0; attempt < 5; attempt++) {
                int chosen = port != 0 ? port : freePort(bindAddress);
                try {
                    return startOn(chosen);
                } catch (RuntimeException e) {
                    last = e; // another process took the port between probe and bind: try another
                    if (port != 0) {
                        break;
                    }
                }
            }
            throw last;
        }

        private EmbeddedBroker startOn(int chosenPort) {
            try {
                Path conf = Files.createDirectories(workDir.resolve("conf"));
                Path data = Files.createDirectories(workDir.resolve("data"));
                Path extensions = Files.createDirectories(workDir.resolve("extensions"));
                Files.writeString(conf.resolve("config.xml"), configXml(chosenPort));
                // Not in config.xml: HiveMQ CE exposes these only as internal settings.
                InternalConfigurations.MAX_INFLIGHT_WINDOW_SIZE_MESSAGES = inflightWindow;
                InternalConfigurations.PUBLISH_POLL_BATCH_SIZE = inflightWindow;
                EmbeddedHiveMQ hivemq = EmbeddedHiveMQ.builder()
                        .withConfigurationFolder(conf)
                        .withDataFolder(data)
                        .withExtensionsFolder(extensions)
                        .withoutLoggingBootstrap()
                        .build();
                try {
                    hivemq.start().get(60, TimeUnit.SECONDS);
                } catch (ExecutionException | TimeoutException e) {
                    try {
                        hivemq.close();
                    } catch (Exception ignored) {
                        // best effort
                    }
                    throw new IllegalStateException("embedded HiveMQ did not start on port " + chosenPort, e);
                }
                LOG.info("embedded MQTT broker listening on {}:{}", bindAddress, chosenPort);
                return new EmbeddedBroker(hivemq, bindAddress, chosenPort);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        String configXml(int chosenPort) {
            return """
                    <?xml version="1.0"?>
                    <hivemq>
                        <listeners>
                            <tcp-listener>
                                <port>%d</port>
                                <bind-address>%s</bind-address>
                            </tcp-listener>
                        </listeners>
                        <mqtt>
                            <!-- Held PUBACKs make the broker queue: size for the longest checkpoint pause (ingest/README.md). -->
                            <queued-messages>
                                <max-queue-size>%d</max-queue-size>
                                <strategy>discard</strategy>
                            </queued-messages>
                            <receive-maximum>
                                <server-receive-maximum>%d</server-receive-maximum>
                            </receive-maximum>
                            <shared-subscriptions>
                                <enabled>%b</enabled>
                            </shared-subscriptions>
                        </mqtt>
                        <persistence>
                            <mode>in-memory</mode>
                        </persistence>
                        <anonymous-usage-statistics>
                            <enabled>false</enabled>
                        </anonymous-usage-statistics>
                    </hivemq>
                    """.formatted(chosenPort, bindAddress, maxQueuedMessages, serverReceiveMaximum, sharedSubscriptions);
        }

        private static int freePort(String address) {
            try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(address))) {
                s.setReuseAddress(true);
                return s.getLocalPort();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
