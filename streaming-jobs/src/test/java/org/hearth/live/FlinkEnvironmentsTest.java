package org.hearth.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.state.rocksdb.RocksDBConfigurableOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.util.Collector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FlinkEnvironmentsTest {

    /** The filter policies of the RocksDB instances the last job opened, as their OPTIONS files say. */
    private static final Set<String> FILTER_POLICIES = ConcurrentHashMap.newKeySet();

    @TempDir
    Path dir;

    @Test
    void liveRocksDbLooksKeysUpThroughBloomFilters() {
        StreamExecutionEnvironment env = FlinkEnvironments.live(1, Duration.ofSeconds(10), "rocksdb", dir.resolve("checkpoints"));

        assertThat(env.getConfiguration().get(RocksDBConfigurableOptions.USE_BLOOM_FILTER)).isTrue();
        assertThat(RocksDBConfigurableOptions.USE_BLOOM_FILTER.defaultValue()).as("Flink's own default, which the live job overrides").isFalse();
        assertThat(env.getConfiguration().get(CheckpointingOptions.INCREMENTAL_CHECKPOINTS)).isTrue();
    }

    /** The option reaches RocksDB itself (review-15's check): its OPTIONS file, read while the keyed operator runs. */
    @Test
    void theRunningJobsRocksDbHasTheFilter_andWithoutTheTuningItHasNone() throws Exception {
        run(FlinkEnvironments.live(1, Duration.ofSeconds(10), "rocksdb", dir.resolve("checkpoints")));
        assertThat(FILTER_POLICIES).containsExactly("bloomfilter:10:false");

        Configuration plain = new Configuration();
        plain.set(StateBackendOptions.STATE_BACKEND, "rocksdb");
        run(StreamExecutionEnvironment.getExecutionEnvironment(plain));
        assertThat(FILTER_POLICIES).containsExactly("nullptr");
    }

    private static void run(StreamExecutionEnvironment env) throws Exception {
        FILTER_POLICIES.clear();
        env.setParallelism(1);
        env.fromSequence(1, 200).keyBy(i -> i % 10).process(new ReadsItsRocksDbOptions()).sinkTo(new DiscardingSink<>());
        env.execute("rocksdb-options");
    }

    /** Writes keyed state, then reads the options of the RocksDB instance it writes to (found by its open LOG file). */
    private static final class ReadsItsRocksDbOptions extends KeyedProcessFunction<Long, Long, Long> {
        private transient ValueState<Long> last;

        @Override
        public void open(OpenContext context) {
            last = getRuntimeContext().getState(new ValueStateDescriptor<>("last", Types.LONG));
        }

        @Override
        public void processElement(Long i, Context ctx, Collector<Long> out) throws Exception {
            last.update(i);
            if (i == 200) {
                try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
                    fds.map(ReadsItsRocksDbOptions::target).filter(t -> t != null && t.getFileName().toString().equals("LOG"))
                            .forEach(log -> FILTER_POLICIES.addAll(filterPolicies(log.getParent())));
                }
            }
            out.collect(i);
        }

        private static Path target(Path fd) {
            try {
                return Files.readSymbolicLink(fd);
            } catch (IOException gone) {
                return null;
            }
        }

        private static List<String> filterPolicies(Path instance) {
            try (Stream<Path> files = Files.list(instance)) {
                return files.filter(f -> f.getFileName().toString().startsWith("OPTIONS-")).flatMap(f -> {
                    try {
                        return Files.readAllLines(f).stream();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }).map(String::trim).filter(l -> l.startsWith("filter_policy=")).map(l -> l.substring("filter_policy=".length())).toList();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
