package org.hearth.ingest.source;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What is needed to acknowledge one received message: its packet id and QoS, and the connection
 * epoch that received it. Epochs are unique across all of a reader's connections (its own, several
 * when {@link MqttSourceConfig#connectionsPerReader} is above 1, and the sessions it drains) and
 * across their reconnects, so the epoch names both the connection and the link: a PUBACK only means
 * something on that link. After a reconnect the broker redelivers and may reuse the id for a
 * different message, so stale handles are skipped.
 */
public record AckHandle(long epoch, int messageId, int qos) {

    /** The handles grouped by epoch, each group in the order given (the order the PUBACKs go in). */
    public static Map<Long, List<AckHandle>> byEpoch(List<AckHandle> handles) {
        Map<Long, List<AckHandle>> byEpoch = new LinkedHashMap<>();
        for (AckHandle h : handles) {
            byEpoch.computeIfAbsent(h.epoch(), e -> new ArrayList<>()).add(h);
        }
        return byEpoch;
    }
}
