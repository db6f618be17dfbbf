package org.hearth.config;

/** A configuration file that cannot be used; the message names the file, line and field. */
public class ConfigException extends IllegalArgumentException {

    public ConfigException(String message) {
        super(message);
    }
}
