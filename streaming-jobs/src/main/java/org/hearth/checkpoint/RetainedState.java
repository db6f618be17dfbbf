package org.hearth.checkpoint;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;

/**
 * One completed checkpoint or savepoint found on disk: a directory holding Flink's {@code _metadata}.
 *
 * @param dir the directory to restore from ({@code .../{jobId}/chk-N} or {@code .../savepoints/savepoint-...})
 * @param kind checkpoint or savepoint
 * @param jobDir the job's checkpoint directory a checkpoint belongs to (its {@code shared/} files
 *     live there), or the savepoint's own directory
 * @param takenAt when it completed (its {@code _metadata} was written)
 */
public record RetainedState(Path dir, Kind kind, Path jobDir, Instant takenAt) {

    public enum Kind { CHECKPOINT, SAVEPOINT }

    public RetainedState {
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(jobDir, "jobDir");
        Objects.requireNonNull(takenAt, "takenAt");
    }

    /** {@code checkpoint chk-42} or {@code savepoint savepoint-a1b2c3-...}. */
    public String describe() {
        return (kind == Kind.CHECKPOINT ? "checkpoint " : "savepoint ") + dir.getFileName();
    }
}
