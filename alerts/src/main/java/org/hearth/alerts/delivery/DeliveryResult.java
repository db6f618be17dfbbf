package org.hearth.alerts.delivery;

/**
 * What delivery did with one (alert, recipient, step).
 *
 * @param key the idempotency key
 * @param recipientId pseudonymous recipient ({@code h1/carer-0})
 * @param status what happened
 * @param gateway the gateway that accepted it, or null
 * @param providerId the provider's message id, or null
 */
public record DeliveryResult(String key, String recipientId, Status status, String gateway, String providerId) {

    public enum Status {
        /** A gateway accepted it now. */
        SENT,
        /** Already accepted before (a replay or a restart): not sent again. */
        DUPLICATE_SKIPPED,
        /** Every gateway failed after retries; the key stays unsent so a replay tries again. */
        FAILED,
        /** No number for this recipient (no duty line configured, carer without phone). */
        NO_NUMBER,
        /** A trend: added to the home's daily digest instead of texted. */
        DIGESTED,
        /** The recipient opted out (STOP, or the gateway reports them unsubscribed): never texted. */
        OPTED_OUT
    }
}
