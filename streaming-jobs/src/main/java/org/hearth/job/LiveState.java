package org.hearth.job;

import java.nio.file.Path;
import java.time.Duration;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * State settings for a live detection job ({@code hearth run}, {@code hearth demo}): RocksDB with
 * incremental checkpoints, so that baselines and open alerts survive a restart and state is not
 * bounded by the heap. Replay needs none of this (it can always start again from the files).
 */
public final class LiveState {

    private LiveState() {}

    /**
     * The configuration to create the environment with, e.g.
     * {@code StreamExecutionEnvironment.getExecutionEnvironment(LiveState.configuration(dir, interval))}.
     *
     * @param checkpoints where checkpoints go (a local folder here; a shared file system on a cluster)
     * @param interval how often to checkpoint; the MQTT source acknowledges messages only then, so
     *     the broker's in-flight window must cover rate x interval (PLATFORM.md, Broker limits)
     */
    public static Configuration configuration(Path checkpoints, Duration interval) {
        Configuration conf = new Configuration();
        conf.set(StateBackendOptions.STATE_BACKEND, "rocksdb");
        conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpoints.toUri().toString());
        conf.set(CheckpointingOptions.INCREMENTAL_CHECKPOINTS, true);
        conf.setString("execution.checkpointing.interval", interval.toMillis() + " ms");
        return conf;
    }

    /** The live environment, with a local MiniCluster when not submitted to a cluster. */
    public static StreamExecutionEnvironment environment(Path checkpoints, Duration interval) {
        return StreamExecutionEnvironment.getExecutionEnvironment(configuration(checkpoints, interval));
    }
}
