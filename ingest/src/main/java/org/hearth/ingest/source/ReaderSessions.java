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
 * takes over its own surplus connections {@code (i, k), (i, k+1), ...} and the slots of the subtasks
 * {@code i + p, i + 2p, ...}, connection 0 first, then 1, 2, ... of a subtask whose connection 0 had a session. It
 * probes one slot at a time ({@link #next}): after a slot with a session, the next connection of that subtask; after
 * one without, the next subtask's connection 0; a subtask without a session at connection 0 ends the search. These
 * slots are disjoint between readers, and never a slot a running reader owns (a probe under a live client id would
 * take its session over).
 */
public record ReaderSessions(String prefix, int subtask, int parallelism, int connections) {

    /** One broker session: a subtask's connection. */
    public record Slot(int subtask, int connection) {}

    public ReaderSessions {
        if (subtask < 0 || parallelism < 1 || subtask >= parallelism || connections < 1) {
            throw new IllegalArgumentException("subtask 0..parallelism-1 and at least one connection, got subtask " + subtask
                    + " of " + parallelism + ", " + connections + " connection(s)");
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

    /** The first slot this reader probes for a session nobody owns: its own first surplus connection. */
    public Slot firstProbe() {
        return new Slot(subtask, connections);
    }

    /** The slot to probe after {@code probed}, given whether it held a session; empty when the search ends. */
    public Optional<Slot> next(Slot probed, boolean found) {
        if (found) {
            return Optional.of(new Slot(probed.subtask(), probed.connection() + 1));
        }
        if (probed.connection() == 0) {
            return Optional.empty();
        }
        return Optional.of(new Slot(probed.subtask() + parallelism, 0));
    }
}
