package org.hearth.storage.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.hearth.models.alert.Alert;
import org.hearth.models.alert.Rule;
import org.hearth.models.event.SensorEvent;
import org.hearth.models.event.SensorKind;
import org.hearth.storage.StorageConfig;
import org.hearth.storage.embedded.EmbeddedQuestDb;
import org.hearth.storage.point.HomeCohorts;
import org.hearth.storage.point.PointMappers;
import org.hearth.storage.write.StorageCounters;
import org.hearth.storage.write.StorageWriter;
import org.hearth.storage.write.WriteListener;

/**
 * What a 10-minute InfluxDB outage costs: the store is stopped, 10 minutes of event-time traffic
 * (homes x one event per {@code secondsPerEvent}, plus alerts) is offered, the store comes back,
 * and the counts are read from the writer and from the store. Event time is simulated, so it runs
 * in seconds; the writer's behaviour depends on volume, not on wall time (apart from the backoff).
 *
 * <p>Args: {@code homes secondsPerEvent alerts rawBufferLimit} (defaults 1000 30 50 100000).
 */
public final class OutageCost {

    public static void main(String[] args) throws Exception {
        int homes = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int secondsPerEvent = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        int alerts = args.length > 2 ? Integer.parseInt(args[2]) : 50;
        int rawLimit = args.length > 3 ? Integer.parseInt(args[3]) : 100_000;
        Path root = Files.createTempDirectory("hearth-outage-");
        EmbeddedQuestDb db = EmbeddedQuestDb.start(root.resolve("db"), 0);
        int port = db.httpPort();
        PointMappers mappers = PointMappers.standard(HomeCohorts.none());
        db.createTables(mappers.schemas());
        StorageConfig config = StorageConfig.of(db.url(), "hearth", "hearth")
                .withBuffers(rawLimit, 10_000, root.resolve("spill"))
                .withRetries(Duration.ofMillis(200), Duration.ofSeconds(2), Duration.ofSeconds(60));
        StorageWriter writer = StorageWriter.toInflux(config, "outage", WriteListener.NONE);
        db.close(); // the outage starts

        Instant start = Instant.parse("2026-11-23T10:00:00Z");
        long raw = 0;
        int perSecond = Math.max(1, homes / secondsPerEvent);
        for (int second = 0; second < 600; second++) {
            for (int i = 0; i < perSecond; i++) {
                writer.offer(mappers.encode(new SensorEvent("h" + ((second * perSecond + i) % homes), "pir",
                        start.plusSeconds(second).plusMillis(i), SensorKind.MOTION, 1, null, null)));
                raw++;
            }
            if (second % (600 / alerts) == 0 && second / (600 / alerts) < alerts) {
                int n = second / (600 / alerts);
                writer.offer(mappers.encode(new Alert("outage-" + n, "h" + n, "r" + n, Rule.STILLNESS, Rule.STILLNESS.severity(),
                        start.plusSeconds(second), "usually moves within 45 min", "no movement for 3h", "not stored")));
            }
        }
        StorageCounters during = writer.counters();
        Thread.sleep(3_000); // a few failed attempts, as in a real outage

        db = EmbeddedQuestDb.start(root.resolve("db"), port); // the outage ends
        long t0 = System.nanoTime();
        boolean drained = writer.flush(Duration.ofMinutes(5));
        double catchUp = (System.nanoTime() - t0) / 1e9;
        StorageCounters after = writer.counters();
        writer.close();
        Thread.sleep(2_000); // QuestDB applies its write-ahead log asynchronously
        long storedAlerts = db.sql().count("alert");
        long storedRaw = db.sql().count("sensor_event");
        db.close();
        System.out.printf("outage of 10 min (event time): %d homes, %d raw events offered, %d alerts offered%n", homes, raw, alerts);
        System.out.printf("  during: buffered %d, spilled %d, dropped %d, retried attempts so far %d%n", during.buffered(),
                during.spilled(), during.dropped(), during.retried());
        System.out.printf("  after:  drained=%s in %.1f s; written %d, dropped %d, rejected %d, retried attempts %d%n", drained,
                catchUp, after.written(), after.dropped(), after.rejected(), after.retried());
        System.out.printf("  store:  %d of %d alerts (lost %d), %d raw events (= offered - dropped: %s)%n", storedAlerts, alerts,
                alerts - storedAlerts, storedRaw, storedRaw == raw - after.dropped());
    }
}
