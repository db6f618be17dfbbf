package org.hearth.checkpoint;

import java.nio.file.Path;

/**
 * How a live job keeps and finds its state across restarts.
 *
 * @param restoreFrom the checkpoint or savepoint to start from, or null to start empty
 * @param retained completed checkpoints Flink keeps per job ({@code execution.checkpointing.num-retained})
 * @param tolerableFailedCheckpoints failed checkpoints in a row before the job fails over
 */
public record Recovery(RetainedState restoreFrom, int retained, int tolerableFailedCheckpoints) {

    /** Global job parameter naming what the job was restored from, for the restore line. */
    public static final String RESTORED_FROM = "hearth.restored-from";

    public Recovery {
        if (retained < 1) {
            throw new IllegalArgumentException("retain at least one checkpoint");
        }
        if (tolerableFailedCheckpoints < 0) {
            throw new IllegalArgumentException("tolerableFailedCheckpoints must not be negative");
        }
    }

    /** Start empty, keep the newest 3 checkpoints, tolerate 3 failed ones. */
    public static Recovery fresh() {
        return new Recovery(null, 3, 3);
    }

    public Recovery restoring(RetainedState state) {
        return new Recovery(state, retained, tolerableFailedCheckpoints);
    }

    public Path restorePath() {
        return restoreFrom == null ? null : restoreFrom.dir();
    }
}
