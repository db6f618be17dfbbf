package org.hearth.alerts.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.hearth.models.json.HearthJson;

/**
 * The durable record of which delivery steps were handed to a gateway: an append-only JSONL file,
 * fsynced after every line, reloaded at start.
 *
 * <p>Two lines per key: {@code {"key":..,"state":"sending"}} before the gateway call, and
 * {@code {"key":..,"state":"sent"}} after the gateway accepted. A key with "sent" is never sent
 * again. A key with only "sending" is <em>in doubt</em>: the process died during the gateway call,
 * which may or may not have reached the provider. Hearth resends an in-doubt key once (at least
 * once): a duplicate text is an annoyance, a missing urgent text is the failure Hearth exists to
 * prevent. The window of doubt is one gateway round trip per key, so duplicates need a crash in
 * that window. A torn last line (a crash mid-write) is skipped and counted.
 */
public final class DedupeStore implements Closeable {

    private final Path file;
    private final FileChannel channel;
    private final Set<String> sent = new HashSet<>();
    private final Set<String> inDoubt = new LinkedHashSet<>();
    private final int skippedLines;

    private DedupeStore(Path file, FileChannel channel, int skippedLines) {
        this.file = file;
        this.channel = channel;
        this.skippedLines = skippedLines;
    }

    /** Opens (creating if needed) and reloads the store. */
    public static DedupeStore open(Path file) throws IOException {
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        Set<String> sending = new LinkedHashSet<>();
        Set<String> sent = new HashSet<>();
        int skipped = 0;
        if (Files.exists(file)) {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (String line : lines) {
                if (line.isBlank()) {
                    continue;
                }
                try {
                    JsonNode node = HearthJson.json().readTree(line);
                    String key = node.path("key").asText(null);
                    String state = node.path("state").asText("");
                    if (key == null) {
                        skipped++;
                    } else if (state.equals("sent")) {
                        sent.add(key);
                    } else if (state.equals("sending")) {
                        sending.add(key);
                    } else {
                        skipped++;
                    }
                } catch (IOException e) {
                    skipped++; // a torn line from a crash mid-write
                }
            }
        }
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
        DedupeStore store = new DedupeStore(file, channel, skipped);
        store.sent.addAll(sent);
        sending.removeAll(sent);
        store.inDoubt.addAll(sending);
        return store;
    }

    public Path file() {
        return file;
    }

    /** Whether this key was accepted by a gateway: never send it again. */
    public synchronized boolean isSent(String key) {
        return sent.contains(key);
    }

    /** Whether a previous process started this key and died before the gateway's answer was recorded. */
    public synchronized boolean isInDoubt(String key) {
        return inDoubt.contains(key);
    }

    /** Keys in doubt at start, in file order. */
    public synchronized Set<String> inDoubt() {
        return Set.copyOf(inDoubt);
    }

    /** Lines that could not be read at start (a torn last line after a crash). */
    public int skippedLines() {
        return skippedLines;
    }

    public synchronized int sentCount() {
        return sent.size();
    }

    /** Records, durably, that the key is about to be handed to a gateway. */
    public synchronized void markSending(String key) throws IOException {
        append(key, "sending");
    }

    /** Records, durably, that a gateway accepted the key. */
    public synchronized void markSent(String key) throws IOException {
        append(key, "sent");
        sent.add(key);
        inDoubt.remove(key);
    }

    private void append(String key, String state) throws IOException {
        String line = HearthJson.json().writeValueAsString(java.util.Map.of("key", key, "state", state)) + "\n";
        channel.write(ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8)));
        channel.force(false);
    }

    @Override
    public synchronized void close() throws IOException {
        channel.close();
    }
}
