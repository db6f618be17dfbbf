package org.hearth.alerts.gateway;

/**
 * A gateway did not accept a text. The message is safe for logs: gateways build it from status
 * codes and error codes, never from the provider's free text (which may echo the phone number).
 */
public class GatewayException extends Exception {

    private final boolean retryable;
    private final String code;

    /**
     * @param code short machine-readable reason ({@code http-503}, {@code smpp-0x58}, {@code io})
     * @param retryable whether trying again may succeed (rate limits, 5xx, timeouts); a 400 is not
     */
    public GatewayException(String code, boolean retryable, Throwable cause) {
        super(code + (retryable ? " (retryable)" : " (permanent)"), cause);
        this.code = code;
        this.retryable = retryable;
    }

    public GatewayException(String code, boolean retryable) {
        this(code, retryable, null);
    }

    public boolean retryable() {
        return retryable;
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
