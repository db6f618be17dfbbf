package org.hearth.ingest.source;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Files acknowledgements under the checkpoint that covers them and releases them when it completes.
 *
 * <p>A message is registered when the reader <em>emits</em> it (not when the client receives it),
 * so a message still sitting in the buffer at a snapshot is not covered by that snapshot and is not
 * acknowledged with it — the flaw PLATFORM.md records in Google's Pub/Sub source. On completion of
 * checkpoint N everything filed under N or earlier is released, so a lost notification is made up
 * by the next one. Aborted checkpoints keep their acks for the next completion.
 *
 * <p>Not thread-safe: Flink calls emit, snapshot and complete on the reader's one mailbox thread.
 */
public final class AckTracker {

    private List<AckHandle> sinceLastSnapshot = new ArrayList<>();
    private final NavigableMap<Long, List<AckHandle>> byCheckpoint = new TreeMap<>();

    /** The reader emitted this message downstream. QoS 0 needs no acknowledgement. */
    public void emitted(AckHandle handle) {
        if (handle.qos() > 0) {
            sinceLastSnapshot.add(handle);
        }
    }

    /** A checkpoint barrier passes the reader: everything emitted so far belongs to it. */
    public void snapshot(long checkpointId) {
        if (!sinceLastSnapshot.isEmpty()) {
            byCheckpoint.computeIfAbsent(checkpointId, id -> new ArrayList<>()).addAll(sinceLastSnapshot);
            sinceLastSnapshot = new ArrayList<>();
        }
    }

    /** Checkpoint {@code checkpointId} completed: returns every ack filed under it or earlier. */
    public List<AckHandle> complete(long checkpointId) {
        List<AckHandle> due = new ArrayList<>();
        Map<Long, List<AckHandle>> head = byCheckpoint.headMap(checkpointId, true);
        head.values().forEach(due::addAll);
        head.clear();
        return due;
    }

    /** Emitted messages whose acknowledgement waits for a checkpoint. */
    public int pending() {
        return sinceLastSnapshot.size() + byCheckpoint.values().stream().mapToInt(List::size).sum();
    }
}
