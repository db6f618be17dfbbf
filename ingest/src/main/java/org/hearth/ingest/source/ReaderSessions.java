package org.hearth.ingest.source;

import java.util.Optional;

/**
 * The broker sessions of one reader subtask and the order in which it looks for sessions nobody owns.
 *
 * <p>A session is a (subtask, connection) slot. Reader {@code i} of {@code p} with {@code k} connections owns
 * {@code (i, 0..k-1)}. Connection 0 is {@code {prefix}-{i}}, the client id readers had before they had several
 * connections, so a running deployment's session (and what the broker queued for it) is kept; connection {@code c > 0}
 * is {@code {prefix}-{i}-c{c}}.
 *
 * <p>After a restart with fewer readers or fewer connections, the slots nobody owns may still hold sessions with
 * queued messages (and, in a shared subscription, the broker may go on routing new ones to them). Reader {@code i}
 * takes over its own surplus connections {@code (i, k) .. (i, MAX-1)} and the slots of the subtasks
 * {@code i + p, i + 2p, ...}, each subtask's connections {@code 0 .. MAX-1} ({@code MAX} =
 * {@link MqttSourceConfig#MAX_CONNECTIONS_PER_READER}). It probes one slot at a time ({@link #next}) and probes every
 * connection index of a subtask, whether or not the ones before it held a session: an earlier reader that drained and
 * ended {@code -c1} and failed over before it reached {@code -c2} leaves a gap, and stopping at the gap would leave
 * {@code -c2} in the shared group, taking a share of new messages until it expires. A subtask none of whose slots held
 * a session ends the search. These slots are disjoint between readers, and never a slot a running reader owns (a
 * probe under a live client id would take its session over).
 *
 * <p>Not covered: a reader that ended every session of subtask {@code i + p} and failed over before it probed
 * {@code i + 2p} leaves {@code i + 2p}'s sessions past an empty subtask, where the search has ended.
 */
public record ReaderSessions(String prefix, int subtask, int parallelism, int connections) {

    /** One broker session: a subtask's connection. */
    public record Slot(int subtask, int connection) {}

    /** A slot to probe, and whether an earlier slot of its subtask held a session (the reader's own subtask: always). */
    public record Probe(Slot slot, boolean subtaskHeldSession) {}

    public ReaderSessions {
        if (subtask < 0 || parallelism < 1 || subtask >= parallelism || connections < 1
                || connections > MqttSourceConfig.MAX_CONNECTIONS_PER_READER) {
            throw new IllegalArgumentException("subtask 0..parallelism-1 and 1.." + MqttSourceConfig.MAX_CONNECTIONS_PER_READER
                    + " connections, got subtask " + subtask + " of " + parallelism + ", " + connections + " connection(s)");
        }
    }

    /** The client id of a slot. */
    public String clientId(Slot slot) {
        return slot.connection() == 0 ? prefix + "-" + slot.subtask() : prefix + "-" + slot.subtask() + "-c" + slot.connection();
    }

    /** The client id of this reader's connection {@code connection}. */
    public String own(int connection) {
        if (connection < 0 || connection >= connections) {
            throw new IllegalArgumentException("connection 0.." + (connections - 1) + ", got " + connection);
        }
        return clientId(new Slot(subtask, connection));
    }

    /**
     * The first slot this reader probes for a session nobody owns: its own first surplus connection, or with every
     * connection index in use, the next subtask's connection 0.
     */
    public Probe firstProbe() {
        if (connections < MqttSourceConfig.MAX_CONNECTIONS_PER_READER) {
            return new Probe(new Slot(subtask, connections), true);
        }
        return new Probe(new Slot(subtask + parallelism, 0), false);
    }

    /** The slot to probe after {@code probed}, given whether it held a session; empty when the search ends. */
    public Optional<Probe> next(Probe probed, boolean found) {
        Slot slot = probed.slot();
        boolean held = probed.subtaskHeldSession() || found;
        if (slot.connection() + 1 < MqttSourceConfig.MAX_CONNECTIONS_PER_READER) {
            return Optional.of(new Probe(new Slot(slot.subtask(), slot.connection() + 1), held));
        }
        return held ? Optional.of(new Probe(new Slot(slot.subtask() + parallelism, 0), false)) : Optional.empty();
    }
}
