package org.hearth.replay;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;
import org.hearth.models.registry.KitRegistry;

/**
 * Reads several replay files at once and yields their records merged by event time (a k-way merge
 * on each file's next timestamp, ties to the earlier file), so that one file per home, each in time
 * order, replays as one stream in time order: the watermark of one file's end never makes another
 * file's events late. Within a file, order is kept as written; small disorder is the watermark's
 * allowed lateness to absorb. A rejected line comes out where it stood in its file.
 */
final class MergedLines implements Iterator<ReplayRecord>, AutoCloseable {

    private final PriorityQueue<Cursor> heads = new PriorityQueue<>((a, b) -> a.nextTs != b.nextTs
            ? Long.compare(a.nextTs, b.nextTs) : Integer.compare(a.index, b.index));
    private long emitted;

    MergedLines(List<Path> files, ReplayFormat format, KitRegistry registry, long skip) {
        for (int i = 0; i < files.size(); i++) {
            Cursor c = new Cursor(i, files.get(i), format.decoderFor(files.get(i), registry));
            if (c.advance()) {
                heads.add(c);
            } else {
                c.close();
            }
        }
        while (emitted < skip && hasNext()) {
            next();
        }
    }

    /** How many records were handed out, for the split's checkpoint. */
    long emitted() {
        return emitted;
    }

    @Override
    public boolean hasNext() {
        return !heads.isEmpty();
    }

    @Override
    public ReplayRecord next() {
        Cursor c = heads.poll();
        if (c == null) {
            throw new NoSuchElementException();
        }
        ReplayRecord record = c.buffer.poll();
        if (c.advance()) {
            heads.add(c);
        } else {
            c.close();
        }
        emitted++;
        return record;
    }

    @Override
    public void close() {
        heads.forEach(Cursor::close);
        heads.clear();
    }

    /** One open file with the records of its current line. */
    private static final class Cursor {
        final int index;
        final BufferedReader reader;
        final LineDecoder decoder;
        final ArrayDeque<ReplayRecord> buffer = new ArrayDeque<>(2);
        long lineNumber;
        long nextTs = Long.MIN_VALUE;

        Cursor(int index, Path file, LineDecoder decoder) {
            this.index = index;
            this.decoder = decoder;
            try {
                this.reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Makes sure a record is buffered; false at the end of the file. */
        boolean advance() {
            try {
                while (buffer.isEmpty()) {
                    String line = reader.readLine();
                    if (line == null) {
                        return false;
                    }
                    lineNumber++;
                    if (!line.isBlank()) {
                        buffer.addAll(decoder.decode(line, lineNumber));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            ReplayRecord head = buffer.peek();
            if (head.isEvent()) {
                nextTs = head.event().ts().toEpochMilli(); // dead letters keep the previous time
            }
            return true;
        }

        void close() {
            try {
                reader.close();
            } catch (IOException ignored) {
                // read-only file: nothing to lose
            }
        }
    }
}
