package org.hearth.storage.write;

import static org.assertj.core.api.Assertions.assertThat;

import com.influxdb.client.InfluxDBClient;
import com.influxdb.client.InfluxDBClientFactory;
import com.influxdb.query.FluxRecord;
import com.influxdb.query.FluxTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.hearth.storage.StorageConfig;
import org.hearth.storage.point.HomeCohorts;
import org.hearth.storage.point.PointMappers;
import org.hearth.storage.point.StoredPoint;
import org.hearth.storage.testing.Records;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.containers.InfluxDBContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.utility.DockerImageName;

/**
 * The same write path against a real InfluxDB 2.7, read back with Flux. Runs where Docker exists
 * (CI runners with Docker); skipped cleanly here, where QuestDB stands in
 * ({@link StorageWriterQuestDbTest}).
 */
@Testcontainers(disabledWithoutDocker = true)
class StorageWriterInfluxDb2Test {

    private static final String TOKEN = "hearth-test-token";

    @Container
    @SuppressWarnings("resource")
    static final InfluxDBContainer<?> INFLUX = new InfluxDBContainer<>(DockerImageName.parse("influxdb:2.7"))
            .withOrganization("hearth").withBucket("hearth").withAdminToken(TOKEN)
            .withUsername("hearth").withPassword("hearth-password");

    @TempDir
    Path spillDir;

    @Test
    void shouldWriteTypedPointsThatFluxReadsBack() throws Exception {
        PointMappers mappers = PointMappers.standard(HomeCohorts.of(Map.of("influx-1", "north")));
        StorageConfig config = StorageConfig.of(INFLUX.getUrl(), "hearth", "hearth")
                .withToken("HEARTH_INFLUX_TOKEN", null)
                .withBatching(50, Duration.ofMillis(50))
                .withBuffers(1000, 100, spillDir);
        try (StorageWriter writer = new StorageWriter(config, "influx2",
                new InfluxTransport(config, Map.of("HEARTH_INFLUX_TOKEN", TOKEN)), WriteListener.NONE)) {
            for (int i = 0; i < 20; i++) {
                writer.offer(mappers.encode(Records.kettle("influx-1", i)));
            }
            writer.offer(mappers.encode(Records.alert("influx-1", 1)));
            // Same shard as the good points (InfluxDB checks field types per shard): a real clash.
            writer.offer(StoredPoint.raw("sensor_event,home=influx-1,sensor=s,kind=power value=\"clash\" "
                    + Records.MORNING.plusSeconds(3600).toEpochMilli()));
            assertThat(writer.flush(Duration.ofSeconds(20))).isTrue();
            assertThat(writer.counters().written()).isEqualTo(21);
            assertThat(writer.counters().rejected()).isEqualTo(1);
            assertThat(Files.readAllLines(writer.rejectedFile())).hasSize(2);
        }

        try (InfluxDBClient client = InfluxDBClientFactory.create(INFLUX.getUrl(), TOKEN.toCharArray(), "hearth", "hearth")) {
            List<FluxTable> values = client.getQueryApi().query("""
                    from(bucket: "hearth") |> range(start: 2026-11-23T00:00:00Z, stop: 2026-11-24T00:00:00Z)
                      |> filter(fn: (r) => r._measurement == "sensor_event" and r.home == "influx-1" and r._field == "value")
                      |> sort(columns: ["_time"])""");
            List<FluxRecord> records = values.get(0).getRecords();
            assertThat(records).hasSize(20);
            assertThat(records.get(0).getValue()).isEqualTo(2000.0);
            assertThat(records.get(0).getValueByKey("cohort")).isEqualTo("north");

            List<FluxTable> battery = client.getQueryApi().query("""
                    from(bucket: "hearth") |> range(start: 2026-11-23T00:00:00Z, stop: 2026-11-24T00:00:00Z)
                      |> filter(fn: (r) => r._measurement == "sensor_event" and r._field == "battery") |> limit(n: 1)""");
            assertThat(battery.get(0).getRecords().get(0).getValue()).isEqualTo(80L);

            List<FluxTable> alerts = client.getQueryApi().query("""
                    from(bucket: "hearth") |> range(start: 2026-11-23T00:00:00Z, stop: 2026-11-24T00:00:00Z)
                      |> filter(fn: (r) => r._measurement == "alert" and r._field == "alert_id")""");
            assertThat(alerts.get(0).getRecords()).singleElement()
                    .satisfies(r -> assertThat(r.getValue()).isEqualTo("a-influx-1-1"))
                    .satisfies(r -> assertThat(r.getValueByKey("rule")).isEqualTo("not-up"));
        }
    }
}
