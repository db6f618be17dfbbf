package org.hearth.alerts.config;

/** A configuration problem, with the setting's path in the message (never a secret's value). */
public class ConfigException extends RuntimeException {

    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
