package org.hearth.storage.write;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * An append-only file of kept points that could not be written yet, read from the head as the
 * server comes back. The head position lives in a small side file ({@code .pos}), so a restart
 * replays exactly what is left; a crash between a successful write and the position update
 * replays that batch again, which InfluxDB absorbs (same series and time overwrite).
 *
 * <p>Thread-safe: the offering thread appends while the flusher reads the head.
 */
final class SpillFile {

    private final Path file;
    private final Path positionFile;
    private long position;
    private long pending;
    private final List<Integer> peekedBytes = new ArrayList<>();

    SpillFile(Path file) throws IOException {
        this.file = file;
        this.positionFile = file.resolveSibling(file.getFileName() + ".pos");
        Files.createDirectories(file.getParent());
        this.position = Files.exists(positionFile) ? Long.parseLong(Files.readString(positionFile).strip()) : 0L;
        this.pending = Files.exists(file) ? countLinesFrom(position) : 0L;
    }

    synchronized long pending() {
        return pending;
    }

    /** Appends and forces to disk before returning: a spilled point survives a crash. */
    synchronized void append(List<String> lines) throws IOException {
        if (lines.isEmpty()) {
            return;
        }
        StringBuilder text = new StringBuilder();
        for (String line : lines) {
            text.append(line).append('\n');
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            ByteBuffer bytes = ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8));
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            channel.force(false);
        }
        pending += lines.size();
    }

    /** Up to {@code max} lines from the head, without consuming them. */
    synchronized List<String> peek(int max) throws IOException {
        peekedBytes.clear();
        List<String> lines = new ArrayList<>();
        if (pending == 0) {
            return lines;
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            channel.position(position);
            BufferedReader reader = new BufferedReader(new InputStreamReader(Channels.newInputStream(channel),
                    StandardCharsets.UTF_8));
            String line;
            while (lines.size() < max && (line = reader.readLine()) != null) {
                lines.add(line);
                peekedBytes.add(line.getBytes(StandardCharsets.UTF_8).length + 1);
            }
        }
        return lines;
    }

    /** Consumes the first {@code count} lines of the last {@link #peek}. */
    synchronized void commit(int count) throws IOException {
        if (count == 0) {
            return;
        }
        for (int i = 0; i < count; i++) {
            position += peekedBytes.get(i);
        }
        pending -= count;
        peekedBytes.clear();
        if (pending == 0) {
            Files.deleteIfExists(file);
            Files.deleteIfExists(positionFile);
            position = 0;
        } else {
            Path tmp = positionFile.resolveSibling(positionFile.getFileName() + ".tmp");
            Files.writeString(tmp, Long.toString(position));
            Files.move(tmp, positionFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
    }

    private long countLinesFrom(long offset) throws IOException {
        long count = 0;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            channel.position(offset);
            BufferedReader reader = new BufferedReader(new InputStreamReader(Channels.newInputStream(channel),
                    StandardCharsets.UTF_8));
            while (reader.readLine() != null) {
                count++;
            }
        }
        return count;
    }
}
