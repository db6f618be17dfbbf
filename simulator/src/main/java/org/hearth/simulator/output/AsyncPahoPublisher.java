package org.hearth.simulator.output;

import javax.net.SocketFactory;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/**
 * Publishes at QoS 1 with up to {@code window} messages awaiting their PUBACK, so that publishing
 * days of history is limited by the broker rather than by one round trip per message. The window
 * never exceeds the Receive Maximum the broker announces on connecting (Mosquitto: its
 * {@code max_inflight_messages}, 20 by default; HiveMQ: 10 by default), so a run at full speed
 * waits for the broker instead of failing (see {@link InFlightWindow}). Order is kept: MQTT
 * delivers one client's QoS 1 messages on a topic in the order they were sent.
 */
public final class AsyncPahoPublisher implements MessagePublisher {

    /** How long a publish may wait for room in the window, and close for the last PUBACKs. */
    private static final long PUBACK_TIMEOUT_MS = 60_000;

    private final MqttAsyncClient client;
    private final InFlightWindow window;

    /**
     * @param window at most this many unacknowledged messages; fewer when the broker allows fewer
     */
    public AsyncPahoPublisher(String url, String clientId, int window) throws MqttException {
        this(url, clientId, window, null);
    }

    /**
     * @param window at most this many unacknowledged messages; fewer when the broker allows fewer
     * @param sockets the client's sockets for a {@code tcp://} url (e.g. ingest's buffered ones: Paho reads each PUBACK's
     *     header a byte at a time, a system call each), or null for Paho's own
     */
    public AsyncPahoPublisher(String url, String clientId, int window, SocketFactory sockets) throws MqttException {
        if (window < 1) {
            throw new IllegalArgumentException("window must be at least 1");
        }
        if (sockets != null && url.startsWith("ssl://") && !(sockets instanceof javax.net.ssl.SSLSocketFactory)) {
            throw new IllegalArgumentException("an ssl:// broker needs a TLS socket factory, not " + sockets.getClass().getSimpleName());
        }
        client = new MqttAsyncClient(url, clientId, new MemoryPersistence());
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(true);
        options.setConnectionTimeout(10);
        // A broker restart between two readings of a real-time run should not end it.
        options.setAutomaticReconnect(true);
        if (sockets != null) {
            options.setSocketFactory(sockets);
        }
        IMqttToken connected = client.connect(options);
        connected.waitForCompletion(10_000);
        this.window = new InFlightWindow(Math.min(window, receiveMaximum(connected)), PUBACK_TIMEOUT_MS);
    }

    /** The broker's Receive Maximum from its CONNACK (65535, MQTT's default, when it says none). */
    private static int receiveMaximum(IMqttToken connected) {
        MqttProperties properties = connected.getResponseProperties();
        Integer max = properties == null ? null : properties.getReceiveMaximum();
        return max == null || max < 1 ? 65_535 : max;
    }

    /** How many messages may await their PUBACK: the requested window or the broker's limit, whichever is smaller. */
    public int window() {
        return window.size();
    }

    @Override
    public void publish(String topic, byte[] payload) throws MqttException, InterruptedException, PublishFailedException {
        window.take();
        MqttMessage message = new MqttMessage(payload);
        message.setQos(1);
        try {
            client.publish(topic, message, null, window);
        } catch (MqttException | RuntimeException e) {
            window.giveBack();
            throw e;
        }
    }

    /** Waits until every message published so far is acknowledged by the broker. */
    public void flush() throws InterruptedException, PublishFailedException {
        window.drain();
    }

    @Override
    public void close() throws MqttException, InterruptedException, PublishFailedException {
        try {
            if (client.isConnected()) {
                window.drain();
                client.disconnect().waitForCompletion(10_000);
            }
        } finally {
            client.close();
        }
    }
}
