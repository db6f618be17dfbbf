package org.hearth.alerts.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hearth.alerts.TestHomes.NINE_OH_FIVE;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.hearth.alerts.TestHomes;
import org.hearth.alerts.audit.AuditLog;
import org.hearth.alerts.gateway.GatewayException;
import org.hearth.alerts.gateway.OutboxGateway;
import org.hearth.alerts.gateway.ReliableSender;
import org.hearth.alerts.gateway.RetryPolicy;
import org.hearth.alerts.gateway.ScriptedGateway;
import org.hearth.alerts.gateway.SmsGateway;
import org.hearth.alerts.lifecycle.AlertLifecycle;
import org.hearth.alerts.lifecycle.LifecycleEvent;
import org.hearth.alerts.lifecycle.LifecycleInput;
import org.hearth.alerts.lifecycle.LifecycleState;
import org.hearth.alerts.lifecycle.Transition;
import org.hearth.alerts.render.MessageRenderer;
import org.hearth.alerts.route.EscalationPolicy;
import org.hearth.models.alert.Rule;
import org.hearth.models.explain.Explanation;
import org.hearth.models.registry.Home;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeliveryServiceTest {

    @TempDir
    Path dir;

    private final Clock clock = Clock.fixed(Instant.parse("2026-11-23T09:05:00Z"), ZoneOffset.UTC);
    private final Home home = TestHomes.home();
    private final AlertLifecycle lifecycle = new AlertLifecycle(EscalationPolicy.defaults(), new MessageRenderer());
    private final Explanation notUp = new Explanation("usually up by 08:10", "no movement", Map.of("usual", "08:10"));

    /** One "process": store, audit and service over the same files, closed at a "crash". */
    private final class Process implements AutoCloseable {
        final DedupeStore store;
        final AuditLog audit;
        final DeliveryService service;

        Process(SmsGateway gateway, DeliveryHealth health) throws Exception {
            store = DedupeStore.open(dir.resolve("sent.jsonl"));
            audit = new AuditLog(dir.resolve("audit.jsonl"), clock);
            ReliableSender sender = new ReliableSender(gateway, null, new RetryPolicy(2, Duration.ofMillis(1), Duration.ofMillis(2)),
                    d -> { }, new Random(1), audit);
            service = new DeliveryService(new RecipientDirectory("+447700900000"), store, sender, audit, health, clock);
        }

        @Override
        public void close() throws Exception {
            store.close();
            audit.close();
        }
    }

    /** The whole escalation's events, as the job would emit them, one list per lifecycle step. */
    private List<List<LifecycleEvent>> escalation() {
        List<List<LifecycleEvent>> steps = new ArrayList<>();
        Transition t = lifecycle.apply(null, new LifecycleInput.Raise(Rule.NOT_UP, NINE_OH_FIVE, notUp), home, null);
        steps.add(t.events());
        LifecycleState state = t.state();
        while (t.wakeAt() != null) {
            t = lifecycle.apply(state, new LifecycleInput.Tick(t.wakeAt()), home, null);
            steps.add(t.events());
            state = t.state();
        }
        t = lifecycle.apply(state, new LifecycleInput.Clear(NINE_OH_FIVE.plus(Duration.ofHours(1)), "up at 10:05"), home, null);
        steps.add(t.events());
        return steps;
    }

    @Test
    void shouldSendNoStepTwiceWhenRestartedMidEscalationAndReplayed() throws Exception {
        Path outbox = dir.resolve("outbox/sms.jsonl");
        List<List<LifecycleEvent>> steps = escalation();
        assertThat(steps).hasSize(4); // raise+notify, escalate carer-1, escalate duty line, resolve

        try (Process first = new Process(new OutboxGateway(outbox, clock), null)) {
            for (LifecycleEvent e : steps.get(0)) {
                first.service.deliver(e, home);
            }
            for (LifecycleEvent e : steps.get(1)) {
                first.service.deliver(e, home);
            }
        } // crash: the job restores from a checkpoint taken before the raise and replays everything

        try (Process second = new Process(new OutboxGateway(outbox, clock), null)) {
            List<DeliveryResult> results = new ArrayList<>();
            for (List<LifecycleEvent> step : steps) {
                for (LifecycleEvent e : step) {
                    results.addAll(second.service.deliver(e, home));
                }
            }
            assertThat(results).extracting(DeliveryResult::status).containsExactly(
                    DeliveryResult.Status.DUPLICATE_SKIPPED, DeliveryResult.Status.DUPLICATE_SKIPPED,
                    DeliveryResult.Status.SENT, // duty line
                    DeliveryResult.Status.SENT, DeliveryResult.Status.SENT, DeliveryResult.Status.SENT); // resolution to all three
        }
        List<String> lines = Files.readAllLines(outbox);
        assertThat(lines).hasSize(6);
        assertThat(lines.stream().map(l -> l.replaceAll(".*\"key\":\"([^\"]+)\".*", "$1")).distinct()).hasSize(6);
    }

    @Test
    void shouldResendAnInDoubtStepOnceAfterACrashDuringTheGatewayCall() throws Exception {
        List<List<LifecycleEvent>> steps = escalation();
        LifecycleEvent notified = steps.get(0).get(1);
        String key = notified.deliveryKey(notified.recipients().get(0));
        try (DedupeStore store = DedupeStore.open(dir.resolve("sent.jsonl"))) {
            store.markSending(key); // died before the gateway's answer was recorded
        }
        ScriptedGateway gateway = new ScriptedGateway("g");
        try (Process p = new Process(gateway, null)) {
            assertThat(p.service.deliver(notified, home)).extracting(DeliveryResult::status).containsExactly(DeliveryResult.Status.SENT);
            assertThat(p.service.deliver(notified, home)).extracting(DeliveryResult::status).containsExactly(DeliveryResult.Status.DUPLICATE_SKIPPED);
            assertThat(p.audit.recent()).extracting(e -> e.type()).contains("in-doubt-resend");
        }
        assertThat(gateway.accepted()).hasSize(1);
    }

    @Test
    void shouldRetryAFailedStepOnReplayAndRaiseDeliveryFailingAfterThreeFailures() throws Exception {
        List<LifecycleInput> raised = new ArrayList<>();
        DeliveryHealth health = new DeliveryHealth(3, raised::add);
        ScriptedGateway gateway = new ScriptedGateway("g").alwaysFail();
        List<List<LifecycleEvent>> steps = escalation();
        try (Process p = new Process(gateway, health)) {
            for (int i = 0; i < 3; i++) {
                for (LifecycleEvent e : steps.get(i)) {
                    p.service.deliver(e, home);
                }
            }
            assertThat(raised).hasSize(1);
            assertThat(raised.get(0)).isInstanceOfSatisfying(LifecycleInput.Raise.class,
                    r -> assertThat(r.rule()).isEqualTo(Rule.DELIVERY_FAILING));
            assertThat(gateway.calls()).isEqualTo(6); // 3 texts x 2 attempts

            gateway.recover();
            List<DeliveryResult> retried = p.service.deliver(steps.get(0).get(1), home);
            assertThat(retried).extracting(DeliveryResult::status).containsExactly(DeliveryResult.Status.SENT);
            assertThat(raised).hasSize(2);
            assertThat(raised.get(1)).isInstanceOf(LifecycleInput.Clear.class);
        }
    }

    @Test
    void shouldCollectTrendsIntoOneDailyDigest() throws Exception {
        ScriptedGateway gateway = new ScriptedGateway("g");
        try (Process p = new Process(gateway, null)) {
            for (Rule trend : List.of(Rule.BATHROOM_TREND, Rule.SLEEP_TREND)) {
                Transition t = lifecycle.apply(null, new LifecycleInput.Raise(trend, NINE_OH_FIVE, Explanation.of(null, "rising for 7 days")), home, null);
                for (LifecycleEvent e : t.events()) {
                    p.service.deliver(e, home);
                }
            }
            assertThat(gateway.accepted()).isEmpty();
            var digest = p.service.sendDigest(home, LocalDate.of(2026, 11, 23));
            assertThat(digest).get().extracting(DeliveryResult::status).isEqualTo(DeliveryResult.Status.SENT);
            assertThat(gateway.accepted()).singleElement().satisfies(m -> {
                assertThat(m.body()).startsWith("Hearth: daily summary for J.S.: bathroom visits rising");
                assertThat(m.to()).isEqualTo(TestHomes.SAM_PHONE);
            });
            assertThat(p.service.sendDigest(home, LocalDate.of(2026, 11, 23))).isEmpty();
        }
    }

    @Test
    void audit_holdsNoNumbersAndNoBodies() throws Exception {
        try (Process p = new Process(new ScriptedGateway("g").failNext(new GatewayException("http-500", true)), null)) {
            for (List<LifecycleEvent> step : escalation()) {
                for (LifecycleEvent e : step) {
                    p.service.deliver(e, home);
                }
            }
        }
        String audit = Files.readString(dir.resolve("audit.jsonl"));
        assertThat(audit).contains("\"type\":\"sent\"").contains("\"type\":\"failed\"").contains("h1/carer-0");
        assertThat(audit).doesNotContain("+44").doesNotContain("7700").doesNotContain("J.S.").doesNotContain("Hearth:");
    }
}
