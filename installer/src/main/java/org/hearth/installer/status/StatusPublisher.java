package org.hearth.installer.status;

import java.time.Duration;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.hearth.ingest.source.MqttSecurity;
import org.hearth.installer.mqtt.Broker;
import org.hearth.installer.mqtt.BrokerException;
import org.hearth.models.status.HomeStatus;

/**
 * Publishes home statuses retained at QoS 1 on {@code hearth/status/{homeId}}: the broker keeps
 * the last one per home, so {@code hearth status} gets every home's current status on subscribing,
 * even from a job that publishes once an hour.
 */
public final class StatusPublisher implements AutoCloseable {

    private final MqttClient client;

    private StatusPublisher(MqttClient client) {
        this.client = client;
    }

    /** @throws BrokerException when the broker cannot be reached */
    public static StatusPublisher connect(String brokerUrl) {
        return connect(brokerUrl, MqttSecurity.none());
    }

    /** @throws BrokerException when the broker cannot be reached or refuses the credentials */
    public static StatusPublisher connect(String brokerUrl, MqttSecurity security) {
        return new StatusPublisher(Broker.connect(brokerUrl, "status", null, Duration.ofSeconds(10), security));
    }

    /** Publishes and waits for the broker's acknowledgement. */
    public void publish(HomeStatus status) {
        send(StatusTopics.of(status.homeId()), HomeStatusJson.write(status));
    }

    /** Removes a home's retained status (the home left the registry): an empty retained message. */
    public void clear(String homeId) {
        send(StatusTopics.of(homeId), new byte[0]);
    }

    private void send(String topic, byte[] payload) {
        MqttMessage message = new MqttMessage(payload);
        message.setQos(1);
        message.setRetained(true);
        try {
            client.publish(topic, message);
        } catch (MqttException e) {
            throw new BrokerException("publishing " + topic + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        Broker.close(client);
    }
}
