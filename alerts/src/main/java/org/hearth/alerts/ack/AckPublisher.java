package org.hearth.alerts.ack;

/** Publishes what carers text (acknowledgements, away modes) for the detection job to read. */
@FunctionalInterface
public interface AckPublisher {

    /** @throws Exception when the broker did not take it (the handler audits and answers 503 to the gateway) */
    void publish(Acknowledgement ack) throws Exception;

    /**
     * Publishes an away mode being set or ended, on the same topic as acknowledgements.
     *
     * @throws UnsupportedOperationException from publishers that carry acknowledgements only
     */
    default void publish(AwayCommand away) throws Exception {
        throw new UnsupportedOperationException("this publisher carries acknowledgements only");
    }
}
