package org.hearth.ingest.deadletter;

import java.nio.file.Path;
import java.nio.file.Paths;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.hearth.ingest.sidesink.LineFile;
import org.hearth.ingest.sidesink.SideSinkMetrics;

/**
 * A Flink sink writing dead letters to {@code {dir}/dead-letters-{subtask}.jsonl}, one file per
 * parallel writer so they never interleave. Flushed on every checkpoint (at-least-once: after a
 * restore, lines written since the last checkpoint may appear twice; none go missing while the
 * disk takes them).
 *
 * <p>Never fails the job: a dead letter is a side path, and a job stopped by its own error file
 * stops detection for every home. What cannot be written is retried at the next batch or
 * checkpoint, then counted ({@code sideSink.failures}, {@code sideSink.lost}) and logged once per
 * failing streak (file name and error only: no payload in a log).
 */
public final class DeadLetterFileSink implements Sink<DeadLetter> {

    private static final long serialVersionUID = 1L;

    private final String directory;

    public DeadLetterFileSink(Path directory) {
        this.directory = directory.toString();
    }

    @Override
    public SinkWriter<DeadLetter> createWriter(WriterInitContext context) {
        Path file = Paths.get(directory, "dead-letters-" + context.getTaskInfo().getIndexOfThisSubtask() + ".jsonl");
        DeadLetterJsonlWriter writer = new DeadLetterJsonlWriter(file);
        SideSinkMetrics metrics = new SideSinkMetrics("dead-letters", writer.file(), context.metricGroup());
        return new SinkWriter<>() {
            @Override
            public void write(DeadLetter element, Context ctx) {
                writer.write(element);
                metrics.update(false);
            }

            @Override
            public void flush(boolean endOfInput) {
                writer.flush();
                metrics.update(true);
            }

            @Override
            public void close() {
                writer.close();
                metrics.update(true);
            }
        };
    }
}
