package org.hearth.storage.bench;

import com.influxdb.client.InfluxDBClient;
import com.influxdb.client.InfluxDBClientFactory;
import com.influxdb.client.WriteApiBlocking;
import com.influxdb.client.domain.WritePrecision;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.hearth.models.event.SensorEvent;
import org.hearth.models.event.SensorKind;
import org.hearth.storage.StorageConfig;
import org.hearth.storage.embedded.EmbeddedQuestDb;
import org.hearth.storage.point.HomeCohorts;
import org.hearth.storage.point.PointMappers;
import org.hearth.storage.write.StorageWriter;
import org.hearth.storage.write.WriteListener;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Points per second into an embedded QuestDB: Hearth's {@link StorageWriter} (encode, buffer,
 * batch, write from its own thread, wait for all to be acknowledged) against, in the same run,
 * influxdb-client-java's own {@link WriteApiBlocking} writing the same points in batches of the
 * same size from the calling thread. Each invocation writes {@value #POINTS} sensor events at new
 * timestamps, so nothing is deduplicated away.
 *
 * <p>Run: {@code ./mvnw -o -q -pl storage -am test-compile} then
 * {@code java -cp "$(cat storage/target/bench.cp):storage/target/classes:storage/target/test-classes"
 * org.hearth.storage.bench.SinkThroughputBenchmark} (see storage/README.md).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 4, time = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
public class SinkThroughputBenchmark {

    static final int POINTS = 20_000;
    static final int BATCH = 5_000;

    private Path root;
    private EmbeddedQuestDb db;
    private PointMappers mappers;
    private InfluxDBClient client;
    private WriteApiBlocking blocking;
    private long round;

    @Setup(Level.Trial)
    public void start() throws Exception {
        root = Files.createTempDirectory("hearth-bench-");
        db = EmbeddedQuestDb.start(root.resolve("db"), 0);
        mappers = PointMappers.standard(HomeCohorts.none());
        db.createTables(mappers.schemas());
        client = InfluxDBClientFactory.create(db.url(), "unused".toCharArray(), "hearth", "hearth");
        blocking = client.getWriteApiBlocking();
    }

    @TearDown(Level.Trial)
    public void stop() {
        client.close();
        db.close();
    }

    private List<SensorEvent> nextEvents() {
        round++;
        Instant base = Instant.parse("2026-01-01T00:00:00Z").plus(Duration.ofDays(round));
        List<SensorEvent> events = new ArrayList<>(POINTS);
        for (int i = 0; i < POINTS; i++) {
            events.add(new SensorEvent("h" + (i % 100), "pir-" + (i % 7), base.plusMillis(i * 997L), SensorKind.MOTION,
                    i % 2, 80, 120));
        }
        return events;
    }

    @Benchmark
    @OperationsPerInvocation(POINTS)
    public long storageWriter() throws Exception {
        List<SensorEvent> events = nextEvents();
        StorageConfig config = StorageConfig.of(db.url(), "hearth", "hearth")
                .withBatching(BATCH, Duration.ofMillis(100))
                .withBuffers(POINTS * 2, 10_000, root.resolve("spill-" + round))
                .withRetries(Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(60));
        StorageWriter writer = StorageWriter.toInflux(config, "bench", WriteListener.NONE);
        for (SensorEvent event : events) {
            writer.offer(mappers.encode(event));
        }
        if (!writer.flush(Duration.ofSeconds(120))) {
            throw new IllegalStateException("not all written: " + writer.counters());
        }
        long written = writer.counters().written();
        writer.close();
        return written;
    }

    @Benchmark
    @OperationsPerInvocation(POINTS)
    public long clientWriteApiBlocking() {
        List<SensorEvent> events = nextEvents();
        List<String> batch = new ArrayList<>(BATCH);
        long written = 0;
        for (SensorEvent event : events) {
            batch.add(mappers.encode(event).line());
            if (batch.size() == BATCH) {
                blocking.writeRecords(WritePrecision.MS, batch);
                written += batch.size();
                batch = new ArrayList<>(BATCH);
            }
        }
        if (!batch.isEmpty()) {
            blocking.writeRecords(WritePrecision.MS, batch);
            written += batch.size();
        }
        return written;
    }

    public static void main(String[] args) throws Exception {
        new Runner(new OptionsBuilder().include(SinkThroughputBenchmark.class.getSimpleName()).build()).run();
    }
}
