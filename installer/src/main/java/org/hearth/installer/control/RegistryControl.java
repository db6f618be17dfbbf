package org.hearth.installer.control;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;
import org.hearth.models.json.HearthJson;

/**
 * The control message {@code hearth kit apply} publishes, retained at QoS 1, on
 * {@value #TOPIC}: the whole new {@code homes.yaml} as text, so the detection job parses it with
 * the same loader (and the same file:line errors) as at start.
 *
 * <p>JSON: {@code {"kind":"HOMES","version":4,"issuedAt":"2026-11-23T10:00:00Z","sha256":"...","text":"homes:\n..."}}.
 * {@code kind} and {@code text} are exactly the fields of the detection job's
 * {@code org.hearth.ingest.control.ControlMessage}, so that record reads this message as it is (unknown keys
 * are ignored). {@code version} grows by one per apply (read from the retained message before);
 * the job may ignore a version not above the one it holds, so a redelivered or replayed retained
 * message changes nothing.
 *
 * <p>{@code hearth thresholds apply} publishes the analysts' {@code thresholds.yaml} the same way,
 * with kind {@code THRESHOLDS}, on {@value #THRESHOLDS_TOPIC}; the job reads both topics.
 *
 * @param kind {@code HOMES} (the registry) or {@code THRESHOLDS}
 * @param version 1 for the first apply, then the retained version plus one
 * @param issuedAt when the installer applied it (the command's clock)
 * @param sha256 hex SHA-256 of {@code text}, to see at a glance whether two applies are the same
 * @param text the full {@code homes.yaml} (or {@code thresholds.yaml})
 */
public record RegistryControl(String kind, long version, Instant issuedAt, String sha256, String text) {

    /** Retained, QoS 1. It matches ingest's native filter {@code hearth/+/+}: ingest must skip it (README). */
    public static final String TOPIC = "hearth/control/registry";
    public static final String HOMES = "HOMES";
    /** Retained, QoS 1: the sensitivity settings, from {@code hearth thresholds apply}. */
    public static final String THRESHOLDS_TOPIC = "hearth/control/thresholds";
    public static final String THRESHOLDS = "THRESHOLDS";

    public RegistryControl {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(text, "text");
    }

    /** The next message for a registry text. */
    public static RegistryControl of(long version, Instant issuedAt, String text) {
        return new RegistryControl(HOMES, version, issuedAt, sha256(text), text);
    }

    /** The next message for a thresholds text. */
    public static RegistryControl thresholds(long version, Instant issuedAt, String text) {
        return new RegistryControl(THRESHOLDS, version, issuedAt, sha256(text), text);
    }

    /** The topic a message of this kind is retained on. */
    public static String topicOf(String kind) {
        return THRESHOLDS.equals(kind) ? THRESHOLDS_TOPIC : TOPIC;
    }

    public byte[] toJson() {
        try {
            return HearthJson.json().writeValueAsBytes(this);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @throws IllegalArgumentException when the bytes are not a registry control message */
    public static RegistryControl fromJson(byte[] json) {
        return fromJson(json, HOMES);
    }

    /**
     * @param kinds the kinds accepted ({@code HOMES}, {@code THRESHOLDS})
     * @throws IllegalArgumentException when the bytes are not a control message of one of those kinds
     */
    public static RegistryControl fromJson(byte[] json, String... kinds) {
        try {
            RegistryControl c = HearthJson.json().readValue(json, RegistryControl.class);
            if (!java.util.List.of(kinds).contains(c.kind())) {
                throw new IllegalArgumentException("kind is '" + c.kind() + "', not " + String.join(" or ", kinds));
            }
            return c;
        } catch (IOException | NullPointerException e) {
            throw new IllegalArgumentException("not a registry control message: " + e.getMessage(), e);
        }
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
