package org.hearth.ingest.source;

import java.io.Serializable;

/**
 * How the source authenticates to the broker: username/password and/or TLS, optionally with a
 * client certificate. Paths point at PKCS12 or JKS stores on every task manager.
 *
 * @param username MQTT user name, or null
 * @param password MQTT password, or null
 * @param trustStore trust store with the broker's CA (enables TLS), or null for the JVM default
 * @param trustStorePassword its password, or null
 * @param keyStore key store with the client certificate and key (mutual TLS), or null
 * @param keyStorePassword its password, or null
 */
public record MqttSecurity(
        String username,
        String password,
        String trustStore,
        String trustStorePassword,
        String keyStore,
        String keyStorePassword) implements Serializable {

    /** No authentication, plain TCP (the embedded broker on loopback). */
    public static MqttSecurity none() {
        return new MqttSecurity(null, null, null, null, null, null);
    }

    public static MqttSecurity password(String username, String password) {
        return new MqttSecurity(username, password, null, null, null, null);
    }

    public MqttSecurity withTrustStore(String path, String storePassword) {
        return new MqttSecurity(username, password, path, storePassword, keyStore, keyStorePassword);
    }

    public MqttSecurity withClientCertificate(String path, String storePassword) {
        return new MqttSecurity(username, password, trustStore, trustStorePassword, path, storePassword);
    }

    /** True when a custom trust or key store is configured. */
    public boolean customTls() {
        return trustStore != null || keyStore != null;
    }

    /** Secrets never reach a log line. */
    @Override
    public String toString() {
        return "MqttSecurity[username=" + (username == null ? "none" : "set") + ", password=" + (password == null ? "none" : "***")
                + ", trustStore=" + trustStore + ", keyStore=" + keyStore + "]";
    }
}
