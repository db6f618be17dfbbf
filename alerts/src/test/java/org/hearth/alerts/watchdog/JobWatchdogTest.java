package org.hearth.alerts.watchdog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hearth.alerts.watchdog.JobHealthTest.START;
import static org.hearth.alerts.watchdog.JobHealthTest.beat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.hearth.models.testing.TestClock;
import org.hearth.alerts.audit.AuditLog;
import org.hearth.alerts.delivery.DedupeStore;
import org.hearth.alerts.delivery.DeliveryService;
import org.hearth.alerts.delivery.RecipientDirectory;
import org.hearth.alerts.gateway.OutboxGateway;
import org.hearth.alerts.gateway.ReliableSender;
import org.hearth.alerts.gateway.RetryPolicy;
import org.hearth.alerts.lifecycle.AlertLifecycle;
import org.hearth.alerts.lifecycle.LifecycleEvent;
import org.hearth.alerts.lifecycle.LifecycleEventType;
import org.hearth.alerts.render.MessageRenderer;
import org.hearth.alerts.route.EscalationPolicy;
import org.hearth.models.alert.Rule;
import org.hearth.models.json.HearthJson;
import org.hearth.models.registry.Carer;
import org.hearth.models.registry.Home;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobWatchdogTest {

    private final TestClock clock = new TestClock(START);
    private final List<LifecycleEvent> events = new ArrayList<>();
    private final Home provider = JobWatchdog.providerHome(new Carer("On call", "+447700900999", null));
    private final JobWatchdog watchdog = new JobWatchdog(WatchdogSettings.defaults(), clock,
            new AlertLifecycle(EscalationPolicy.defaults(), new MessageRenderer()), provider, events::add);

    @Test
    void check_raisesJobSilentOnceWhenHeartbeatStopsAndResolvesWhenItReturns() {
        watchdog.heartbeat(beat(clock.instant()));
        clock.advance(Duration.ofSeconds(100));
        assertThat(watchdog.check().healthy()).isTrue();
        assertThat(events).isEmpty();

        clock.advance(Duration.ofSeconds(30)); // 130 s since the last heartbeat
        assertThat(watchdog.check().state()).isEqualTo(JobHealth.State.SILENT);
        clock.advance(Duration.ofSeconds(15));
        watchdog.check();
        assertThat(events).extracting(LifecycleEvent::type).containsExactly(LifecycleEventType.RAISED, LifecycleEventType.NOTIFIED);
        LifecycleEvent notified = events.get(1);
        assertThat(notified.alert().rule()).isEqualTo(Rule.JOB_SILENT);
        assertThat(notified.alert().homeId()).isEqualTo(JobWatchdog.PROVIDER_HOME_ID);
        assertThat(notified.recipients()).extracting(r -> r.id()).containsExactly("installer");
        assertThat(notified.message()).contains("monitoring job silent since 09:00 UTC");

        clock.advance(Duration.ofMinutes(5));
        watchdog.heartbeat(beat(clock.instant()));
        assertThat(watchdog.check().healthy()).isTrue();
        assertThat(watchdog.alertOpen()).isFalse();
        assertThat(events).extracting(LifecycleEvent::type).endsWith(LifecycleEventType.RESOLVED);
        assertThat(events.get(events.size() - 1).message()).contains("all clear");
    }

    @Test
    void check_escalatesToTheDutyLineOnTheWallClockWhileStillSilent() {
        clock.advance(Duration.ofMinutes(3)); // never a heartbeat
        watchdog.check();
        clock.advance(Duration.ofMinutes(59));
        watchdog.check();
        assertThat(events).extracting(LifecycleEvent::type).containsExactly(LifecycleEventType.RAISED, LifecycleEventType.NOTIFIED);
        clock.advance(Duration.ofMinutes(1)); // the system severity's 60 min
        watchdog.check();
        assertThat(events).extracting(LifecycleEvent::type).endsWith(LifecycleEventType.ESCALATED);
        assertThat(events.get(events.size() - 1).recipients()).extracting(r -> r.id()).containsExactly("duty-line");
    }

    @Test
    void check_raisesForLaggingAndForFailingCheckpointsAndRecovers() {
        Instant at = clock.instant();
        watchdog.heartbeat(new JobHeartbeat("hearth", at, at.minus(Duration.ofMinutes(20)), 5, at, 0, 30L, START));
        assertThat(watchdog.check().state()).isEqualTo(JobHealth.State.LAGGING);
        assertThat(events.get(0).alert().observed()).isEqualTo("event time 20 min behind the clock");

        clock.advance(Duration.ofSeconds(10));
        watchdog.heartbeat(beat(clock.instant()));
        assertThat(watchdog.check().healthy()).isTrue();
        assertThat(watchdog.alertOpen()).isFalse();

        clock.advance(Duration.ofSeconds(10));
        Instant now = clock.instant();
        watchdog.heartbeat(new JobHeartbeat("hearth", now, now, 9, now.minusSeconds(120), 4, 30L, START));
        assertThat(watchdog.check().state()).isEqualTo(JobHealth.State.CHECKPOINTS_FAILING);
        assertThat(watchdog.alertOpen()).isTrue();
        assertThat(events).filteredOn(e -> e.type() == LifecycleEventType.RAISED).hasSize(2);
    }

    @Test
    void heartbeat_ignoresAnOlderOneThanTheNewest() {
        watchdog.heartbeat(beat(START.plusSeconds(60)));
        watchdog.heartbeat(beat(START)); // e.g. a stale retained copy after reconnecting
        assertThat(watchdog.lastHeartbeat().at()).isEqualTo(START.plusSeconds(60));
    }

    @Test
    void check_textsTheDutyLineThroughRealDeliveryWhenNoInstallerIsGiven(@TempDir Path dir) throws Exception {
        AuditLog audit = new AuditLog(dir.resolve("audit.jsonl"), clock);
        OutboxGateway outbox = new OutboxGateway(dir.resolve("outbox.jsonl"), clock);
        DeliveryService delivery = new DeliveryService(new RecipientDirectory("+447700900000"),
                DedupeStore.open(dir.resolve("sent.jsonl")), new ReliableSender(outbox, null, RetryPolicy.defaults(),
                        d -> { }, new Random(1), audit), audit, null, clock);
        Home dutyOnly = JobWatchdog.providerHome(null);
        JobWatchdog viaDelivery = new JobWatchdog(WatchdogSettings.defaults(), clock,
                new AlertLifecycle(EscalationPolicy.defaults(), new MessageRenderer()), dutyOnly, e -> {
                    try {
                        delivery.deliver(e, dutyOnly);
                    } catch (InterruptedException ex) {
                        throw new IllegalStateException(ex);
                    }
                });
        clock.advance(Duration.ofMinutes(3));
        viaDelivery.check();
        viaDelivery.heartbeat(beat(clock.instant()));
        viaDelivery.check();

        List<JsonNode> texts = new ArrayList<>();
        for (String line : Files.readAllLines(outbox.file())) {
            texts.add(HearthJson.json().readTree(line));
        }
        assertThat(texts).extracting(t -> t.get("recipient").asText()).containsExactly("hearth/duty-line", "hearth/duty-line");
        assertThat(texts.get(0).get("body").asText()).contains("monitoring job silent");
        assertThat(texts.get(1).get("body").asText()).contains("all clear");
    }
}
