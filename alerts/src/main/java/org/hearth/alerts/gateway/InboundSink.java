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
     */
    void inbound(String gateway, String from, String text);

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
