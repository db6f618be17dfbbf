package org.hearth.ingest.source;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * One MQTT message as the source took it off the wire, before any decoding: decoding and
 * validation happen downstream so that a bad payload becomes a dead letter, never a source failure.
 *
 * @param topic the topic it was published on
 * @param payload the raw payload bytes (never null; may be empty)
 * @param receivedAt when the reader took it from the broker (the injected clock's time), used as the
 *     event time of hub payloads that carry no timestamp of their own
 * @param retained whether the broker delivered it as a retained message (the last value kept for a
 *     topic, sent on subscribing): old news, so never a button press
 */
public record MqttMessage(String topic, byte[] payload, Instant receivedAt, boolean retained) implements Serializable {

    public MqttMessage {
        Objects.requireNonNull(topic, "topic");
        payload = payload == null ? new byte[0] : payload;
        Objects.requireNonNull(receivedAt, "receivedAt");
    }

    /** A live (not retained) message. */
    public MqttMessage(String topic, byte[] payload, Instant receivedAt) {
        this(topic, payload, receivedAt, false);
    }

    /** A message with a UTF-8 text payload (tests, replay of captured traffic). */
    public static MqttMessage of(String topic, String payload, Instant receivedAt) {
        return new MqttMessage(topic, payload.getBytes(StandardCharsets.UTF_8), receivedAt);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MqttMessage m && topic.equals(m.topic) && Arrays.equals(payload, m.payload)
                && receivedAt.equals(m.receivedAt) && retained == m.retained;
    }

    @Override
    public int hashCode() {
        return Objects.hash(topic, Arrays.hashCode(payload), receivedAt, retained);
    }

    @Override
    public String toString() {
        return "MqttMessage[topic=" + topic + ", bytes=" + payload.length + ", receivedAt=" + receivedAt
                + (retained ? ", retained" : "") + "]";
    }
}
