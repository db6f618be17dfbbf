package org.hearth.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.hearth.config.HearthConfig;
import org.hearth.ingest.source.MqttSecurity;
import org.hearth.installer.mqtt.Broker;
import picocli.CommandLine.Option;

/**
 * The broker options the installer commands share ({@code hearth status}, {@code kit check},
 * {@code kit apply}): the URL, and the same login as {@code hearth run}, either from its
 * {@code hearth.yaml} ({@code --config}) or given here. Secrets are never option values: a
 * password comes from an environment variable or a file, so it does not show in the shell's
 * history or in {@code ps}.
 */
final class MqttOptions {

    @Option(names = "--broker", paramLabel = "URL", description = "MQTT broker URL, tcp://... or ssl://... (default: mqtt.url of --config, else "
            + Broker.DEFAULT_URL + ")")
    String broker;

    @Option(names = "--config", paramLabel = "FILE", description = "take the broker URL and login from hearth run's hearth.yaml (mqtt: url, "
            + "username, passwordEnv, tls); options given here override it")
    Path config;

    @Option(names = "--username", paramLabel = "NAME", description = "MQTT user name")
    String username;

    @Option(names = "--password-env", paramLabel = "VAR", description = "environment variable holding the MQTT password")
    String passwordEnv;

    @Option(names = "--password-file", paramLabel = "FILE", description = "file holding the MQTT password (its first line)")
    Path passwordFile;

    @Option(names = "--trust-store", paramLabel = "FILE", description = "TLS trust store with the broker's CA (PKCS12, or JKS if .jks)")
    Path trustStore;

    @Option(names = "--trust-store-password-env", paramLabel = "VAR", description = "environment variable holding the trust store's password")
    String trustStorePasswordEnv;

    @Option(names = "--key-store", paramLabel = "FILE", description = "TLS key store with a client certificate (mutual TLS)")
    Path keyStore;

    @Option(names = "--key-store-password-env", paramLabel = "VAR", description = "environment variable holding the key store's password")
    String keyStorePasswordEnv;

    /** Environment variables; a field so tests can supply their own. */
    Map<String, String> environment = System.getenv();

    private HearthConfig.Mqtt fromConfig;

    /** The broker URL: {@code --broker}, else {@code mqtt.url} of {@code --config}, else the local default. */
    String url() {
        if (broker != null) {
            return broker;
        }
        HearthConfig.Mqtt mqtt = configMqtt();
        return mqtt != null ? mqtt.url() : Broker.DEFAULT_URL;
    }

    /**
     * The login: {@code --config}'s, with each option given here taking the place of its field.
     *
     * @throws UserError when a named variable is not set, a file cannot be read, or a password has no user name
     */
    MqttSecurity security() {
        HearthConfig.Mqtt mqtt = configMqtt();
        MqttSecurity base = mqtt == null ? MqttSecurity.none() : MqttLogin.fromConfig(mqtt, environment, config.getFileName().toString());
        String user = username != null ? username : base.username();
        String password = base.password();
        if (passwordEnv != null && passwordFile != null) {
            throw new UserError("give the MQTT password once: --password-env or --password-file, not both");
        }
        if (passwordEnv != null) {
            password = MqttLogin.secret(environment, passwordEnv, "--password-env");
        } else if (passwordFile != null) {
            password = firstLine(passwordFile);
        }
        if (password != null && user == null) {
            throw new UserError("an MQTT password needs a user name: add --username");
        }
        MqttSecurity security = user == null ? MqttSecurity.none() : MqttSecurity.password(user, password);
        if (trustStore != null) {
            security = security.withTrustStore(trustStore.toString(),
                    MqttLogin.secret(environment, trustStorePasswordEnv, "--trust-store-password-env"));
        } else if (base.trustStore() != null) {
            security = security.withTrustStore(base.trustStore(), base.trustStorePassword());
        }
        if (keyStore != null) {
            security = security.withClientCertificate(keyStore.toString(),
                    MqttLogin.secret(environment, keyStorePasswordEnv, "--key-store-password-env"));
        } else if (base.keyStore() != null) {
            security = security.withClientCertificate(base.keyStore(), base.keyStorePassword());
        }
        return security;
    }

    private HearthConfig.Mqtt configMqtt() {
        if (config == null) {
            return null;
        }
        if (fromConfig == null) {
            try {
                fromConfig = HearthConfig.load(config).mqtt();
            } catch (IOException e) {
                throw new UserError("cannot read " + config + ": " + e.getMessage());
            }
        }
        return fromConfig;
    }

    private static String firstLine(Path file) {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            int end = text.indexOf('\n');
            String line = (end < 0 ? text : text.substring(0, end)).strip();
            if (line.isEmpty()) {
                throw new UserError("--password-file " + file + " is empty");
            }
            return line;
        } catch (IOException e) {
            throw new UserError("cannot read --password-file " + file + ": " + e.getMessage());
        }
    }
}
