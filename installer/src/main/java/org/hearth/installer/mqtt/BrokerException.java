package org.hearth.installer.mqtt;

/** The broker could not be reached or refused us; the message names the URL and the reason. */
public final class BrokerException extends RuntimeException {

    public BrokerException(String message, Throwable cause) {
        super(message, cause);
    }
}
