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
    private final MqttConnectionOptions options = new MqttConnectionOptions();
    private boolean everConnected;

    /**
     * Connects now (the callback endpoint: a broker it cannot reach is a start-up error).
     *
     * @param brokerUrl e.g. {@code tcp://127.0.0.1:1883}
     * @param clientId a stable id for this endpoint
     */
    public MqttAckPublisher(String brokerUrl, String clientId) throws MqttException {
        this(brokerUrl, clientId, true);
    }

    private MqttAckPublisher(String brokerUrl, String clientId, boolean connectNow) throws MqttException {
        Objects.requireNonNull(brokerUrl, "brokerUrl");
        client = new MqttClient(brokerUrl, clientId, new MemoryPersistence());
        options.setAutomaticReconnect(true);
        options.setCleanStart(true);
        options.setConnectionTimeout(10);
        if (connectNow) {
            connect();
        }
    }

    /**
     * A publisher that connects at its first publish, and tries again at the next one until a
     * connect succeeds (then Paho reconnects by itself). For SMS replies received inside the job's
     * delivery: a broker that is down at start must not stop texts going out; a reply that cannot
     * be published meanwhile fails its publish (audited; an SMSC is asked to deliver it again).
     */
    public static MqttAckPublisher connectingOnDemand(String brokerUrl, String clientId) throws MqttException {
        return new MqttAckPublisher(brokerUrl, clientId, false);
    }

    private synchronized void connect() throws MqttException {
        if (!everConnected) {
            client.connect(options);
            everConnected = true;
        }
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
        connect();
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
