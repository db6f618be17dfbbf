package org.hearth.checkpoint;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.runtime.OperatorIDPair;
import org.apache.flink.runtime.checkpoint.Checkpoints;
import org.apache.flink.runtime.checkpoint.OperatorState;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.checkpoint.metadata.CheckpointMetadata;
import org.apache.flink.runtime.jobgraph.JobVertex;
import org.apache.flink.runtime.jobgraph.OperatorID;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraphHasherV2;

/**
 * Operators that earlier releases ran and this one no longer has, and why their state may go.
 *
 * <p>Flink refuses to restore a checkpoint or savepoint that holds state for an operator the new job
 * lacks, unless told to drop whatever is unclaimed ({@code execution.state-recovery.ignore-unclaimed-state},
 * {@code flink run --allowNonRestoredState}). Dropping whatever is unclaimed would also hide a uid
 * changed by mistake, which loses a resident's learning silently. So {@link #dropIfOnlyRetired}
 * compares the checkpoint with the job about to run, and lets the restore drop unclaimed state only
 * when every unclaimed operator is one of these; otherwise Flink refuses as before and names the
 * operator. The first checkpoint after has none of it, so later restores are strict again.
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
        retired.put("dedupe", "live de-duplication keyed by sensor since issue 18 (dedupe-by-sensor): it remembered"
                + " every event's identity for six hours; without it at most the redeliveries pending at the upgrade pass"
                + " once, which downstream tolerates (at-least-once). Replay's is dedupe-replay now");
        RETIRED = Map.copyOf(retired);
    }

    private RetiredOperators() {}

    /**
     * For a job about to restore from {@code dir} (call it once the graph is attached, before
     * {@code execute}): when the only state it does not claim belongs to retired operators, tells
     * {@code env} to drop it and returns their uids; otherwise changes nothing and returns none.
     */
    public static List<String> dropIfOnlyRetired(StreamExecutionEnvironment env, Path dir) throws IOException {
        Set<OperatorID> claimed = new HashSet<>();
        for (JobVertex vertex : env.getStreamGraph(false).getJobGraph().getVertices()) {
            for (OperatorIDPair ids : vertex.getOperatorIDs()) {
                claimed.add(ids.getGeneratedOperatorID());
                ids.getUserDefinedOperatorID().ifPresent(claimed::add);
            }
        }
        List<String> retired = unclaimedIfAllRetired(dir, claimed);
        if (!retired.isEmpty()) {
            Configuration drop = new Configuration();
            drop.set(StateRecoveryOptions.SAVEPOINT_IGNORE_UNCLAIMED_STATE, true);
            env.configure(drop);
        }
        return retired;
    }

    /** The retired uids holding the unclaimed state in {@code dir}, or none when nothing is unclaimed or anything unclaimed is not retired. */
    static List<String> unclaimedIfAllRetired(Path dir, Set<OperatorID> claimed) throws IOException {
        Map<OperatorID, String> retiredIds = new LinkedHashMap<>();
        RETIRED.keySet().forEach(uid -> retiredIds.put(idOf(uid), uid));
        List<String> retired = new ArrayList<>();
        for (OperatorState state : metadata(dir).getOperatorStates()) {
            if (claimed.contains(state.getOperatorID()) || !holdsState(state)) {
                continue;
            }
            String uid = retiredIds.get(state.getOperatorID());
            if (uid == null) {
                return List.of(); // state of an operator nobody retired: Flink refuses, and names it
            }
            retired.add(uid);
        }
        return retired;
    }

    /** Those of {@code uids} whose operators hold state in the checkpoint or savepoint in {@code dir}. */
    static List<String> withState(Path dir, List<String> uids) throws IOException {
        CheckpointMetadata metadata = metadata(dir);
        List<String> held = new ArrayList<>();
        for (String uid : uids) {
            OperatorID id = idOf(uid);
            if (metadata.getOperatorStates().stream().anyMatch(s -> s.getOperatorID().equals(id) && holdsState(s))) {
                held.add(uid);
            }
        }
        return held;
    }

    /** The operator id Flink derives from a uid (the same hash as the job graph's). */
    static OperatorID idOf(String uid) {
        return new OperatorID(StreamGraphHasherV2.generateUserSpecifiedHash(uid));
    }

    private static CheckpointMetadata metadata(Path dir) throws IOException {
        try (InputStream in = Files.newInputStream(dir.resolve(RetainedStates.METADATA))) {
            return Checkpoints.loadCheckpointMetadata(new DataInputStream(in), RetiredOperators.class.getClassLoader(), dir.toString());
        }
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
