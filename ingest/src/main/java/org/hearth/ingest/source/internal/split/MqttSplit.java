package org.hearth.ingest.source.internal.split;

import org.apache.flink.api.connector.source.SourceSplit;

/**
 * A reader's share of the subscription. MQTT has no partitions to hand out: the broker balances a
 * shared subscription between connected clients. So a split only says "you are reader N"; it keeps
 * the source within FLIP-27's contract and holds no offsets (the broker session holds the position).
 */
public record MqttSplit(String splitId) implements SourceSplit {

    public static MqttSplit forReader(int subtask) {
        return new MqttSplit("mqtt-" + subtask);
    }
}
