package org.hearth.alerts.gateway;

import java.util.Objects;

/**
 * One text to send.
 *
 * @param key the idempotency key (alert, recipient, step); gateways pass it on as their client
 *     reference where they have one, so a delivery receipt can be matched to it
 * @param to E.164 phone number (never logged)
 * @param body the text (never logged)
 * @param recipientId pseudonymous recipient for logs ({@code h1/carer-0})
 */
public record SmsMessage(String key, String to, String body, String recipientId) {

    public SmsMessage {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(recipientId, "recipientId");
    }

    @Override
    public String toString() {
        return "SmsMessage[key=" + key + ", recipient=" + recipientId + "]"; // no number, no body
    }
}
