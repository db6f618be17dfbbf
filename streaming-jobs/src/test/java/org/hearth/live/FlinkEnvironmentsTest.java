package org.hearth.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.state.rocksdb.RocksDBConfigurableOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FlinkEnvironmentsTest {

    @TempDir
    Path dir;

    @Test
    void liveRocksDbLooksKeysUpThroughBloomFilters() {
        StreamExecutionEnvironment env = FlinkEnvironments.live(1, Duration.ofSeconds(10), "rocksdb", dir.resolve("checkpoints"));

        assertThat(env.getConfiguration().get(RocksDBConfigurableOptions.USE_BLOOM_FILTER)).isTrue();
        assertThat(RocksDBConfigurableOptions.USE_BLOOM_FILTER.defaultValue()).as("Flink's own default, which the live job overrides").isFalse();
        assertThat(env.getConfiguration().get(CheckpointingOptions.INCREMENTAL_CHECKPOINTS)).isTrue();
    }
}
