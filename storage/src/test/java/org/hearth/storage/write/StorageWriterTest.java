package org.hearth.storage.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.hearth.storage.StorageConfig;
import org.hearth.storage.point.StoredPoint;
import org.hearth.storage.testing.FakeTransport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StorageWriterTest {

    @TempDir
    Path dir;

    private final FakeTransport server = new FakeTransport();

    private StorageConfig config(int batch, int rawLimit, int keptLimit) {
        return StorageConfig.of("http://unused", "hearth", "hearth")
                .withBatching(batch, Duration.ofMillis(20))
                .withBuffers(rawLimit, keptLimit, dir)
                .withRetries(Duration.ofMillis(5), Duration.ofMillis(20), Duration.ofMillis(300));
    }

    private static StoredPoint raw(int n) {
        return StoredPoint.raw("sensor_event,home=h1 value=" + n + " " + (1_000 + n));
    }

    private static StoredPoint kept(int n) {
        return StoredPoint.kept("alert,home=h1 count=1i,n=" + n + "i " + (1_000 + n));
    }

    @Test
    void flush_writesEverythingOfferedInBatches() throws Exception {
        try (StorageWriter writer = new StorageWriter(config(10, 1000, 100), "w", server, WriteListener.NONE)) {
            for (int i = 0; i < 95; i++) {
                writer.offer(raw(i));
            }
            writer.offer(kept(1));
            assertThat(writer.flush(Duration.ofSeconds(5))).isTrue();
            assertThat(server.received()).hasSize(96).contains(kept(1).line(), raw(0).line(), raw(94).line());
            assertThat(writer.counters()).isEqualTo(new StorageCounters(96, 96, 0, 0, 0, 0, 0));
        }
    }

    @Test
    void offer_dropsAndCountsOnlyRawEventsWhenTheServerIsAway() throws Exception {
        server.setDown(true);
        try (StorageWriter writer = new StorageWriter(config(10, 50, 5), "w", server, WriteListener.NONE)) {
            int refused = 0;
            for (int i = 0; i < 80; i++) {
                if (!writer.offer(raw(i))) {
                    refused++;
                }
            }
            for (int i = 0; i < 30; i++) {
                assertThat(writer.offer(kept(i))).isTrue();
            }
            assertThat(refused).isEqualTo(30);
            StorageCounters during = writer.counters();
            assertThat(during.dropped()).isEqualTo(30);
            assertThat(during.buffered()).isEqualTo(50 + 30);
            assertThat(during.spilled()).isEqualTo(25); // 5 kept fit in memory, the rest went to disk

            server.setDown(false);
            assertThat(writer.flush(Duration.ofSeconds(5))).isTrue();
            StorageCounters after = writer.counters();
            assertThat(after.written()).isEqualTo(80);
            assertThat(after.dropped()).isEqualTo(30);
            assertThat(after.retried()).isPositive();
            assertThat(after.offered()).isEqualTo(after.written() + after.dropped() + after.rejected() + after.buffered());
            for (int i = 0; i < 30; i++) {
                assertThat(server.received()).contains(kept(i).line());
            }
            assertThat(server.received()).containsOnlyOnce(kept(7).line());
        }
    }

    @Test
    void send_isolatesRejectedLinesAndWritesTheRest() throws Exception {
        try (StorageWriter writer = new StorageWriter(config(16, 1000, 100), "w", server, WriteListener.NONE)) {
            for (int i = 0; i < 15; i++) {
                writer.offer(raw(i));
            }
            StoredPoint bad = StoredPoint.raw("sensor_event,home=h1 value=\"" + FakeTransport.BAD + "\" 5");
            writer.offer(bad);
            assertThat(writer.flush(Duration.ofSeconds(5))).isTrue();
            assertThat(server.received()).hasSize(15).doesNotContain(bad.line());
            assertThat(writer.counters().rejected()).isEqualTo(1);
            assertThat(writer.counters().written()).isEqualTo(15);
            assertThat(Files.readAllLines(writer.rejectedFile())).containsExactly("# HTTP 400: cast error", bad.line());
        }
    }

    @Test
    void close_spillsKeptPointsThatTheNextWriterReplays() throws Exception {
        server.setDown(true);
        StorageWriter first = new StorageWriter(config(10, 100, 100), "w", server, WriteListener.NONE);
        for (int i = 0; i < 7; i++) {
            first.offer(kept(i));
        }
        first.offer(raw(1));
        first.close();
        assertThat(first.counters().dropped()).isEqualTo(1); // the raw event unsent at shutdown
        assertThat(first.counters().spilled()).isEqualTo(7);
        assertThat(first.counters().buffered()).isEqualTo(7);

        server.setDown(false);
        try (StorageWriter second = new StorageWriter(config(3, 100, 100), "w", server, WriteListener.NONE)) {
            assertThat(second.counters().buffered()).isEqualTo(7);
            assertThat(second.flush(Duration.ofSeconds(5))).isTrue();
            assertThat(server.received()).containsExactlyInAnyOrder(
                    kept(0).line(), kept(1).line(), kept(2).line(), kept(3).line(), kept(4).line(), kept(5).line(),
                    kept(6).line());
        }
        assertThat(Files.list(dir).filter(p -> p.toString().endsWith(".spill.lp")).count()).isZero();
    }

    @Test
    void checkpoint_spillsKeptPointsToDiskWhileTheServerIsAway() throws Exception {
        server.setDown(true);
        try (StorageWriter writer = new StorageWriter(config(10, 100, 100), "w", server, WriteListener.NONE)) {
            writer.offer(kept(1));
            writer.offer(kept(2));
            writer.checkpoint();
            assertThat(writer.counters().spilled()).isEqualTo(2);
            assertThat(Files.readAllLines(dir.resolve("w.spill.lp"))).containsExactly(kept(1).line(), kept(2).line());
            server.setDown(false);
            assertThat(writer.flush(Duration.ofSeconds(5))).isTrue();
            assertThat(server.received()).containsExactly(kept(1).line(), kept(2).line());
        }
    }

    @Test
    void listener_isToldOfEveryCount() throws Exception {
        long[] seen = new long[5];
        WriteListener listener = new WriteListener() {
            @Override public void written(int n) { seen[0] += n; }
            @Override public void retried(int n) { seen[1] += n; }
            @Override public void spilled(int n) { seen[2] += n; }
            @Override public void dropped(int n) { seen[3] += n; }
            @Override public void rejected(int n) { seen[4] += n; }
        };
        server.setDown(true);
        try (StorageWriter writer = new StorageWriter(config(10, 2, 1), "w", server, listener)) {
            List.of(raw(1), raw(2), raw(3), kept(1), kept(2)).forEach(writer::offer);
            writer.offer(StoredPoint.raw("x BAD=1 1"));
            await().atMost(Duration.ofSeconds(5)).until(() -> writer.counters().retried() > 0);
            server.setDown(false);
            writer.flush(Duration.ofSeconds(5));
        }
        assertThat(seen[0]).isEqualTo(4);
        assertThat(seen[1]).isPositive();
        assertThat(seen[2]).isEqualTo(1);
        assertThat(seen[3]).isEqualTo(2); // raw(3) and the BAD raw point found the buffer full
        assertThat(seen[4]).isZero();
    }

    @Test
    void offer_afterCloseIsAnError() throws Exception {
        StorageWriter writer = new StorageWriter(config(10, 10, 10), "w", server, WriteListener.NONE);
        writer.close();
        assertThatThrownBy(() -> writer.offer(raw(1))).isInstanceOf(IllegalStateException.class);
    }
}
