package org.hearth.simulator.output;

/** Sends one MQTT message (QoS 1). */
public interface MessagePublisher extends AutoCloseable {

    void publish(String topic, byte[] payload) throws Exception;

    @Override
    void close() throws Exception;
}
