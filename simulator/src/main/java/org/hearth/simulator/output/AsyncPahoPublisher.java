package org.hearth.simulator.output;

import java.util.ArrayDeque;
import java.util.Deque;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;

/**
 * Publishes at QoS 1 with up to {@code window} messages awaiting their PUBACK, so that publishing
 * days of history is limited by the broker rather than by one round trip per message. Order is
 * kept: MQTT delivers one client's QoS 1 messages on a topic in the order they were sent.
 */
public final class AsyncPahoPublisher implements MessagePublisher {

    private final MqttAsyncClient client;
    private final int window;
    private final Deque<IMqttToken> inFlight = new ArrayDeque<>();

    /**
     * @param window at most this many unacknowledged messages (keep it under the broker's receive maximum)
     */
    public AsyncPahoPublisher(String url, String clientId, int window) throws MqttException {
        if (window < 1) {
            throw new IllegalArgumentException("window must be at least 1");
        }
        this.window = window;
        client = new MqttAsyncClient(url, clientId, new MemoryPersistence());
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(true);
        options.setConnectionTimeout(10);
        client.connect(options).waitForCompletion(10_000);
    }

    @Override
    public void publish(String topic, byte[] payload) throws MqttException {
        while (inFlight.size() >= window) {
            inFlight.removeFirst().waitForCompletion(30_000);
        }
        MqttMessage message = new MqttMessage(payload);
        message.setQos(1);
        while (true) {
            try {
                inFlight.addLast(client.publish(topic, message));
                return;
            } catch (MqttException e) {
                // The broker may allow fewer in flight than the window (its Receive Maximum): wait for one.
                if (e.getReasonCode() != MqttClientException.REASON_CODE_MAX_INFLIGHT || inFlight.isEmpty()) {
                    throw e;
                }
                inFlight.removeFirst().waitForCompletion(30_000);
            }
        }
    }

    @Override
    public void close() throws MqttException {
        while (!inFlight.isEmpty()) {
            inFlight.removeFirst().waitForCompletion(30_000);
        }
        if (client.isConnected()) {
            client.disconnect().waitForCompletion(10_000);
        }
        client.close();
    }
}
