package org.hearth.simulator.output;

/** A publish failed or the broker did not acknowledge it in time; later publishes are refused too. */
public final class PublishFailedException extends Exception {

    private static final long serialVersionUID = 1L;

    PublishFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
