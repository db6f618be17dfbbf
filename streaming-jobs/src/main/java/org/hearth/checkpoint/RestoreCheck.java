package org.hearth.checkpoint;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.flink.runtime.checkpoint.Checkpoints;
import org.apache.flink.runtime.checkpoint.metadata.CheckpointMetadata;

/**
 * Reads a checkpoint's or savepoint's metadata before the job is submitted, so that a corrupt one
 * stops {@code hearth run} with an error naming its directory rather than a job that fails over
 * and over. (State that reads but does not fit the job, a wrong schema, fails in the tasks on
 * restore; the restart strategy then ends the job and {@code hearth run} names the directory too.)
 */
public final class RestoreCheck {

    private RestoreCheck() {}

    /** @return the checkpoint id recorded in the metadata */
    public static long readable(RetainedState state) {
        Path metadata = state.dir().resolve(RetainedStates.METADATA);
        try (InputStream in = Files.newInputStream(metadata)) {
            CheckpointMetadata m = Checkpoints.loadCheckpointMetadata(new DataInputStream(in),
                    RestoreCheck.class.getClassLoader(), state.dir().toString());
            return m.getCheckpointId();
        } catch (IOException | RuntimeException e) {
            throw new UnrestorableStateException(state.dir(), e.getMessage() == null ? e.toString() : e.getMessage(), e);
        }
    }

    /** True when {@code failure}'s causes say the tasks could not restore their state. */
    public static boolean isRestoreFailure(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            String m = String.valueOf(t.getMessage());
            String c = t.getClass().getName();
            if (c.endsWith("StateMigrationException") || m.contains("StreamOperatorStateContext")
                    || m.contains("Could not restore") || m.contains("Failed to restore") || m.contains("restore keyed state")) {
                return true;
            }
        }
        return false;
    }

    /** The innermost cause's message, for one readable line. */
    public static String rootMessage(Throwable failure) {
        Throwable t = failure;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + ": " + t.getMessage();
    }

    /** A checkpoint or savepoint that cannot be restored. */
    public static final class UnrestorableStateException extends RuntimeException {
        private final Path dir;

        public UnrestorableStateException(Path dir, String why, Throwable cause) {
            super("cannot restore the state in " + dir + ": " + why
                    + " (move that directory away to start from an older checkpoint, or start empty with --fresh)", cause);
            this.dir = dir;
        }

        public Path dir() {
            return dir;
        }
    }
}
