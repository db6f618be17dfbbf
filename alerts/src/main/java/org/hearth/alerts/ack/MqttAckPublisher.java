package org.hearth.alerts.ack;

import java.util.Objects;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;

/**
 * Publishes carers' commands (acknowledgements, away modes) to {@code hearth/ack/{homeId}} at QoS 1 with Paho's MQTT 5 client,
 * waiting for the broker's PUBACK, so that an answered gateway callback means the broker has it.
 * (Note for subscribers: {@code hearth/+/+} also matches this topic; ingest should ignore or
 * exclude {@code hearth/ack/#}.)
 */
public final class MqttAckPublisher implements AckPublisher, AutoCloseable {

    private final MqttClient client;

    /**
     * @param brokerUrl e.g. {@code tcp://127.0.0.1:1883}
     * @param clientId a stable id for this endpoint
     */
    public MqttAckPublisher(String brokerUrl, String clientId) throws MqttException {
        Objects.requireNonNull(brokerUrl, "brokerUrl");
        client = new MqttClient(brokerUrl, clientId, new MemoryPersistence());
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setAutomaticReconnect(true);
        options.setCleanStart(true);
        options.setConnectionTimeout(10);
        client.connect(options);
    }

    @Override
    public void publish(Acknowledgement ack) throws Exception {
        send(ack);
    }

    @Override
    public void publish(AwayCommand away) throws Exception {
        send(away);
    }

    private void send(CarerCommand command) throws Exception {
        MqttMessage message = new MqttMessage(command.payload());
        message.setQos(1);
        client.publish(CarerCommand.topic(command.homeId()), message);
    }

    @Override
    public void close() throws MqttException {
        if (client.isConnected()) {
            client.disconnect();
        }
        client.close();
    }
}
