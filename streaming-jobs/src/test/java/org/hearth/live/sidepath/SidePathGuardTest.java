package org.hearth.live.sidepath;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hearth.alerts.lifecycle.AlertLifecycle;
import org.hearth.alerts.lifecycle.LifecycleEvent;
import org.hearth.alerts.render.MessageRenderer;
import org.hearth.alerts.route.EscalationPolicy;
import org.hearth.alerts.watchdog.JobWatchdog;
import org.hearth.models.alert.Rule;
import org.hearth.models.registry.Carer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SidePathGuardTest {

    private static final Instant T0 = Instant.parse("2026-12-06T09:00:00Z");

    /** A writer that throws while {@code down}, as a storage client does while its server is away. */
    static final class Flaky implements SideWriter<String> {
        static boolean down;
        static final List<String> taken = new ArrayList<>();

        @Override
        public void write(String value) {
            if (down) {
                throw new IllegalStateException("server away");
            }
            taken.add(value);
        }

        @Override
        public void flush() throws IOException {
            if (down) {
                throw new IOException("flush failed");
            }
        }
    }

    @Test
    void aWriterThatThrows_isHeldRetriedWithBackoffAndReportedOnceEachWay() {
        Flaky.down = true;
        Flaky.taken.clear();
        SidePathGuard<String> guard = new SidePathGuard<>("store-events", 0, s -> new Flaky(), 1000);

        Optional<SideFault> first = guard.offer("a", T0);
        Optional<SideFault> during = guard.offer("b", T0.plusMillis(500));
        Optional<SideFault> retried = guard.checkpoint(T0.plusSeconds(2));
        Flaky.down = false;
        Optional<SideFault> stillWaiting = guard.offer("c", T0.plusSeconds(3));
        Optional<SideFault> back = guard.checkpoint(T0.plusSeconds(10));

        assertThat(first).hasValueSatisfying(f -> {
            assertThat(f.failing()).isTrue();
            assertThat(f.error()).contains("IllegalStateException: server away");
        });
        assertThat(during).as("no attempt, no second report, inside the backoff").isEmpty();
        assertThat(retried).as("retried after 1 s, still failing: not reported again").isEmpty();
        assertThat(stillWaiting).as("the backoff doubled to 2 s").isEmpty();
        assertThat(back).hasValueSatisfying(f -> assertThat(f.failing()).isFalse());
        assertThat(Flaky.taken).containsExactly("a", "b", "c");
        assertThat(guard.failures()).isEqualTo(2);
        assertThat(guard.lost()).isZero();
    }

    @Test
    void aWriterThatCannotBeCreated_orHoldsTooMuch_losesOnlyTheOldestCounted() {
        SidePathGuard<String> guard = new SidePathGuard<>("alerts", 0, s -> {
            throw new IOException("permission denied");
        }, 3);
        for (int i = 0; i < 10; i++) {
            guard.offer("r" + i, T0.plusSeconds(i * 100));
        }
        assertThat(guard.failing()).isTrue();
        assertThat(guard.held()).isEqualTo(3);
        assertThat(guard.lost()).isEqualTo(7);
    }

    @Test
    void aRecordTheWriterAlwaysRefuses_isGivenUpAfterThreeTriesAndTheRestGoOn() {
        List<String> taken = new ArrayList<>();
        SidePathGuard<String> guard = new SidePathGuard<>("late-events", 0, s -> new SideWriter<>() {
            @Override
            public void write(String value) {
                if (value.equals("poison")) {
                    throw new IllegalArgumentException("cannot serialize");
                }
                taken.add(value);
            }

            @Override
            public void flush() {}
        }, 100);
        guard.offer("poison", T0);
        guard.offer("ok", T0.plusSeconds(1));
        guard.checkpoint(T0.plusSeconds(10));
        guard.checkpoint(T0.plusSeconds(100));

        assertThat(taken).containsExactly("ok");
        assertThat(guard.lost()).isEqualTo(1);
        assertThat(guard.failing()).isFalse();
    }

    @Test
    void aFullDisk_throughTheJsonlWriter_isReportedAtTheCheckpointAndTheLinesKept(@TempDir Path dir) throws Exception {
        Path late = Files.createDirectories(dir.resolve("late"));
        Files.createSymbolicLink(late.resolve("late-events-0.jsonl"), Path.of("/dev/full"));
        SidePathGuard<String> guard = new SidePathGuard<>("late-events", 0, SideWriters.jsonl(late, "late-events"), 100);

        assertThat(guard.offer("one", T0)).isEmpty();
        Optional<SideFault> full = guard.checkpoint(T0.plusSeconds(1));
        Files.delete(late.resolve("late-events-0.jsonl"));
        Optional<SideFault> freed = guard.checkpoint(T0.plusSeconds(5));

        assertThat(full).hasValueSatisfying(f -> assertThat(f.error()).contains("No space left on device"));
        assertThat(freed).hasValueSatisfying(f -> assertThat(f.failing()).isFalse());
        assertThat(Files.readAllLines(late.resolve("late-events-0.jsonl"))).containsExactly("\"one\"");
    }

    @Test
    void sidePathAlerts_raiseOnceForAllPathsAndClearWhenTheLastRecovers() {
        SidePathAlerts alerts = new SidePathAlerts(new AlertLifecycle(EscalationPolicy.defaults(), new MessageRenderer()),
                JobWatchdog.providerHome(new Carer("Installer", "+447700900555", null)));

        List<LifecycleEvent> raised = alerts.on(new SideFault("dead-letters", 0, true, "NoSpace", 3, 0, T0));
        List<LifecycleEvent> second = alerts.on(new SideFault("store-events", 0, true, "refused", 1, 0, T0.plusSeconds(5)));
        List<LifecycleEvent> oneBack = alerts.on(new SideFault("dead-letters", 0, false, null, 0, 0, T0.plusSeconds(60)));
        List<LifecycleEvent> allBack = alerts.on(new SideFault("store-events", 0, false, null, 0, 2, T0.plusSeconds(90)));

        assertThat(raised).isNotEmpty().allSatisfy(e -> assertThat(e.alert().rule()).isEqualTo(Rule.SIDE_PATH_FAILING));
        assertThat(raised).filteredOn(e -> e.message() != null).first()
                .satisfies(e -> assertThat(e.message()).contains("cannot write dead-letters").contains("monitoring goes on"));
        assertThat(second).isEmpty();
        assertThat(oneBack).isEmpty();
        assertThat(allBack).isNotEmpty();
        assertThat(alerts.alertOpen()).isFalse();
        assertThat(Duration.between(T0, T0.plusSeconds(90))).isPositive();
    }
}
