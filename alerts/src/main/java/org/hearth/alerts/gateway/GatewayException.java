package org.hearth.alerts.gateway;

/**
 * A gateway did not accept a text. The message is safe for logs: gateways build it from status
 * codes and error codes, never from the provider's free text (which may echo the phone number).
 */
public class GatewayException extends Exception {

    /** What a failure means for the next attempt. */
    public enum Failure {
        /** Trying again later may succeed (rate limits per minute, 5xx, timeouts). */
        RETRYABLE,
        /** This text will not go through this gateway (a 400: bad number, bad template); another may take it. */
        PERMANENT,
        /**
         * The gateway will refuse every text for a while (GOV.UK Notify's daily send limit): fail
         * over at once and leave it alone until {@link #until()} rather than retry into a wall.
         */
        GATEWAY_EXHAUSTED,
        /**
         * The recipient has opted out (replied STOP; Twilio 21610): no gateway may text them. The
         * carer's opt-out is recorded and the provider told, so that the escalation list is fixed.
         */
        RECIPIENT_OPTED_OUT
    }

    private final Failure failure;
    private final String code;
    private final java.time.Instant until;

    /**
     * @param code short machine-readable reason ({@code http-503}, {@code smpp-0x58}, {@code io})
     * @param retryable whether trying again may succeed (rate limits, 5xx, timeouts); a 400 is not
     */
    public GatewayException(String code, boolean retryable, Throwable cause) {
        this(code, retryable ? Failure.RETRYABLE : Failure.PERMANENT, null, cause);
    }

    public GatewayException(String code, boolean retryable) {
        this(code, retryable, null);
    }

    /**
     * @param until for {@link Failure#GATEWAY_EXHAUSTED}: when the gateway may take texts again, or null (unknown)
     */
    public GatewayException(String code, Failure failure, java.time.Instant until, Throwable cause) {
        super(code + " (" + failure.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-') + ")", cause);
        this.code = code;
        this.failure = java.util.Objects.requireNonNull(failure, "failure");
        this.until = until;
    }

    public boolean retryable() {
        return failure == Failure.RETRYABLE;
    }

    public Failure failure() {
        return failure;
    }

    /** When an exhausted gateway may take texts again, or null. */
    public java.time.Instant until() {
        return until;
    }

    public String code() {
        return code;
    }

    /** Retryable for 408, 429 and 5xx; permanent for other 4xx. */
    public static GatewayException forHttpStatus(int status, Throwable cause) {
        boolean retryable = status == 408 || status == 429 || status >= 500 || status <= 0;
        return new GatewayException("http-" + status, retryable, cause);
    }
}
