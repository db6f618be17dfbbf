package org.hearth.simulator.output;

import org.eclipse.paho.mqttv5.common.MqttException;

/**
 * Publishes at QoS 1, returning only once the broker acknowledged the message (one round trip per
 * message: for a few messages whose timing matters, e.g. a help-button press; for volume, use
 * {@link AsyncPahoPublisher}).
 */
public final class PahoPublisher implements MessagePublisher {

    private final AsyncPahoPublisher publisher;

    /**
     * @param url e.g. {@code tcp://localhost:1883}
     * @param clientId unique per simulator instance
     */
    public PahoPublisher(String url, String clientId) throws MqttException {
        publisher = new AsyncPahoPublisher(url, clientId, 1);
    }

    @Override
    public void publish(String topic, byte[] payload) throws Exception {
        publisher.publish(topic, payload);
        publisher.flush();
    }

    @Override
    public void close() throws Exception {
        publisher.close();
    }
}
