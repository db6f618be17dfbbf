package org.hearth.ingest.source.internal.enumerator;

import java.util.List;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.hearth.ingest.source.internal.split.MqttSplit;

/**
 * Gives each reader its one split when it registers (again after a failover). Splits handed back
 * by a failed reader need no bookkeeping: the same reader index gets the same split on return.
 */
public final class MqttSplitEnumerator implements SplitEnumerator<MqttSplit, MqttEnumeratorState> {

    private final SplitEnumeratorContext<MqttSplit> context;

    public MqttSplitEnumerator(SplitEnumeratorContext<MqttSplit> context) {
        this.context = context;
    }

    @Override
    public void start() {}

    @Override
    public void handleSplitRequest(int subtaskId, String requesterHostname) {}

    @Override
    public void addSplitsBack(List<MqttSplit> splits, int subtaskId) {}

    @Override
    public void addReader(int subtaskId) {
        context.assignSplit(MqttSplit.forReader(subtaskId), subtaskId);
    }

    @Override
    public MqttEnumeratorState snapshotState(long checkpointId) {
        return new MqttEnumeratorState();
    }

    @Override
    public void close() {}
}
