package org.hearth.alerts.gateway;

/**
 * Sends one SMS. Implementations make one attempt and say whether a failure is worth retrying;
 * retries, backoff and failover live in {@link ReliableSender}, idempotency in the delivery store.
 */
public interface SmsGateway extends AutoCloseable {

    /** A short name for logs and audit: {@code notify}, {@code twilio}, {@code smpp}, {@code kannel}, {@code outbox}. */
    String name();

    /**
     * Sends one text.
     *
     * @return the provider's acceptance
     * @throws GatewayException when not accepted (see {@link GatewayException#retryable()})
     */
    SendReceipt send(SmsMessage message) throws GatewayException;

    @Override
    default void close() {}
}
