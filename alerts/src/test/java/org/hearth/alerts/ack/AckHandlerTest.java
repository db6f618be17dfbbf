package org.hearth.alerts.ack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.hearth.alerts.TestHomes;
import org.hearth.alerts.route.AwayKind;
import org.hearth.alerts.audit.AuditLog;
import org.hearth.alerts.gateway.ScriptedGateway;
import org.hearth.models.registry.KitRegistry;
import org.hearth.models.testing.TestClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AckHandlerTest {

    @TempDir
    Path dir;

    private final TestClock clock = new TestClock(Instant.parse("2026-11-23T09:10:00Z"));
    private final List<Acknowledgement> published = new ArrayList<>();
    private final ScriptedGateway replies = new ScriptedGateway("outbox");

    private AckHandler handler(AuditLog audit) {
        return new AckHandler(new KitRegistry(List.of(TestHomes.home())), published::add, replies, audit, clock, "salt");
    }

    @Test
    void handle_okFromRegisteredCarerPublishesAck() throws Exception {
        try (AuditLog audit = new AuditLog(dir.resolve("audit.jsonl"), clock)) {
            assertThat(handler(audit).handle("twilio", "07700 900456", " ok 4821 ")).isEqualTo(AckHandler.Outcome.ACKNOWLEDGED);
        }
        assertThat(published).containsExactly(new Acknowledgement("h1", "4821", "carer-1", clock.instant()));
        assertThat(replies.accepted()).isEmpty();
    }

    @Test
    void handle_nationalNumberIsCompletedWithTheHomesCountryNotAssumedBritish() throws Exception {
        var uk = TestHomes.home();
        var france = new org.hearth.models.registry.Home("h2", "Europe/Paris", new org.hearth.models.registry.Resident("r2", "M.D."),
                List.of(), List.of(), List.of(new org.hearth.models.registry.Carer("Luc", "+33612345678", null)), null, null,
                java.util.Map.of());
        try (AuditLog audit = new AuditLog(dir.resolve("audit.jsonl"), clock)) {
            AckHandler h = new AckHandler(new KitRegistry(List.of(uk, france)), published::add, replies, audit, clock, "salt");
            assertThat(h.handle("smpp", "0612345678", "OK 1111")).isEqualTo(AckHandler.Outcome.ACKNOWLEDGED);
            assertThat(h.handle("smpp", "07700900456", "OK 2222")).isEqualTo(AckHandler.Outcome.ACKNOWLEDGED);
            // A French national number that happens to share digits with no British carer matches nobody.
            assertThat(h.handle("smpp", "0712345678", "OK 3333")).isEqualTo(AckHandler.Outcome.UNKNOWN_NUMBER);
        }
        assertThat(published).containsExactly(new Acknowledgement("h2", "1111", "carer-0", clock.instant()),
                new Acknowledgement("h1", "2222", "carer-1", clock.instant()));
    }

    @Test
    void handle_unknownNumberIsRejectedSilently() throws Exception {
        try (AuditLog audit = new AuditLog(dir.resolve("audit.jsonl"), clock)) {
            assertThat(handler(audit).handle("twilio", "+447700900777", "OK 4821")).isEqualTo(AckHandler.Outcome.UNKNOWN_NUMBER);
        }
        assertThat(published).isEmpty();
        assertThat(replies.accepted()).isEmpty();
        String log = Files.readString(dir.resolve("audit.jsonl"));
        assertThat(log).contains("unknown-number").contains("sender:").doesNotContain("7700").doesNotContain("4821");
    }

    @Test
    void handle_gibberishGetsHelpAtMostOnceAnHour() throws Exception {
        try (AuditLog audit = new AuditLog(dir.resolve("audit.jsonl"), clock)) {
            AckHandler handler = handler(audit);
            assertThat(handler.handle("twilio", TestHomes.SAM_PHONE, "Is mum ok?")).isEqualTo(AckHandler.Outcome.NOT_UNDERSTOOD);
            clock.advance(Duration.ofMinutes(59));
            handler.handle("twilio", TestHomes.SAM_PHONE, "hello??");
            assertThat(replies.accepted()).hasSize(1);
            clock.advance(Duration.ofMinutes(2));
            handler.handle("twilio", TestHomes.SAM_PHONE, "hello again");
            assertThat(replies.accepted()).hasSize(2);
            assertThat(replies.accepted().get(0).body()).isEqualTo(AckHandler.HELP_TEXT);
            assertThat(replies.accepted().get(0).to()).isEqualTo(TestHomes.SAM_PHONE);
        }
        String log = Files.readString(dir.resolve("audit.jsonl"));
        assertThat(log).contains("help-sent").contains("help-suppressed").doesNotContain("mum").doesNotContain("hello").doesNotContain("7700");
        assertThat(published).isEmpty();
    }

    @Test
    void handle_awayPublishesAnAwayCommandAndConfirmsWithTheAliasOnly() throws Exception {
        List<AwayCommand> away = new ArrayList<>();
        AckPublisher publisher = new AckPublisher() {
            @Override
            public void publish(Acknowledgement ack) {
                published.add(ack);
            }

            @Override
            public void publish(AwayCommand command) {
                away.add(command);
            }
        };
        try (AuditLog audit = new AuditLog(dir.resolve("audit.jsonl"), clock)) {
            AckHandler handler = new AckHandler(new KitRegistry(List.of(TestHomes.home())), publisher, replies, audit, clock, "salt");
            assertThat(handler.handle("twilio", TestHomes.SAM_PHONE, "Away hospital 5d")).isEqualTo(AckHandler.Outcome.AWAY_SET);
            assertThat(handler.handle("twilio", TestHomes.SAM_PHONE, "BACK")).isEqualTo(AckHandler.Outcome.AWAY_ENDED);
        }
        assertThat(away).containsExactly(
                AwayCommand.away("h1", AwayKind.HOSPITAL, clock.instant().plus(Duration.ofDays(5)), "carer-0", clock.instant()),
                AwayCommand.back("h1", "carer-0", clock.instant()));
        assertThat(published).isEmpty();
        assertThat(replies.accepted()).extracting(m -> m.body()).containsExactly(
                "Hearth: monitoring of J.S. paused (hospital) until Sat 28 Nov 09:10. Help button stays on. Reply BACK to resume.",
                "Hearth: monitoring of J.S. resumed.");
        String log = Files.readString(dir.resolve("audit.jsonl"));
        assertThat(log).contains("away-set").contains("hospital-until-2026-11-28T09:10:00Z").contains("away-ended")
                .doesNotContain("7700").doesNotContain("J.S.");
    }

    @Test
    void handle_awayThroughAnAcknowledgementOnlyPublisherIsAuditedAsFailed() throws Exception {
        try (AuditLog audit = new AuditLog(dir.resolve("audit.jsonl"), clock)) {
            assertThat(handler(audit).handle("twilio", TestHomes.SAM_PHONE, "away 2d")).isEqualTo(AckHandler.Outcome.PUBLISH_FAILED);
        }
        assertThat(Files.readString(dir.resolve("audit.jsonl"))).contains("away-publish-failed");
        assertThat(replies.accepted()).isEmpty();
    }

    @Test
    void receipt_isAuditedByProviderId() throws Exception {
        try (AuditLog audit = new AuditLog(dir.resolve("audit.jsonl"), clock)) {
            handler(audit).receipt("notify", "740e5834", "DELIVERED");
            assertThat(audit.recent()).singleElement().satisfies(e -> {
                assertThat(e.type()).isEqualTo("receipt");
                assertThat(e.outcome()).isEqualTo("delivered");
                assertThat(e.ref()).isEqualTo("740e5834");
            });
        }
    }
}
