package org.hearth.ingest.deadletter;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.hearth.models.json.HearthJson;

/**
 * Appends dead letters to a JSONL file, one per line, with the shared JSON mapper. Appends rather
 * than truncates, so a restart never erases what an earlier run rejected.
 */
public final class DeadLetterJsonlWriter implements Closeable {

    private final BufferedWriter out;

    public DeadLetterJsonlWriter(Path file) throws IOException {
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    /** The JSON line for a dead letter (without newline). */
    public static String toJson(DeadLetter deadLetter) {
        try {
            return HearthJson.json().writeValueAsString(deadLetter);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads one line back (tests, tools that re-drive dead letters after a fix). */
    public static DeadLetter fromJson(String line) throws IOException {
        return HearthJson.json().readValue(line, DeadLetter.class);
    }

    public void write(DeadLetter deadLetter) throws IOException {
        out.write(toJson(deadLetter));
        out.write('\n');
    }

    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
