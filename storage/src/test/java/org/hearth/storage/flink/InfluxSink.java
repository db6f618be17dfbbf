package org.hearth.storage.flink;

import java.io.IOException;
import java.util.Objects;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.hearth.storage.StorageConfig;
import org.hearth.storage.point.PointEncoder;

/**
 * A Flink sink (Sink V2) that stores records in InfluxDB through a {@link
 * org.hearth.storage.write.StorageWriter}. Thin: batching, retries, the outage policy and the
 * counts live in the writer; this only moves records in and mirrors the counts as Flink metrics.
 *
 * <pre>{@code
 * streams.alerts().sinkTo(InfluxSink.of(storage, "alerts", PointMappers.standard(cohorts)));
 * }</pre>
 *
 * <p>Delivery: kept points (alerts, lifecycle) are written or spilled to the local disk on every
 * checkpoint, so they are at least once as long as that disk survives; raw events are best effort
 * with counted drops (storage/README.md).
 *
 * @param <T> the record type
 */
public final class InfluxSink<T> implements Sink<T> {

    private final StorageConfig config;
    private final String name;
    private final PointEncoder<? super T> encoder;

    private InfluxSink(StorageConfig config, String name, PointEncoder<? super T> encoder) {
        this.config = Objects.requireNonNull(config, "config");
        this.name = Objects.requireNonNull(name, "name");
        this.encoder = Objects.requireNonNull(encoder, "encoder");
    }

    /**
     * @param name names this sink's spill and rejected files (with the subtask index); keep it
     *     stable across restarts so that a restarted job replays what an earlier one spilled
     */
    public static <T> InfluxSink<T> of(StorageConfig config, String name, PointEncoder<? super T> encoder) {
        return new InfluxSink<>(config, name, encoder);
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) throws IOException {
        String writerName = name + "-" + context.getTaskInfo().getIndexOfThisSubtask();
        return new InfluxSinkWriter<>(config, writerName, encoder, context.metricGroup());
    }
}
