package org.hearth.installer.mqtt;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Properties;
import java.util.UUID;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.hearth.ingest.source.MqttSecurity;

/**
 * Opens the short-lived Paho MQTT 5 connections the installer tools use: a clean start, no
 * session left behind on the broker, a random client id (two installers checking two homes must
 * not kick each other off), and a connect timeout so a wrong URL fails in seconds, not minutes.
 */
public final class Broker {

    /** Where a broker listens when nothing else is said: the one-machine setup. */
    public static final String DEFAULT_URL = "tcp://localhost:1883";

    private Broker() {}

    /**
     * Connects.
     *
     * @param url e.g. {@code tcp://localhost:1883}
     * @param purpose a word for the client id, e.g. {@code check}
     * @param callback receives messages, or null for a publisher
     * @throws BrokerException naming the URL and the reason when the connection fails
     */
    public static MqttClient connect(String url, String purpose, MqttCallback callback, Duration timeout) {
        return connect(url, purpose, callback, timeout, MqttSecurity.none());
    }

    /**
     * Connects with credentials and/or TLS (the same {@link MqttSecurity} as the job's MQTT source:
     * user name and password; trust and key stores through Paho's SSL properties).
     *
     * @throws BrokerException naming the URL and the reason when the connection fails
     */
    public static MqttClient connect(String url, String purpose, MqttCallback callback, Duration timeout,
                                     MqttSecurity security) {
        try {
            MqttClient client = new MqttClient(url, "hearth-" + purpose + "-" + UUID.randomUUID().toString().substring(0, 8),
                    new MemoryPersistence());
            if (callback != null) {
                client.setCallback(callback);
            }
            MqttConnectionOptions options = new MqttConnectionOptions();
            options.setCleanStart(true);
            options.setSessionExpiryInterval(0L);
            options.setAutomaticReconnect(false);
            options.setConnectionTimeout((int) Math.max(1, timeout.toSeconds()));
            secure(options, security);
            client.connect(options);
            return client;
        } catch (MqttException | IllegalArgumentException e) {
            throw new BrokerException("cannot connect to the MQTT broker at " + url + ": " + reason(e), e);
        }
    }

    private static void secure(MqttConnectionOptions options, MqttSecurity security) {
        if (security.username() != null) {
            options.setUserName(security.username());
        }
        if (security.password() != null) {
            options.setPassword(security.password().getBytes(StandardCharsets.UTF_8));
        }
        if (security.customTls()) {
            Properties ssl = new Properties();
            if (security.trustStore() != null) {
                ssl.setProperty("com.ibm.ssl.trustStore", security.trustStore());
                ssl.setProperty("com.ibm.ssl.trustStoreType", storeType(security.trustStore()));
                if (security.trustStorePassword() != null) {
                    ssl.setProperty("com.ibm.ssl.trustStorePassword", security.trustStorePassword());
                }
            }
            if (security.keyStore() != null) {
                ssl.setProperty("com.ibm.ssl.keyStore", security.keyStore());
                ssl.setProperty("com.ibm.ssl.keyStoreType", storeType(security.keyStore()));
                if (security.keyStorePassword() != null) {
                    ssl.setProperty("com.ibm.ssl.keyStorePassword", security.keyStorePassword());
                }
            }
            options.setSSLProperties(ssl);
        }
    }

    private static String storeType(String path) {
        return path.endsWith(".jks") ? "JKS" : "PKCS12";
    }

    /** Disconnects and closes, ignoring a connection that is already gone. */
    public static void close(MqttClient client) {
        if (client == null) {
            return;
        }
        try {
            if (client.isConnected()) {
                client.disconnect(2_000);
            }
        } catch (MqttException ignored) {
            // already gone: nothing to release but the client itself
        }
        try {
            client.close();
        } catch (MqttException ignored) {
            // closing a client that failed to connect can complain; it holds nothing
        }
    }

    static String reason(Exception e) {
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        String message = e.getMessage() != null ? e.getMessage() : cause.toString();
        if (cause != e && cause.getMessage() != null && !message.contains(cause.getMessage())) {
            message = message + " (" + cause.getMessage() + ")";
        }
        return message;
    }
}
