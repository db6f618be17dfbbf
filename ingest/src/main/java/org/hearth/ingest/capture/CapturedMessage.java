package org.hearth.ingest.capture;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import org.hearth.ingest.source.MqttMessage;
import org.hearth.models.json.HearthJson;

/**
 * One raw MQTT message as {@code hearth capture} recorded it: one line of {@code capture.jsonl}.
 * The payload is kept as base64 so that any bytes (binary, invalid UTF-8, a Tasmota plain word)
 * survive byte for byte; {@code hearth replay --format mqtt} hands it to the same decoders as live
 * ingest, with {@code receivedAt} as the receive time.
 *
 * <pre>{"topic":"zigbee2mqtt/h2/hall/pir","payload":"eyJvY2N1cGFuY3kiOnRydWV9","qos":1,"retained":false,"receivedAt":"2026-11-23T07:12:03.120Z"}</pre>
 *
 * @param topic the topic it was published on
 * @param payload the payload bytes, base64
 * @param qos the QoS it was delivered at
 * @param retained whether the broker sent it as a retained message
 * @param receivedAt when the capturing client received it (UTC)
 */
public record CapturedMessage(String topic, String payload, int qos, boolean retained, Instant receivedAt) {

    public CapturedMessage {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(receivedAt, "receivedAt");
    }

    /** Records raw bytes. */
    public static CapturedMessage of(String topic, byte[] payload, int qos, boolean retained, Instant receivedAt) {
        return new CapturedMessage(topic, Base64.getEncoder().encodeToString(payload), qos, retained, receivedAt);
    }

    /** The message as the MQTT source would have emitted it. */
    public MqttMessage toMqttMessage() {
        return new MqttMessage(topic, Base64.getDecoder().decode(payload), receivedAt, retained);
    }

    /** One line of {@code capture.jsonl}, without the line break. */
    public String toJsonLine() {
        try {
            return HearthJson.json().writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a captured message always serialises", e);
        }
    }

    /**
     * Reads one line of {@code capture.jsonl}.
     *
     * @throws IllegalArgumentException naming the field that is missing or malformed
     */
    public static CapturedMessage parse(String line) {
        JsonNode node;
        try {
            node = HearthJson.json().readTree(line);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("a capture line must be a JSON object");
        }
        String topic = text(node, "topic");
        String payload = text(node, "payload");
        try {
            Base64.getDecoder().decode(payload);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("field 'payload' must be base64: " + e.getMessage());
        }
        Instant receivedAt;
        try {
            receivedAt = Instant.parse(text(node, "receivedAt"));
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("field 'receivedAt' must be an ISO-8601 instant, e.g. 2026-11-23T07:12:03.120Z");
        }
        int qos = node.path("qos").isInt() ? node.get("qos").intValue() : 1;
        boolean retained = node.path("retained").isBoolean() && node.get("retained").booleanValue();
        return new CapturedMessage(topic, payload, qos, retained, receivedAt);
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || !v.isTextual()) {
            throw new IllegalArgumentException("missing or non-text field '" + field + "'");
        }
        return v.textValue();
    }
}
