package org.hearth.ingest.source;

import java.util.List;
import java.util.Optional;

/**
 * Whether a broker refuses the shared subscription a source needs. Several readers, or several connections per
 * reader, subscribe as {@code $share/{group}/...}; a broker without MQTT 5 shared subscriptions says so in its CONNACK
 * ("Shared Subscription Available" = 0) or refuses the SUBSCRIBE (or disconnects) with reason code 0x9E. Retrying
 * cannot help there: the connection fails with an error that names the settings to change, instead of reconnecting
 * forever.
 */
public final class SharedSubscriptions {

    /** MQTT 5 reason code 0x9E, Shared Subscriptions not supported (SUBACK, DISCONNECT). */
    public static final int NOT_SUPPORTED = 0x9E;

    private SharedSubscriptions() {}

    /** Whether any of these filters is in the shared form. */
    public static boolean shared(List<String> filters) {
        return filters.stream().anyMatch(f -> f.startsWith("$share/"));
    }

    /**
     * Why the broker cannot serve these filters, or empty when it can (or when they are not shared: a plain
     * subscription needs nothing of the kind).
     *
     * @param connackAvailable the CONNACK's Shared Subscription Available (true when the broker left it out)
     * @param reasonCodes the SUBACK's reason codes, or a DISCONNECT's, or none yet
     */
    public static Optional<String> refusal(List<String> filters, boolean connackAvailable, int... reasonCodes) {
        if (!shared(filters)) {
            return Optional.empty();
        }
        if (!connackAvailable) {
            return Optional.of("its CONNACK says Shared Subscription Available = 0");
        }
        for (int code : reasonCodes) {
            if (code == NOT_SUPPORTED) {
                return Optional.of("it answered reason code 0x9E, Shared Subscriptions not supported");
            }
        }
        return Optional.empty();
    }

    /** The error a reader fails with: what the broker said and which settings put the source in the shared form. */
    public static String message(String serverUri, String refusal, int connectionsPerReader, int parallelism) {
        return "MQTT broker " + serverUri + " does not support shared subscriptions (" + refusal + "). The source "
                + "subscribes in the shared form ($share/...) because it runs " + connectionsPerReader
                + " connection(s) per reader at parallelism " + parallelism + " (hearth.yaml mqtt.connectionsPerReader "
                + "and flink.parallelism; MqttSource.builder() connectionsPerReader and shareMode): set both to 1 for "
                + "this broker, or use a broker with MQTT 5 shared subscriptions (Mosquitto 2, HiveMQ)";
    }
}
