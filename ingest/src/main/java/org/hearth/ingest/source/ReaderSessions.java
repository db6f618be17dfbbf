package org.hearth.ingest.source;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

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
 * {@link MqttSourceConfig#MAX_CONNECTIONS_PER_READER}). It searches one subtask at a time and probes all of that
 * subtask's slots at once ({@link #slotsOf}, {@link #nextSubtask}; a probe of a slot without a session is a connect and
 * a disconnect, ~0.4 s on a local broker, too slow one by one), every connection index whether or not another held a
 * session: an earlier reader that drained and ended {@code -c1} and failed over before {@code -c2} leaves a gap, and a
 * search that stopped at the gap left {@code -c2} in the shared group, taking a share of new messages until it expired.
 * A subtask none of whose slots held a session ends the search. These slots are disjoint between readers, and never a
 * slot a running reader owns (a
 * probe under a live client id would take its session over).
 *
 * <p>Not covered: a reader that ended every session of subtask {@code i + p} and failed over before it probed
 * {@code i + 2p} leaves {@code i + 2p}'s sessions past an empty subtask, where the search has ended.
 */
public record ReaderSessions(String prefix, int subtask, int parallelism, int connections) {

    /** One broker session: a subtask's connection. */
    public record Slot(int subtask, int connection) {}

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

    /** The first subtask whose slots this reader probes: its own (its surplus connections). */
    public int firstSubtask() {
        return subtask;
    }

    /**
     * The slots of {@code searched} this reader probes: every connection index of another subtask, only the surplus
     * ones of its own (none when it uses every index).
     */
    public List<Slot> slotsOf(int searched) {
        if (searched < subtask || (searched - subtask) % parallelism != 0) {
            throw new IllegalArgumentException("subtask " + searched + " is not searched by reader " + subtask + " of " + parallelism);
        }
        List<Slot> slots = new ArrayList<>();
        for (int c = searched == subtask ? connections : 0; c < MqttSourceConfig.MAX_CONNECTIONS_PER_READER; c++) {
            slots.add(new Slot(searched, c));
        }
        return slots;
    }

    /**
     * The subtask to search after {@code searched}, given whether any of its slots held a session; empty when the
     * search ends (the reader's own subtask always leads on to the next).
     */
    public OptionalInt nextSubtask(int searched, boolean anyFound) {
        return searched == subtask || anyFound ? OptionalInt.of(searched + parallelism) : OptionalInt.empty();
    }
}
