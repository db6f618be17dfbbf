package org.hearth.ingest.sidesink;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;

/**
 * An append-only file of lines that never throws: a side path (dead letters, late events) must not
 * stop detection because its disk is full, its folder unwritable or its file gone.
 *
 * <p>Lines wait in memory until {@link #flush()} (every checkpoint) or until a batch has gathered,
 * then go out in one write. A write that fails keeps its lines for the next attempt (the next
 * batch or flush), up to {@code maxPendingBytes}; past that the oldest are dropped and counted as
 * lost, so a long outage costs bounded memory and a number, never the job. After a failure the
 * file is reopened, and a line cut short by the failed write is ended before new ones follow, so
 * every line in the file is whole or visibly cut (at least once: a retried batch may repeat lines).
 * Not thread-safe: one writer per sink subtask.
 */
public final class LineFile implements Closeable {

    /** A batch is written once it holds this much. */
    static final int BATCH_BYTES = 64 * 1024;
    /** Default bound on lines held while the file cannot be written. */
    public static final long DEFAULT_MAX_PENDING_BYTES = 16L * 1024 * 1024;

    private final Path file;
    private final long maxPendingBytes;
    private final ArrayDeque<byte[]> pending = new ArrayDeque<>();
    private long pendingBytes;
    private long bytesAtLastAttempt;
    private FileChannel channel;
    private boolean mayEndMidLine;
    private long written;
    private long failures;
    private long lost;
    private String lastError;

    public LineFile(Path file) {
        this(file, DEFAULT_MAX_PENDING_BYTES);
    }

    public LineFile(Path file, long maxPendingBytes) {
        this.file = file;
        this.maxPendingBytes = maxPendingBytes;
    }

    /**
     * Queues one line (without its newline) and writes the batch when it is full.
     *
     * @return false when the write just tried failed (the lines are kept or counted as lost)
     */
    public boolean append(byte[] line) {
        byte[] withNewline = new byte[line.length + 1];
        System.arraycopy(line, 0, withNewline, 0, line.length);
        withNewline[line.length] = '\n';
        pending.addLast(withNewline);
        pendingBytes += withNewline.length;
        while (pendingBytes > maxPendingBytes && pending.size() > 1) {
            pendingBytes -= pending.removeFirst().length;
            lost++;
        }
        // After a failure, try again only once another batch has gathered (or at flush), not per line.
        if (pendingBytes - bytesAtLastAttempt >= BATCH_BYTES) {
            return drain();
        }
        return true;
    }

    /** Writes everything pending. @return false if the file could not be written (lines kept for the next try). */
    public boolean flush() {
        return pending.isEmpty() || drain();
    }

    private boolean drain() {
        bytesAtLastAttempt = pendingBytes;
        try {
            if (channel == null) {
                open();
            }
            ByteBuffer batch = ByteBuffer.allocate((int) Math.min(Integer.MAX_VALUE - 8, pendingBytes));
            int lines = 0;
            for (byte[] line : pending) {
                if (batch.remaining() < line.length) {
                    break;
                }
                batch.put(line);
                lines++;
            }
            batch.flip();
            while (batch.hasRemaining()) {
                channel.write(batch);
            }
            for (int i = 0; i < lines; i++) {
                pendingBytes -= pending.removeFirst().length;
            }
            written += lines;
            bytesAtLastAttempt = pendingBytes;
            return pending.isEmpty() || drain();
        } catch (IOException | RuntimeException e) {
            failures++;
            lastError = e.getClass().getSimpleName() + ": " + e.getMessage();
            closeQuietly();
            mayEndMidLine = true;
            return false;
        }
    }

    private void open() throws IOException {
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        boolean endCutLine = mayEndMidLine && endsMidLine();
        channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        if (endCutLine) {
            channel.write(ByteBuffer.wrap(new byte[] {'\n'}));
        }
        mayEndMidLine = false;
    }

    private boolean endsMidLine() throws IOException {
        if (!Files.isRegularFile(file)) {
            return false;
        }
        try (FileChannel read = FileChannel.open(file, StandardOpenOption.READ)) {
            if (read.size() == 0) {
                return false;
            }
            ByteBuffer last = ByteBuffer.allocate(1);
            read.read(last, read.size() - 1);
            return last.get(0) != '\n';
        }
    }

    private void closeQuietly() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // Already failing; the failure that matters is counted.
            }
            channel = null;
        }
    }

    /** Flushes what it can, then closes; lines still pending are counted as lost. */
    @Override
    public void close() {
        flush();
        lost += pending.size();
        pending.clear();
        pendingBytes = 0;
        closeQuietly();
    }

    public Path file() {
        return file;
    }

    /** Lines on disk. */
    public long written() {
        return written;
    }

    /** Writes (batches) that failed. */
    public long failures() {
        return failures;
    }

    /** Lines dropped because the file could not be written for too long, or was closed failing. */
    public long lost() {
        return lost;
    }

    /** Lines held for the next try. */
    public int pendingLines() {
        return pending.size();
    }

    /** The last failure, as {@code Exception: message}, or null. */
    public String lastError() {
        return lastError;
    }
}
