package org.hearth.ingest.deadletter;

import java.io.Serializable;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import org.hearth.ingest.source.MqttMessage;

/**
 * A message (or the part of one meant for one sensor) that did not become an event, kept whole so
 * nothing is lost: one line of {@code dead-letters.jsonl}.
 *
 * <p>The payload is kept as text when it is valid UTF-8 (the usual case, and readable by whoever
 * investigates) and as base64 otherwise, so binary garbage survives a JSON file byte for byte.
 * Whatever the input held, the record's text is well formed ({@link SafeText}): the detail and
 * topic quote what a sender chose, and a lone surrogate in them must not stop the writer.
 *
 * @param reason why it was rejected
 * @param detail a sentence naming the field or value; ids only, never personal data
 * @param topic the MQTT topic
 * @param payload the raw payload, in {@code encoding}
 * @param encoding {@code utf-8} or {@code base64}
 * @param payloadBytes the payload's size in bytes
 * @param receivedAt when the source received the message
 */
public record DeadLetter(
        DeadLetterReason reason,
        String detail,
        String topic,
        String payload,
        String encoding,
        int payloadBytes,
        Instant receivedAt) implements Serializable {

    public static final String UTF_8 = "utf-8";
    public static final String BASE64 = "base64";

    public DeadLetter {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(receivedAt, "receivedAt");
        detail = SafeText.detail(detail);
        topic = SafeText.wellFormed(topic);
        if (!BASE64.equals(encoding)) {
            // Text built outside DeadLetter.of (replay lines) may hold what UTF-8 cannot carry.
            payload = SafeText.wellFormed(payload);
        }
    }

    /** A dead letter keeping the whole message. */
    public static DeadLetter of(MqttMessage message, DeadLetterReason reason, String detail) {
        byte[] bytes = message.payload();
        String text = strictUtf8(bytes);
        return new DeadLetter(reason, detail, message.topic(),
                text != null ? text : Base64.getEncoder().encodeToString(bytes),
                text != null ? UTF_8 : BASE64, bytes.length, message.receivedAt());
    }

    /** The original payload bytes, whichever way they were kept. */
    public byte[] originalPayload() {
        return BASE64.equals(encoding) ? Base64.getDecoder().decode(payload) : payload.getBytes(StandardCharsets.UTF_8);
    }

    private static String strictUtf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
