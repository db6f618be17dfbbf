package org.hearth.live;

import java.nio.file.Path;
import java.time.Duration;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** Flink environments configured the way Hearth's live jobs need them. */
public final class FlinkEnvironments {

    private FlinkEnvironments() {}

    /**
     * Checkpointing is not optional for a live job: MQTT messages are acknowledged only when the
     * checkpoint covering them completes, so without checkpoints the broker's queue only grows.
     *
     * @param stateBackend {@code rocksdb} or {@code hashmap}
     * @param checkpointDir where checkpoints are kept; a restart restores from the latest one
     */
    public static StreamExecutionEnvironment live(int parallelism, Duration checkpointInterval, String stateBackend,
                                                  Path checkpointDir) {
        Configuration conf = new Configuration();
        conf.set(StateBackendOptions.STATE_BACKEND, stateBackend);
        conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpointDir.toUri().toString());
        conf.set(CheckpointingOptions.INCREMENTAL_CHECKPOINTS, "rocksdb".equals(stateBackend));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(parallelism);
        env.enableCheckpointing(checkpointInterval.toMillis());
        return env;
    }
}
