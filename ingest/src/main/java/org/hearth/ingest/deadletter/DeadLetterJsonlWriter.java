package org.hearth.ingest.deadletter;

import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import org.hearth.ingest.sidesink.LineFile;
import org.hearth.models.json.HearthJson;

/**
 * Appends dead letters to a JSONL file, one per line, with the shared JSON mapper. Appends rather
 * than truncates, so a restart never erases what an earlier run rejected.
 *
 * <p>It cannot fail on a dead letter's content: the record's text is well formed
 * ({@link SafeText}), the line is encoded without a strict encoder, and should the mapper still
 * refuse, a plain line with the reason and the payload in base64 is written instead. It does not
 * throw on a failing disk either ({@link LineFile}): failures are counted for the caller to report.
 */
public final class DeadLetterJsonlWriter implements Closeable {

    private final LineFile out;

    public DeadLetterJsonlWriter(Path file) {
        this(new LineFile(file));
    }

    public DeadLetterJsonlWriter(LineFile out) {
        this.out = out;
    }

    /** The JSON line for a dead letter (without newline). Never throws. */
    public static String toJson(DeadLetter deadLetter) {
        try {
            return HearthJson.json().writeValueAsString(deadLetter);
        } catch (IOException | RuntimeException e) {
            return fallbackJson(deadLetter, e);
        }
    }

    /** Reads one line back (tests, tools that re-drive dead letters after a fix). */
    public static DeadLetter fromJson(String line) throws IOException {
        return HearthJson.json().readValue(line, DeadLetter.class);
    }

    /** @return false if the file could not be written just now (see {@link #file()} for counts) */
    public boolean write(DeadLetter deadLetter) {
        return out.append(toJson(deadLetter).getBytes(StandardCharsets.UTF_8));
    }

    /** @return false if pending lines could not be written (they are kept for the next try) */
    public boolean flush() {
        return out.flush();
    }

    /** The underlying file and its counts (written, failures, lost). */
    public LineFile file() {
        return out;
    }

    @Override
    public void close() {
        out.close();
    }

    /** A line the mapper cannot refuse: ASCII only, every sender-chosen byte in base64. */
    static String fallbackJson(DeadLetter d, Exception why) {
        Base64.Encoder b64 = Base64.getEncoder();
        byte[] payload;
        try {
            payload = d.payload() == null ? new byte[0] : d.originalPayload();
        } catch (RuntimeException badBase64) {
            payload = d.payload().getBytes(StandardCharsets.UTF_8);
        }
        return "{\"reason\":\"" + d.reason().wireName() + "\""
                + ",\"detail\":\"unwritable detail (" + why.getClass().getSimpleName() + "), topic and payload in base64\""
                + ",\"topic\":\"" + b64.encodeToString(d.topic().getBytes(StandardCharsets.UTF_8)) + "\""
                + ",\"topicEncoding\":\"base64\""
                + ",\"payload\":\"" + b64.encodeToString(payload) + "\""
                + ",\"encoding\":\"base64\",\"payloadBytes\":" + d.payloadBytes()
                + ",\"receivedAt\":\"" + d.receivedAt() + "\"}";
    }
}
