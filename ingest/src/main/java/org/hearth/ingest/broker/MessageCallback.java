package org.hearth.ingest.broker;

import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/**
 * Paho's {@link MqttCallback} for a client that only reads: {@code messageArrived} to write, the
 * rest nothing unless overridden (a reader that must notice a lost connection overrides
 * {@code disconnected}). A lambda will do: {@code client.setCallback((MessageCallback) (topic, m) -> ...)}.
 */
@FunctionalInterface
public interface MessageCallback extends MqttCallback {

    @Override
    default void disconnected(MqttDisconnectResponse response) {
    }

    @Override
    default void mqttErrorOccurred(MqttException exception) {
    }

    @Override
    default void deliveryComplete(IMqttToken token) {
    }

    @Override
    default void connectComplete(boolean reconnect, String serverURI) {
    }

    @Override
    default void authPacketArrived(int reasonCode, MqttProperties properties) {
    }
}
