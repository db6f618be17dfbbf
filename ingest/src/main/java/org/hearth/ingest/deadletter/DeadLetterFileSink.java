package org.hearth.ingest.deadletter;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * A Flink sink writing dead letters to {@code {dir}/dead-letters-{subtask}.jsonl}, one file per
 * parallel writer so they never interleave. Flushed on every checkpoint (at-least-once: after a
 * restore, lines written since the last checkpoint may appear twice; none go missing).
 */
public final class DeadLetterFileSink implements Sink<DeadLetter> {

    private final String directory;

    public DeadLetterFileSink(Path directory) {
        this.directory = directory.toString();
    }

    @Override
    public SinkWriter<DeadLetter> createWriter(WriterInitContext context) throws IOException {
        Path file = Paths.get(directory, "dead-letters-" + context.getTaskInfo().getIndexOfThisSubtask() + ".jsonl");
        DeadLetterJsonlWriter writer = new DeadLetterJsonlWriter(file);
        return new SinkWriter<>() {
            @Override
            public void write(DeadLetter element, Context ctx) throws IOException {
                writer.write(element);
            }

            @Override
            public void flush(boolean endOfInput) throws IOException {
                writer.flush();
            }

            @Override
            public void close() throws Exception {
                writer.close();
            }
        };
    }
}
