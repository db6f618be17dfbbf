package org.hearth.storage.flink;

import java.io.IOException;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.groups.SinkWriterMetricGroup;
import org.hearth.storage.StorageConfig;
import org.hearth.storage.point.PointEncoder;
import org.hearth.storage.point.StoredPoint;
import org.hearth.storage.write.StorageWriter;
import org.hearth.storage.write.WriteListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One subtask's writer. Metrics under the operator's group {@code hearthStorage}: counters
 * {@code written}, {@code retried}, {@code spilled}, {@code dropped}, {@code rejected},
 * {@code unencodable}, and the gauge {@code buffered}; written points also feed Flink's standard
 * {@code numRecordsSend}.
 */
final class InfluxSinkWriter<T> implements SinkWriter<T> {

    private static final Logger LOG = LoggerFactory.getLogger(InfluxSinkWriter.class);

    private final PointEncoder<? super T> encoder;
    private final StorageWriter writer;
    private final Counter unencodable;

    InfluxSinkWriter(StorageConfig config, String name, PointEncoder<? super T> encoder, SinkWriterMetricGroup metrics) {
        this.encoder = encoder;
        var group = metrics.addGroup("hearthStorage");
        Counter written = group.counter("written");
        Counter retried = group.counter("retried");
        Counter spilled = group.counter("spilled");
        Counter dropped = group.counter("dropped");
        Counter rejected = group.counter("rejected");
        Counter send = metrics.getNumRecordsSendCounter();
        Counter sendErrors = metrics.getNumRecordsSendErrorsCounter();
        this.unencodable = group.counter("unencodable");
        this.writer = StorageWriter.toInflux(config, name, new WriteListener() {
            @Override
            public void written(int points) {
                written.inc(points);
                send.inc(points);
            }

            @Override
            public void retried(int points) {
                retried.inc(points);
            }

            @Override
            public void spilled(int points) {
                spilled.inc(points);
            }

            @Override
            public void dropped(int points) {
                dropped.inc(points);
            }

            @Override
            public void rejected(int points) {
                rejected.inc(points);
                sendErrors.inc(points);
            }
        });
        group.gauge("buffered", () -> writer.counters().buffered());
    }

    @Override
    public void write(T element, Context context) {
        StoredPoint point;
        try {
            point = encoder.encode(element);
        } catch (RuntimeException e) {
            // A record that cannot become a point is a bug in a mapper: count it, never fail the job for storage.
            unencodable.inc();
            LOG.warn("storage: cannot encode a {}: {}", element.getClass().getSimpleName(), e.getMessage());
            return;
        }
        writer.offer(point);
    }

    @Override
    public void flush(boolean endOfInput) throws InterruptedException {
        if (endOfInput) {
            writer.close(); // writes what it can within flushTimeout, spills kept points, counts raw left
        } else {
            writer.checkpoint();
        }
    }

    @Override
    public void close() throws InterruptedException, IOException {
        writer.close();
    }
}
