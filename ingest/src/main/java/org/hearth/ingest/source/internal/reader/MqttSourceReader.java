package org.hearth.ingest.source.internal.reader;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.core.io.InputStatus;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.groups.SourceReaderMetricGroup;
import org.hearth.ingest.source.MqttMessage;
import org.hearth.ingest.source.MqttSourceConfig;
import org.hearth.ingest.source.internal.split.MqttSplit;

/**
 * Emits buffered MQTT messages into Flink and acknowledges them after the checkpoint that covers
 * their emission completes. The bookkeeping lives in {@link AckTracker}; the broker link in
 * {@link MqttConnection}. Runs on the task's mailbox thread, except the buffer's producer side.
 */
public final class MqttSourceReader implements SourceReader<MqttMessage, MqttSplit> {

    private static final CompletableFuture<Void> AVAILABLE = CompletableFuture.completedFuture(null);

    private final BlockingQueue<Received> buffer;
    private final AckTracker acks = new AckTracker();
    private final MqttConnection connection;
    private final Map<String, MqttSplit> splits = new LinkedHashMap<>();
    private final Object availability = new Object();
    private CompletableFuture<Void> available = new CompletableFuture<>();
    private final Counter emitted;

    public MqttSourceReader(MqttSourceConfig config, SourceReaderContext context) {
        this.buffer = new ArrayBlockingQueue<>(config.bufferCapacity());
        int subtask = context.getIndexOfSubtask();
        boolean shared = switch (config.shareMode()) {
            case ALWAYS -> true;
            case NEVER -> false;
            case WHEN_PARALLEL -> context.currentParallelism() > 1;
        };
        List<String> plain = config.topicFilters();
        List<String> sharedFilters = plain.stream().map(f -> "$share/" + config.sharedGroup() + "/" + f).toList();
        this.connection = new MqttConnection(config, config.clientIdPrefix() + "-" + subtask,
                shared ? sharedFilters : plain, shared ? plain : sharedFilters, buffer, this::signalAvailable);
        SourceReaderMetricGroup metrics = context.metricGroup();
        this.emitted = metrics.counter("mqttMessagesEmitted");
        metrics.gauge("mqttPendingAcks", acks::pending);
        metrics.gauge("mqttBuffered", buffer::size);
        metrics.gauge("mqttReconnects", connection::reconnects);
        metrics.gauge("mqttAcksSent", connection::acksSent);
        metrics.gauge("mqttAcksSkippedStaleConnection", connection::acksSkipped);
    }

    @Override
    public void start() {
        connection.start();
    }

    @Override
    public InputStatus pollNext(ReaderOutput<MqttMessage> output) {
        Received r = buffer.poll();
        if (r == null) {
            return InputStatus.NOTHING_AVAILABLE;
        }
        output.collect(r.message(), r.message().receivedAt().toEpochMilli());
        // Filed for acknowledgement only now that it is emitted: a snapshot taken while it was
        // still buffered does not cover it (see AckTracker).
        acks.emitted(r.ack());
        emitted.inc();
        return buffer.isEmpty() ? InputStatus.NOTHING_AVAILABLE : InputStatus.MORE_AVAILABLE;
    }

    @Override
    public CompletableFuture<Void> isAvailable() {
        synchronized (availability) {
            if (!buffer.isEmpty()) {
                return AVAILABLE;
            }
            if (available.isDone()) {
                available = new CompletableFuture<>();
            }
            return available;
        }
    }

    private void signalAvailable() {
        CompletableFuture<Void> toComplete;
        synchronized (availability) {
            toComplete = available;
        }
        toComplete.complete(null);
    }

    @Override
    public List<MqttSplit> snapshotState(long checkpointId) {
        acks.snapshot(checkpointId);
        return new ArrayList<>(splits.values());
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) {
        connection.ack(acks.complete(checkpointId));
    }

    @Override
    public void addSplits(List<MqttSplit> newSplits) {
        newSplits.forEach(s -> splits.put(s.splitId(), s));
    }

    @Override
    public void notifyNoMoreSplits() {}

    @Override
    public void close() {
        connection.close();
    }
}
