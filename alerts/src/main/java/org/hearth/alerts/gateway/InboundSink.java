package org.hearth.alerts.gateway;

/**
 * Where gateways hand what comes back: carers' replies and delivery receipts. The acknowledgement
 * handler implements it; gateways that receive over their own connection (SMPP deliver_sm) call it
 * directly, HTTP gateways through the callback endpoint.
 */
public interface InboundSink {

    /**
     * A text from a phone.
     *
     * @param gateway which gateway received it
     * @param from the sender's number (handle as personal data: never log it)
     * @param text the text (never log it)
     * @throws NotTaken when the text could not be handed on (the broker is down): the gateway asks
     *     for it again where its protocol can (SMPP: a temporary error in deliver_sm_resp; HTTP: 503)
     */
    void inbound(String gateway, String from, String text);

    /** A reply that could not be handed on now and should be delivered again later. */
    final class NotTaken extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public NotTaken(String reason) {
            super(reason, null, false, false);
        }
    }

    /**
     * A delivery receipt for a text this process sent.
     *
     * @param gateway which gateway reported it
     * @param providerId the provider's message id, as returned at submission
     * @param status the provider's status word ({@code delivered}, {@code DELIVRD}, {@code failed}, ...)
     */
    void receipt(String gateway, String providerId, String status);

    /** A sink that drops everything (for gateways used only to send). */
    InboundSink NONE = new InboundSink() {
        @Override
        public void inbound(String gateway, String from, String text) {}

        @Override
        public void receipt(String gateway, String providerId, String status) {}
    };
}
