package org.hearth.storage.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.hearth.storage.StorageConfig;
import org.hearth.storage.embedded.QuestDbSql;
import org.hearth.storage.point.HomeCohorts;
import org.hearth.storage.point.PointMappers;
import org.hearth.storage.point.StoredPoint;
import org.hearth.storage.testing.QuestDbExtension;
import org.hearth.storage.testing.Records;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The write path end to end against a real server: influxdb-client-java writing to QuestDB's
 * {@code /api/v2/write}, read back with SQL. Each test uses its own home ids.
 */
class StorageWriterQuestDbTest {

    @RegisterExtension
    static final QuestDbExtension QUESTDB = new QuestDbExtension();

    private static final PointMappers MAPPERS = PointMappers.standard(HomeCohorts.of(Map.of("types-1", "north")));

    @TempDir
    Path spillDir;

    @BeforeAll
    static void createTables() throws Exception {
        QUESTDB.createTables(MAPPERS.schemas());
    }

    private StorageConfig config() {
        return StorageConfig.of(QUESTDB.url(), "hearth", "hearth")
                .withBatching(200, Duration.ofMillis(50))
                .withBuffers(500, 20, spillDir)
                .withRetries(Duration.ofMillis(50), Duration.ofMillis(200), Duration.ofSeconds(2));
    }

    private StorageWriter writer() {
        return StorageWriter.toInflux(config(), "test", WriteListener.NONE);
    }

    private static long rows(String table, String home) throws Exception {
        return ((Number) QUESTDB.sql().query("select count() from " + table + " where home = '" + home + "'").single())
                .longValue();
    }

    @Test
    void shouldStoreEventsAndAlertsWithTheirTypesAndValues() throws Exception {
        try (StorageWriter writer = writer()) {
            for (int i = 0; i < 100; i++) {
                writer.offer(MAPPERS.encode(Records.kettle("types-1", i)));
            }
            writer.offer(MAPPERS.encode(Records.alert("types-1", 1)));
            assertThat(writer.flush(Duration.ofSeconds(10))).isTrue();
            assertThat(writer.counters().written()).isEqualTo(101);
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> rows("sensor_event", "types-1") == 100
                && rows("alert", "types-1") == 1);

        QuestDbSql.Result events = QUESTDB.sql().query("select home, sensor, kind, cohort, value, battery, link_quality,"
                + " timestamp from sensor_event where home = 'types-1' order by timestamp limit 1");
        assertThat(events.columnTypes()).containsEntry("home", "SYMBOL").containsEntry("kind", "SYMBOL")
                .containsEntry("value", "DOUBLE").containsEntry("battery", "LONG")
                .containsEntry("link_quality", "LONG").containsEntry("timestamp", "TIMESTAMP");
        assertThat(events.records().get(0)).containsEntry("sensor", "kitchen-plug").containsEntry("kind", "power")
                .containsEntry("cohort", "north").containsEntry("value", 2000.0).containsEntry("battery", 80)
                .containsEntry("timestamp", "2026-11-23T07:00:00.000000Z");

        QuestDbSql.Result alerts = QUESTDB.sql().query("select rule, severity, alert_id, resident, count, expected,"
                + " observed, timestamp from alert where home = 'types-1'");
        assertThat(alerts.columnTypes()).containsEntry("rule", "SYMBOL").containsEntry("alert_id", "VARCHAR")
                .containsEntry("count", "LONG");
        assertThat(alerts.records().get(0)).containsEntry("rule", "not-up").containsEntry("severity", "urgent")
                .containsEntry("alert_id", "a-types-1-1").containsEntry("resident", "r-types-1").containsEntry("count", 1)
                .containsEntry("observed", "no movement since 22:41")
                .containsEntry("timestamp", "2026-11-23T07:01:00.000000Z");
    }

    @Test
    void shouldCountAndKeepATypeClashAndWriteTheRestOfItsBatch() throws Exception {
        String clash = "sensor_event,home=clash-1,sensor=s,kind=power value=\"not a number\" 1795000000000";
        try (StorageWriter writer = writer()) {
            for (int i = 0; i < 9; i++) {
                writer.offer(MAPPERS.encode(Records.kettle("clash-1", i)));
            }
            writer.offer(StoredPoint.raw(clash));
            assertThat(writer.flush(Duration.ofSeconds(10))).isTrue();
            StorageCounters counters = writer.counters();
            assertThat(counters.rejected()).isEqualTo(1);
            assertThat(counters.written()).isEqualTo(9);
            List<String> kept = Files.readAllLines(writer.rejectedFile());
            assertThat(kept).hasSize(2);
            assertThat(kept.get(0)).startsWith("# HTTP 400").contains("cast error");
            assertThat(kept.get(1)).isEqualTo(clash);
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> rows("sensor_event", "clash-1") == 9);
    }

    @Test
    void shouldLoseNoAlertAndCountEveryDroppedEventWhenTheServerGoesAwayMidStream() throws Exception {
        int rawBefore = 1000;
        int rawDuring = 2000;
        int alertsBefore = 40;
        int alertsDuring = 100;
        CountDownLatch halfway = new CountDownLatch(1);
        CountDownLatch serverStopped = new CountDownLatch(1);
        StorageCounters counters;
        try (StorageWriter writer = writer()) {
            Thread producer = new Thread(() -> {
                try {
                    for (int i = 0; i < rawBefore + rawDuring; i++) {
                        if (i == rawBefore) {
                            halfway.countDown();
                            serverStopped.await();
                        }
                        writer.offer(MAPPERS.encode(Records.kettle("outage-1", i)));
                        if (i % 20 == 0) {
                            writer.offer(MAPPERS.encode(Records.alert("outage-1", i / 20)));
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            producer.start();
            halfway.await();
            QUESTDB.stop();
            serverStopped.countDown();
            producer.join();

            StorageCounters during = writer.counters();
            assertThat(during.dropped()).as("raw events beyond the 500-point buffer").isPositive();
            assertThat(during.spilled()).as("alerts beyond the 20 held in memory").isPositive();

            QUESTDB.restart();
            assertThat(writer.flush(Duration.ofSeconds(60))).isTrue();
            counters = writer.counters();
        }
        long offeredRaw = rawBefore + rawDuring;
        long offeredAlerts = (offeredRaw + 19) / 20;
        assertThat(offeredAlerts).isEqualTo(alertsBefore + alertsDuring + 10);
        assertThat(counters.offered()).isEqualTo(offeredRaw + offeredAlerts);
        assertThat(counters.rejected()).isZero();
        assertThat(counters.written() + counters.dropped()).isEqualTo(counters.offered());
        await().atMost(Duration.ofSeconds(30)).until(() -> rows("alert", "outage-1") == offeredAlerts
                && rows("sensor_event", "outage-1") == offeredRaw - counters.dropped());
    }
}
