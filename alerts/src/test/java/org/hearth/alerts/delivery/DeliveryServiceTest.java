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
            this(gateway, health, DeliveryService.Options.none());
        }

        Process(SmsGateway gateway, DeliveryHealth health, DeliveryService.Options options) throws Exception {
            store = DedupeStore.open(dir.resolve("sent.jsonl"));
            audit = new AuditLog(dir.resolve("audit.jsonl"), clock);
            ReliableSender sender = new ReliableSender(gateway, null, new RetryPolicy(2, Duration.ofMillis(1), Duration.ofMillis(2)),
                    d -> { }, new Random(1), audit);
            service = new DeliveryService(new RecipientDirectory("+447700900000"), store, sender, audit, health, clock, options);
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

    /** Sam (carer-0) said STOP before the alert. */
    private org.hearth.alerts.ack.OptOuts samOptedOut() throws Exception {
        org.hearth.alerts.ack.OptOuts optOuts = org.hearth.alerts.ack.OptOuts.open(dir.resolve("opt-outs.jsonl"), "salt");
        optOuts.record("h1/carer-0", TestHomes.SAM_PHONE, "stop-reply", NINE_OH_FIVE.minus(Duration.ofDays(1)));
        return optOuts;
    }

    private static List<org.assertj.core.groups.Tuple> who(List<DeliveryResult> results) {
        return results.stream().map(r -> org.assertj.core.groups.Tuple.tuple(r.recipientId(), r.status())).toList();
    }

    @Test
    void optedOut_theNextCarerMovesUpIntoTheStepAtOnceAndTheChainStaysOneAhead() throws Exception {
        ScriptedGateway gateway = new ScriptedGateway("g");
        List<List<LifecycleEvent>> steps = escalation(); // notify Sam, escalate to Alex, escalate to the duty line, all-clear
        try (Process p = new Process(gateway, null, new DeliveryService.Options(null, samOptedOut(), null, null,
                EscalationPolicy.defaults()))) {
            List<List<DeliveryResult>> byStep = new ArrayList<>();
            for (List<LifecycleEvent> step : steps) {
                List<DeliveryResult> results = new ArrayList<>();
                for (LifecycleEvent e : step) {
                    results.addAll(p.service.deliver(e, home));
                }
                byStep.add(results);
            }
            // At the raise: Sam is skipped and Alex is texted now, not 30 minutes later.
            assertThat(who(byStep.get(0))).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("h1/carer-0", DeliveryResult.Status.OPTED_OUT),
                    org.assertj.core.groups.Tuple.tuple("h1/carer-1", DeliveryResult.Status.SENT));
            // Alex's own step: Alex has it already, so the duty line moves up.
            assertThat(who(byStep.get(1))).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("h1/duty-line", DeliveryResult.Status.SENT));
            // The duty line's step: nobody is left who has not had it.
            assertThat(byStep.get(2)).isEmpty();
            // The all-clear reaches everyone who was texted, the stand-ins included, never Sam.
            assertThat(byStep.get(3)).extracting(DeliveryResult::recipientId, DeliveryResult::status).containsExactlyInAnyOrder(
                    org.assertj.core.groups.Tuple.tuple("h1/carer-0", DeliveryResult.Status.OPTED_OUT),
                    org.assertj.core.groups.Tuple.tuple("h1/carer-1", DeliveryResult.Status.SENT),
                    org.assertj.core.groups.Tuple.tuple("h1/duty-line", DeliveryResult.Status.SENT));
            assertThat(gateway.accepted()).extracting(m -> m.to()).containsExactly(
                    TestHomes.ALEX_PHONE, "+447700900000", TestHomes.ALEX_PHONE, "+447700900000");
            assertThat(Files.readString(dir.resolve("audit.jsonl"))).contains("\"type\":\"moved-up\"").contains("for-carer-0");

            // A replay of the whole escalation (a restored job) texts nobody again.
            for (List<LifecycleEvent> step : steps) {
                for (LifecycleEvent e : step) {
                    p.service.deliver(e, home);
                }
            }
            assertThat(gateway.accepted()).hasSize(4);
        }
    }

    @Test
    void optedOut_aCarerInQuietHoursIsNotPassedOverToTheDutyLineForAWarning() throws Exception {
        ScriptedGateway gateway = new ScriptedGateway("g");
        Home alexAsleep = TestHomes.home(null, "08:00-10:00"); // 09:05: Alex is in quiet hours
        LifecycleEvent notify = lifecycle.apply(null, new LifecycleInput.Raise(Rule.NO_KETTLE, NINE_OH_FIVE,
                        Explanation.of("usually by 08:30", "no kettle")), alexAsleep, null)
                .events().stream().filter(e -> e.type() == org.hearth.alerts.lifecycle.LifecycleEventType.NOTIFIED).findFirst()
                .orElseThrow();
        try (Process p = new Process(gateway, null, new DeliveryService.Options(null, samOptedOut(), null, null,
                EscalationPolicy.defaults()))) {
            assertThat(who(p.service.deliver(notify, alexAsleep))).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("h1/carer-0", DeliveryResult.Status.OPTED_OUT));
        }
        assertThat(gateway.accepted()).isEmpty();
        assertThat(Files.readString(dir.resolve("audit.jsonl"))).contains("moved-up-waits-quiet");
    }

    @Test
    void optedOut_anUrgentAlertIgnoresQuietHoursWhenTheNextCarerMovesUp() throws Exception {
        ScriptedGateway gateway = new ScriptedGateway("g");
        Home alexAsleep = TestHomes.home(null, "08:00-10:00");
        LifecycleEvent notify = lifecycle.apply(null, new LifecycleInput.Raise(Rule.HELP_BUTTON, NINE_OH_FIVE,
                Explanation.of(null, "pressed")), alexAsleep, null).events().stream()
                .filter(e -> e.type() == org.hearth.alerts.lifecycle.LifecycleEventType.NOTIFIED).findFirst().orElseThrow();
        try (Process p = new Process(gateway, null, new DeliveryService.Options(null, samOptedOut(), null, null,
                EscalationPolicy.defaults()))) {
            assertThat(who(p.service.deliver(notify, alexAsleep))).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("h1/carer-0", DeliveryResult.Status.OPTED_OUT),
                    org.assertj.core.groups.Tuple.tuple("h1/carer-1", DeliveryResult.Status.SENT));
        }
    }

    @Test
    void digest_waitsForTheEndOfACarersQuietHoursAcrossARestart() throws Exception {
        Path outbox = dir.resolve("outbox/sms.jsonl");
        Home samQuietAtSix = TestHomes.home("17:30-19:00", null);
        java.time.LocalTime at = java.time.LocalTime.of(18, 0);
        Instant sixPm = Instant.parse("2026-11-23T18:00:00Z");
        try (Process p = new Process(new OutboxGateway(outbox, clock), null, new DeliveryService.Options(
                DigestBook.open(dir.resolve("digest.jsonl"), at, LocalDate.of(2026, 11, 23)), null, null, null))) {
            Transition t = lifecycle.apply(null, new LifecycleInput.Raise(Rule.BATHROOM_TREND, NINE_OH_FIVE,
                    Explanation.of(null, "rising for 7 days")), samQuietAtSix, null);
            for (LifecycleEvent e : t.events()) {
                p.service.deliver(e, samQuietAtSix);
            }
            // 18:00: Alex has it; Sam is in quiet hours until 19:00.
            assertThat(who(p.service.tick(sixPm))).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("h1/carer-1", DeliveryResult.Status.SENT));
            assertThat(p.service.tick(sixPm.plus(Duration.ofMinutes(30)))).extracting(DeliveryResult::status)
                    .doesNotContain(DeliveryResult.Status.SENT);
        } // a restart while Sam's digest waits

        try (Process p = new Process(new OutboxGateway(outbox, clock), null, new DeliveryService.Options(
                DigestBook.open(dir.resolve("digest.jsonl"), at, LocalDate.of(2026, 11, 23)), null, null, null))) {
            p.service.knowHomes(List.of(samQuietAtSix));
            assertThat(p.service.tick(Instant.parse("2026-11-23T18:59:59Z"))).extracting(DeliveryResult::status)
                    .doesNotContain(DeliveryResult.Status.SENT);
            assertThat(who(p.service.tick(Instant.parse("2026-11-23T19:00:00Z")))).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("h1/carer-0", DeliveryResult.Status.SENT),
                    org.assertj.core.groups.Tuple.tuple("h1/carer-1", DeliveryResult.Status.DUPLICATE_SKIPPED));
            assertThat(p.service.tick(Instant.parse("2026-11-23T19:05:00Z"))).isEmpty(); // once
        }
        List<String> lines = Files.readAllLines(outbox);
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).contains(TestHomes.ALEX_PHONE);
        assertThat(lines.get(1)).contains(TestHomes.SAM_PHONE).contains("Hearth: daily summary for J.S.: bathroom visits rising");
        String audit = Files.readString(dir.resolve("audit.jsonl"));
        assertThat(audit).contains("digest-held-quiet").contains("until-2026-11-23T19:00:00Z");
    }

    /** Raises a trend through the lifecycle and hands its events to delivery, as the job does. */
    private void raiseTrend(DeliveryService service, Rule trend, Instant at, String observed) throws Exception {
        Transition t = lifecycle.apply(null, new LifecycleInput.Raise(trend, at, Explanation.of(null, observed)), home, null);
        for (LifecycleEvent e : t.events()) {
            service.deliver(e, home);
        }
    }

    @Test
    void digest_goesToEveryCarerOnceAtTheConfiguredLocalTimeAndSurvivesARestart() throws Exception {
        Path outbox = dir.resolve("outbox/sms.jsonl");
        java.time.LocalTime at = java.time.LocalTime.of(18, 0);
        Instant sixPm = Instant.parse("2026-11-23T18:00:00Z"); // London is on GMT in November
        try (Process p = new Process(new OutboxGateway(outbox, clock), null, new DeliveryService.Options(
                DigestBook.open(dir.resolve("digest.jsonl"), at, LocalDate.of(2026, 11, 23)), null, null, null))) {
            raiseTrend(p.service, Rule.BATHROOM_TREND, NINE_OH_FIVE, "rising for 7 days");
            raiseTrend(p.service, Rule.SLEEP_TREND, NINE_OH_FIVE.plusSeconds(60), "shorter for 5 nights");
            raiseTrend(p.service, Rule.KETTLE_TREND, Instant.parse("2026-11-23T18:30:00Z"), "fewer boils"); // tomorrow's
            assertThat(p.service.tick(sixPm.minusSeconds(60))).isEmpty();
            assertThat(Files.exists(outbox)).isFalse();
        } // a restart before the digest: the trends wait on disk

        try (Process p = new Process(new OutboxGateway(outbox, clock), null, new DeliveryService.Options(
                DigestBook.open(dir.resolve("digest.jsonl"), at, LocalDate.of(2026, 11, 23)), null, null, null))) {
            p.service.knowHomes(List.of(home));
            List<DeliveryResult> sent = p.service.tick(sixPm);
            assertThat(sent).extracting(DeliveryResult::recipientId, DeliveryResult::status).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("h1/carer-0", DeliveryResult.Status.SENT),
                    org.assertj.core.groups.Tuple.tuple("h1/carer-1", DeliveryResult.Status.SENT));
            assertThat(p.service.tick(sixPm.plusSeconds(300))).isEmpty(); // once a day
        }
        List<String> lines = Files.readAllLines(outbox);
        assertThat(lines).hasSize(2);
        assertThat(lines).allSatisfy(l -> assertThat(l).contains(
                "Hearth: daily summary for J.S.: bathroom visits rising (rising for 7 days); sleep shortening (shorter for 5 nights).")
                .doesNotContain("fewer boils"));
        assertThat(lines.get(0)).contains(TestHomes.SAM_PHONE);
        assertThat(lines.get(1)).contains(TestHomes.ALEX_PHONE);

        // Another restart after it was sent: the day's keys are in the dedupe store, nothing goes twice;
        // the next day's digest carries the trend raised after 18:00.
        try (Process p = new Process(new OutboxGateway(outbox, clock), null, new DeliveryService.Options(
                DigestBook.open(dir.resolve("digest.jsonl"), at, LocalDate.of(2026, 11, 24)), null, null, null))) {
            p.service.knowHomes(List.of(home));
            assertThat(p.service.tick(sixPm.plusSeconds(600))).extracting(DeliveryResult::status)
                    .containsOnly(DeliveryResult.Status.DUPLICATE_SKIPPED);
            assertThat(p.service.tick(sixPm.plus(Duration.ofDays(1)))).extracting(DeliveryResult::status)
                    .containsExactly(DeliveryResult.Status.SENT, DeliveryResult.Status.SENT);
        }
        assertThat(Files.readAllLines(outbox)).hasSize(4).last().asString().contains("kettle use falling (fewer boils)");
    }

    @Test
    void digest_thatDoesNotFitOneSegmentIsSplitIntoNumberedSegments() throws Exception {
        ScriptedGateway gateway = new ScriptedGateway("g");
        try (Process p = new Process(gateway, null, DeliveryService.Options.none())) {
            raiseTrend(p.service, Rule.BATHROOM_TREND, NINE_OH_FIVE, "night visits up from 2 to 5 over the last seven nights");
            raiseTrend(p.service, Rule.SLEEP_TREND, NINE_OH_FIVE.plusSeconds(60), "asleep about 5 h a night, usually nearer 7 h");
            raiseTrend(p.service, Rule.KETTLE_TREND, NINE_OH_FIVE.plusSeconds(120), "3 boils a day this week, usually 7 or more");
            p.service.tick(Instant.parse("2026-11-23T18:00:00Z"));
        }
        List<String> toSam = gateway.accepted().stream().filter(m -> m.to().equals(TestHomes.SAM_PHONE))
                .map(org.hearth.alerts.gateway.SmsMessage::body).toList();
        assertThat(toSam).hasSizeGreaterThan(1);
        assertThat(toSam).allSatisfy(b -> assertThat(org.hearth.alerts.render.SmsLength.of(b).singleSegment()).isTrue());
        assertThat(toSam.get(0)).startsWith("Hearth: J.S. summary 1/" + toSam.size() + ": bathroom visits rising");
        assertThat(String.join(" ", toSam)).contains("sleep shortening").contains("kettle use falling");
        assertThat(gateway.accepted()).hasSize(2 * toSam.size());
    }

    @Test
    void digest_timeIsTheHomesLocalTimeAcrossSummerTime() throws Exception {
        DigestBook book = DigestBook.inMemory(java.time.LocalTime.of(18, 0));
        java.time.ZoneId london = java.time.ZoneId.of("Europe/London");
        assertThat(book.dueAt(LocalDate.of(2026, 7, 1), london)).isEqualTo(Instant.parse("2026-07-01T17:00:00Z"));
        assertThat(book.dueAt(LocalDate.of(2026, 12, 1), london)).isEqualTo(Instant.parse("2026-12-01T18:00:00Z"));
        assertThat(book.dayOf(Instant.parse("2026-07-01T17:30:00Z"), london)).isEqualTo(LocalDate.of(2026, 7, 2));
        assertThat(book.dayOf(Instant.parse("2026-07-01T16:59:00Z"), london)).isEqualTo(LocalDate.of(2026, 7, 1));
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
