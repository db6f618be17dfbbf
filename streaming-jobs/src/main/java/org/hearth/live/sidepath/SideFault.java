package org.hearth.live.sidepath;

import java.time.Instant;
import java.util.Objects;

/**
 * A side path started or stopped failing. Sent only on a change, so a full disk is one record,
 * not one per dead letter.
 *
 * @param path the side path's name, e.g. {@code dead-letters}
 * @param subtask which of its writers
 * @param failing true when it started failing, false when it recovered
 * @param error the last error (exception class and message; never a record's content), or null
 * @param held records held for a retry
 * @param lost records given up on so far
 * @param at the clock's time of the change
 */
public record SideFault(String path, int subtask, boolean failing, String error, long held, long lost, Instant at) {

    public SideFault {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(at, "at");
    }

    /** The path and subtask, as one key. */
    public String writer() {
        return path + "-" + subtask;
    }
}
