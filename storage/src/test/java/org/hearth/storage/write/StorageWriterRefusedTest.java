package org.hearth.storage.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.hearth.storage.StorageConfig;
import org.hearth.storage.point.HomeCohorts;
import org.hearth.storage.point.PointMappers;
import org.hearth.storage.testing.Records;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server that refuses Hearth's token, speaking InfluxDB 2's documented answer on
 * {@code /api/v2/write} (401 {@code {"code":"unauthorized","message":"unauthorized access"}}; 403 for a
 * token without write permission), through the real influxdb-client-java transport: refused points
 * are counted, never spilled, and an accepted write ends the refusal.
 */
class StorageWriterRefusedTest {

    @TempDir
    Path spillDir;

    private HttpServer server;
    private final AtomicReference<Integer> status = new AtomicReference<>(401);
    private final AtomicInteger requests = new AtomicInteger();

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/v2/write", exchange -> {
            requests.incrementAndGet();
            exchange.getRequestBody().readAllBytes();
            int code = status.get();
            byte[] body = switch (code) {
                case 401 -> "{\"code\":\"unauthorized\",\"message\":\"unauthorized access\"}".getBytes(StandardCharsets.UTF_8);
                case 403 -> "{\"code\":\"forbidden\",\"message\":\"insufficient permissions for write\"}".getBytes(StandardCharsets.UTF_8);
                default -> new byte[0];
            };
            if (body.length > 0) {
                exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
            }
            exchange.sendResponseHeaders(code, body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                exchange.getResponseBody().write(body);
            }
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private StorageConfig config() {
        return StorageConfig.of("http://127.0.0.1:" + server.getAddress().getPort(), "hearth", "hearth")
                .withToken("HEARTH_INFLUX_TOKEN", null)
                .withBatching(10, Duration.ofMillis(20))
                .withBuffers(1000, 5, spillDir)
                .withRetries(Duration.ofMillis(20), Duration.ofMillis(50), Duration.ofSeconds(2));
    }

    @Test
    void unauthorizedIsPermanent_pointsAreRefusedNotSpilledAndAnAcceptedWriteEndsIt() throws Exception {
        PointMappers mappers = PointMappers.standard(HomeCohorts.of(Map.of("h1", "north")));
        try (StorageWriter writer = new StorageWriter(config(), "refused",
                new InfluxTransport(config(), Map.of("HEARTH_INFLUX_TOKEN", "revoked-token")), WriteListener.NONE)) {
            // The first refusal tells an outage (keep, spill) from refused credentials (give up).
            writer.offer(mappers.encode(Records.alert("h1", 0)));
            await().atMost(Duration.ofSeconds(20)).until(() -> writer.counters().refused() == 1);
            for (int i = 1; i < 40; i++) {
                writer.offer(mappers.encode(Records.alert("h1", i))); // kept points: spilled in an outage, not here
            }
            writer.checkpoint();
            await().atMost(Duration.ofSeconds(20)).until(() -> writer.counters().refused() == 40);
            StorageCounters refused = writer.counters();
            assertThat(refused.spilled()).isZero();
            assertThat(refused.written()).isZero();
            assertThat(refused.buffered()).isZero();
            assertThat(refused.retried()).isZero();
            assertThat(Files.list(spillDir).filter(f -> f.toString().endsWith(".spill.lp")).mapToLong(f -> f.toFile().length()).sum())
                    .isZero();

            status.set(403); // a token without write permission: the same
            writer.offer(mappers.encode(Records.alert("h1", 100)));
            writer.checkpoint();
            await().atMost(Duration.ofSeconds(20)).until(() -> writer.counters().refused() == 41);
            assertThat(writer.counters().spilled()).isZero();

            status.set(204); // the token is fixed
            writer.offer(mappers.encode(Records.alert("h1", 101)));
            assertThat(writer.flush(Duration.ofSeconds(20))).isTrue();
            StorageCounters after = writer.counters();
            assertThat(after.written()).isEqualTo(1);
            assertThat(after.offered()).isEqualTo(after.written() + after.dropped() + after.rejected() + after.refused() + after.buffered());
        }
    }
}
