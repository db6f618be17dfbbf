package org.hearth.live.sidepath;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.hearth.ingest.deadletter.DeadLetter;
import org.hearth.ingest.deadletter.DeadLetterJsonlWriter;
import org.hearth.ingest.sidesink.LineFile;
import org.hearth.models.json.HearthJson;
import org.hearth.storage.StorageConfig;
import org.hearth.storage.point.PointEncoder;
import org.hearth.storage.write.StorageWriter;
import org.hearth.storage.write.WriteListener;

/** The live job's side paths as {@link SideWriter}s. */
public final class SideWriters {

    private SideWriters() {}

    /** Dead letters, one JSON line each in {@code {dir}/dead-letters-{subtask}.jsonl}; cannot fail on content. */
    public static SideWriterFactory<DeadLetter> deadLetters(Path dir) {
        return jsonl(dir, "dead-letters", DeadLetterJsonlWriter::toJson);
    }

    /** Any record as one JSON line in {@code {dir}/{name}-{subtask}.jsonl} (late events, unknown homes, alerts). */
    public static <T> SideWriterFactory<T> jsonl(Path dir, String name) {
        return jsonl(dir, name, value -> HearthJson.json().writeValueAsString(value));
    }

    static <T> SideWriterFactory<T> jsonl(Path dir, String name, ToLine<T> toLine) {
        String directory = dir.toString();
        return subtask -> new JsonlWriter<>(new LineFile(Paths.get(directory, name + "-" + subtask + ".jsonl")), toLine);
    }

    /** Records stored through a {@link StorageWriter} (its own retries, spill and outage policy). */
    public static <T> SideWriterFactory<T> storage(StorageConfig config, String name, PointEncoder<? super T> encoder) {
        return subtask -> new StorageSide<>(StorageWriter.toInflux(config, name + "-" + subtask, WriteListener.NONE), encoder);
    }

    /** Turns a record into its line; may throw for a record it cannot write. */
    @FunctionalInterface
    public interface ToLine<T> extends java.io.Serializable {
        String line(T value) throws Exception;
    }

    private static final class JsonlWriter<T> implements SideWriter<T> {
        private final LineFile file;
        private final ToLine<T> toLine;

        JsonlWriter(LineFile file, ToLine<T> toLine) {
            this.file = file;
            this.toLine = toLine;
        }

        @Override
        public void write(T value) throws Exception {
            // A failing disk is noticed at flush: the file holds the line itself, so nothing is held twice.
            file.append(toLine.line(value).getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public void flush() throws SidePathGuard.HeldByWriter {
            if (!file.flush()) {
                throw new SidePathGuard.HeldByWriter("cannot write " + file.file() + ": " + file.lastError()
                        + " (" + file.pendingLines() + " lines held, " + file.lost() + " lost)");
            }
        }

        @Override
        public void close() {
            file.close();
        }
    }

    private static final class StorageSide<T> implements SideWriter<T> {
        private final StorageWriter writer;
        private final PointEncoder<? super T> encoder;

        StorageSide(StorageWriter writer, PointEncoder<? super T> encoder) {
            this.writer = writer;
            this.encoder = encoder;
        }

        @Override
        public void write(T value) {
            writer.offer(encoder.encode(value));
        }

        @Override
        public void flush() throws InterruptedException {
            writer.checkpoint();
        }

        @Override
        public void close() throws InterruptedException {
            writer.close();
        }
    }

}
