package org.hearth.live;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.core.execution.RecoveryClaimMode;
import org.apache.flink.state.rocksdb.RocksDBConfigurableOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.hearth.checkpoint.Recovery;
import org.hearth.checkpoint.RetainedStates;

/** Flink environments configured the way Hearth's live jobs need them. */
public final class FlinkEnvironments {

    /**
     * Managed memory when {@code hearth.yaml} names none: RocksDB's block cache and write buffers, shared by the
     * job's slots. Flink's default for a local run is 128m, too small for a hundred thousand homes' state:
     * {@code ScaleBench} held fewer than 125,001 homes at the morning peak with it and 312,501 with 2g, at the same
     * load (BENCHMARKS.md). RocksDB allocates its cache and buffers as it fills them, up to this size.
     */
    public static final MemorySize DEFAULT_MANAGED_MEMORY = MemorySize.parse("2g");

    private FlinkEnvironments() {}

    /** A live environment that starts empty (tests, benchmarks). */
    public static StreamExecutionEnvironment live(int parallelism, Duration checkpointInterval, String stateBackend,
                                                  Path checkpointDir) {
        return live(parallelism, checkpointInterval, stateBackend, checkpointDir, Recovery.fresh(), DEFAULT_MANAGED_MEMORY);
    }

    /**
     * A managed memory size as Flink reads it ({@code 512m}, {@code 2g}).
     *
     * @throws IllegalArgumentException saying what is wrong with it
     */
    public static MemorySize managedMemory(String size) {
        MemorySize parsed;
        try {
            parsed = MemorySize.parse(size);
        } catch (IllegalArgumentException e) { // its message is Flink's parser's ("text does not start with a number")
            throw new IllegalArgumentException("'" + size + "' is not a memory size (like 512m or 2g)");
        }
        if (parsed.getBytes() < MemorySize.parse("64m").getBytes()) {
            throw new IllegalArgumentException("'" + size + "' is too small: at least 64m");
        }
        return parsed;
    }

    /**
     * The live job's RocksDB options, set on {@code conf}; the benchmarks call it too, so what they measure is the job
     * as it runs. Every state access of the live job is a point lookup of one key (a sensor's recent readings, a home's
     * detector state and pending events) that RocksDB otherwise seeks in each level-0 file and level in turn: a Bloom
     * filter per file skips the files without the key. Files written before it have no filter and are read as before.
     */
    public static Configuration withRocksDbTuning(Configuration conf) {
        conf.set(RocksDBConfigurableOptions.USE_BLOOM_FILTER, true);
        return conf;
    }

    /**
     * Checkpointing is not optional for a live job: MQTT messages are acknowledged only when the
     * checkpoint covering them completes, so without checkpoints the broker's queue only grows.
     * Flink 2.2's defaults keep no checkpoint once a job is cancelled or fails for good, tolerate no
     * failed checkpoint and restore nothing unless told where from; a live Hearth must keep a
     * resident's week of learning across any stop, so all three are set here.
     *
     * @param stateBackend {@code rocksdb} or {@code hashmap}
     * @param checkpointDir where checkpoints are kept (savepoints in its {@code savepoints/})
     * @param recovery what to restore from, how many checkpoints to keep, how many failures to tolerate
     * @param managedMemory Flink's managed memory, RocksDB's in a local run
     */
    public static StreamExecutionEnvironment live(int parallelism, Duration checkpointInterval, String stateBackend,
                                                  Path checkpointDir, Recovery recovery, MemorySize managedMemory) {
        Configuration conf = new Configuration();
        conf.set(StateBackendOptions.STATE_BACKEND, stateBackend);
        conf.set(TaskManagerOptions.MANAGED_MEMORY_SIZE, managedMemory);
        conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpointDir.toUri().toString());
        conf.set(CheckpointingOptions.SAVEPOINT_DIRECTORY, checkpointDir.resolve(RetainedStates.SAVEPOINTS).toUri().toString());
        conf.set(CheckpointingOptions.INCREMENTAL_CHECKPOINTS, "rocksdb".equals(stateBackend));
        withRocksDbTuning(conf);
        conf.set(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION, ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        conf.set(CheckpointingOptions.MAX_RETAINED_CHECKPOINTS, recovery.retained());
        conf.set(CheckpointingOptions.TOLERABLE_FAILURE_NUMBER, recovery.tolerableFailedCheckpoints());
        // A fault that keeps recurring (a checkpoint that cannot be restored, above all) ends the
        // job with its error instead of restarting it forever behind a quiet console.
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "failure-rate");
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FAILURE_RATE_MAX_FAILURES_PER_INTERVAL, 5);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FAILURE_RATE_FAILURE_RATE_INTERVAL, Duration.ofMinutes(5));
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FAILURE_RATE_DELAY, Duration.ofSeconds(2));
        if (recovery.restoreFrom() != null) {
            conf.set(StateRecoveryOptions.SAVEPOINT_PATH, recovery.restorePath().toUri().toString());
            // The old job's files stay the old job's: the first checkpoint of this one is a full one,
            // so pruning the old job directory later cannot break it.
            conf.set(StateRecoveryOptions.RESTORE_MODE, RecoveryClaimMode.NO_CLAIM);
            conf.set(PipelineOptions.GLOBAL_JOB_PARAMETERS, Map.of(Recovery.RESTORED_FROM,
                    recovery.restoreFrom().describe() + " taken " + recovery.restoreFrom().takenAt() + " in " + recovery.restorePath()));
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(parallelism);
        env.enableCheckpointing(checkpointInterval.toMillis());
        return env;
    }
}
