package org.hearth.alerts.ack;

/** Publishes acknowledgements for the detection job to read. */
@FunctionalInterface
public interface AckPublisher {

    /** @throws Exception when the broker did not take it (the handler audits and answers 503 to the gateway) */
    void publish(Acknowledgement ack) throws Exception;
}
