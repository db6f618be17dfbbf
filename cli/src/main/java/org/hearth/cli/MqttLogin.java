package org.hearth.cli;

import java.util.Map;
import org.hearth.config.HearthConfig;
import org.hearth.ingest.source.MqttSecurity;

/**
 * The broker login {@code hearth.yaml}'s {@code mqtt:} section describes (user name, TLS stores),
 * with each secret read from the environment variable it names: one reading for {@code hearth run}
 * and for the installer commands given {@code --config}, so both log in alike.
 */
final class MqttLogin {

    private MqttLogin() {}

    /**
     * @param environment where the {@code ...Env} variables are looked up
     * @param file the configuration file's name, for the message when a variable is not set
     * @throws UserError when a named variable is not set
     */
    static MqttSecurity fromConfig(HearthConfig.Mqtt mqtt, Map<String, String> environment, String file) {
        MqttSecurity security = mqtt.username() == null ? MqttSecurity.none()
                : MqttSecurity.password(mqtt.username(), secret(environment, mqtt.passwordEnv(), file + ": mqtt.passwordEnv"));
        if (mqtt.tls() != null) {
            HearthConfig.Tls tls = mqtt.tls();
            if (tls.trustStore() != null) {
                security = security.withTrustStore(tls.trustStore().toString(),
                        secret(environment, tls.trustStorePasswordEnv(), file + ": mqtt.tls.trustStorePasswordEnv"));
            }
            if (tls.keyStore() != null) {
                security = security.withClientCertificate(tls.keyStore().toString(),
                        secret(environment, tls.keyStorePasswordEnv(), file + ": mqtt.tls.keyStorePasswordEnv"));
            }
        }
        return security;
    }

    /**
     * A secret named by an environment variable; null when no variable is named.
     *
     * @param namedBy what named the variable, for the message (e.g. {@code hearth.yaml: mqtt.passwordEnv})
     */
    static String secret(Map<String, String> environment, String variable, String namedBy) {
        if (variable == null) {
            return null;
        }
        String value = environment.get(variable);
        if (value == null) {
            throw new UserError(namedBy + " names the environment variable " + variable + ", which is not set");
        }
        return value;
    }
}
