package org.hearth.checkpoint;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.runtime.checkpoint.Checkpoints;
import org.apache.flink.runtime.checkpoint.OperatorState;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.checkpoint.metadata.CheckpointMetadata;
import org.apache.flink.runtime.jobgraph.OperatorID;
import org.apache.flink.streaming.api.graph.StreamGraphHasherV2;

/**
 * Operators that earlier releases ran and this one no longer has, and why their state may go.
 *
 * <p>Flink refuses to restore a checkpoint or savepoint that holds state for an operator the new job
 * lacks, unless told to drop whatever is unclaimed ({@code execution.state-recovery.ignore-unclaimed-state},
 * {@code flink run --allowNonRestoredState}). Dropping whatever is unclaimed would also hide a uid
 * changed by mistake, which loses a resident's learning silently; so {@code hearth run} drops
 * unclaimed state only when the state it restores holds some of these retired operators
 * ({@link #heldIn}), says so on its restore line, and is strict again from its first checkpoint on.
 */
public final class RetiredOperators {

    /** uid → why its state can be dropped. */
    static final Map<String, String> RETIRED;

    static {
        Map<String, String> retired = new LinkedHashMap<>();
        retired.put("pre-alert-gate", "folded into home-detector (issue 17): nothing it kept is read any more (the"
                + " pre-alert windows are the detector's since issue 16; its registry and away modes were copies of"
                + " the detector's)");
        retired.put("address-alerts", "folded into alert-lifecycle (issue 17): its state was a copy of the registry,"
                + " which alert-lifecycle holds too");
        RETIRED = Map.copyOf(retired);
    }

    private RetiredOperators() {}

    /**
     * The retired operators (uids) that hold state in the checkpoint or savepoint in {@code dir}, or
     * none when its metadata does not read (the restore then fails and says why).
     */
    public static List<String> heldIn(Path dir) {
        try {
            return withState(dir, RETIRED.keySet());
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }

    /** Those of {@code uids} whose operators hold state in the checkpoint or savepoint in {@code dir}. */
    static List<String> withState(Path dir, Collection<String> uids) throws IOException {
        CheckpointMetadata metadata;
        try (InputStream in = Files.newInputStream(dir.resolve(RetainedStates.METADATA))) {
            metadata = Checkpoints.loadCheckpointMetadata(new DataInputStream(in),
                    RetiredOperators.class.getClassLoader(), dir.toString());
        }
        List<String> held = new ArrayList<>();
        for (String uid : uids) {
            // The operator id Flink derives from a uid (the same hash as the job graph's).
            OperatorID id = new OperatorID(StreamGraphHasherV2.generateUserSpecifiedHash(uid));
            for (OperatorState state : metadata.getOperatorStates()) {
                if (state.getOperatorID().equals(id) && holdsState(state)) {
                    held.add(uid);
                }
            }
        }
        return held;
    }

    /** As Flink judges it when the operator is missing: coordinator state, or any subtask's state. */
    private static boolean holdsState(OperatorState state) {
        if (state.getCoordinatorState() != null) {
            return true;
        }
        for (OperatorSubtaskState subtask : state.getStates()) {
            if (subtask.hasState()) {
                return true;
            }
        }
        return false;
    }
}
