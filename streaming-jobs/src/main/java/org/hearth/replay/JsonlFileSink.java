package org.hearth.replay;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.hearth.models.json.HearthJson;

/**
 * Appends each record as one JSON line to {@code {dir}/{name}-{subtask}.jsonl}; one file per
 * parallel writer so lines never interleave. Flushed at every checkpoint and at the end of input:
 * at least once, so after a restore a line written since the last checkpoint may appear twice, and
 * none goes missing. {@code hearth replay} writes its outputs through it and reads them back once
 * the job has finished.
 */
public final class JsonlFileSink<T> implements Sink<T> {

    private static final long serialVersionUID = 1L;

    private final String directory;
    private final String name;

    public JsonlFileSink(Path directory, String name) {
        this.directory = directory.toString();
        this.name = name;
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) throws IOException {
        Path dir = Paths.get(directory);
        Files.createDirectories(dir);
        Path file = dir.resolve(name + "-" + context.getTaskInfo().getIndexOfThisSubtask() + ".jsonl");
        BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        return new SinkWriter<>() {
            @Override
            public void write(T element, Context ctx) throws IOException {
                out.write(HearthJson.json().writeValueAsString(element));
                out.write('\n');
            }

            @Override
            public void flush(boolean endOfInput) throws IOException {
                out.flush();
            }

            @Override
            public void close() throws IOException {
                out.close();
            }
        };
    }
}
