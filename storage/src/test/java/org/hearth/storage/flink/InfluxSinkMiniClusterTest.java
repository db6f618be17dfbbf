package org.hearth.storage.flink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.hearth.models.alert.Alert;
import org.hearth.models.event.SensorEvent;
import org.hearth.storage.StorageConfig;
import org.hearth.storage.point.HomeCohorts;
import org.hearth.storage.point.PointMappers;
import org.hearth.storage.testing.QuestDbExtension;
import org.hearth.storage.testing.Records;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The Flink sink on a MiniCluster, two parallel writers per sink, writing to a real QuestDB. */
class InfluxSinkMiniClusterTest {

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    @RegisterExtension
    static final QuestDbExtension QUESTDB = new QuestDbExtension();

    @TempDir
    Path spillDir;

    @Test
    void shouldStoreEveryEventAndAlertOfABoundedJob() throws Exception {
        PointMappers mappers = PointMappers.standard(HomeCohorts.of(Map.of("flink-1", "north")));
        QUESTDB.createTables(mappers.schemas());
        StorageConfig config = StorageConfig.of(QUESTDB.url(), "hearth", "hearth")
                .withBatching(100, Duration.ofMillis(100))
                .withBuffers(10_000, 100, spillDir)
                .withRetries(Duration.ofMillis(50), Duration.ofMillis(500), Duration.ofSeconds(20));
        List<SensorEvent> events = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            events.add(Records.kettle(i % 2 == 0 ? "flink-1" : "flink-2", i));
        }
        List<Alert> alerts = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            alerts.add(Records.alert("flink-1", i));
        }

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        env.fromData(events).rebalance().sinkTo(InfluxSink.of(config, "events", mappers)).name("events-to-influx");
        env.fromData(alerts).rebalance().sinkTo(InfluxSink.of(config, "alerts", mappers)).name("alerts-to-influx");
        JobExecutionResult result = env.execute("storage sink test");
        assertThat(result.isJobExecutionResult()).isTrue();

        await().atMost(Duration.ofSeconds(30)).until(() -> QUESTDB.sql().count("sensor_event") == 2_000
                && QUESTDB.sql().count("alert") == 30);
        assertThat(QUESTDB.sql().query("select count() from sensor_event where home = 'flink-1' and cohort = 'north'")
                .single()).isEqualTo(1000);
        try (var files = Files.list(spillDir)) {
            assertThat(files.filter(f -> f.toString().endsWith(".spill.lp"))).as("nothing left spilled").isEmpty();
        }
    }
}
