package org.hearth.alerts.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.hearth.alerts.audit.AuditEntry;
import org.hearth.alerts.audit.AuditLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReliableSenderTest {

    @TempDir
    Path dir;

    private final List<Duration> slept = new ArrayList<>();
    private final Sleeper recording = slept::add;
    private final Clock clock = Clock.fixed(Instant.parse("2026-11-23T09:05:00Z"), ZoneOffset.UTC);
    private final SmsMessage message = new SmsMessage("a1/carer-0/step-0", "+447700900123", "Hearth: test", "h1/carer-0");

    @Test
    void send_retriesRetryableErrorsWithGrowingJitteredBackoff() throws Exception {
        ScriptedGateway primary = new ScriptedGateway("primary")
                .failNext(new GatewayException("http-503", true), new GatewayException("http-429", true), new GatewayException("io", true));
        try (AuditLog audit = new AuditLog(dir.resolve("audit.jsonl"), clock)) {
            ReliableSender sender = new ReliableSender(primary, null, new RetryPolicy(4, Duration.ofSeconds(1), Duration.ofSeconds(30)),
                    recording, new Random(7), audit);
            ReliableSender.Outcome outcome = sender.send(message);
            assertThat(outcome.sent()).isTrue();
            assertThat(outcome.attempts()).isEqualTo(4);
            assertThat(primary.accepted()).containsExactly(message);
            assertThat(slept).hasSize(3);
            // Equal jitter: retry n waits between half and all of base * 2^(n-1).
            assertThat(slept.get(0)).isBetween(Duration.ofMillis(500), Duration.ofSeconds(1));
            assertThat(slept.get(1)).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(2));
            assertThat(slept.get(2)).isBetween(Duration.ofSeconds(2), Duration.ofSeconds(4));
            assertThat(audit.recent()).extracting(AuditEntry::type)
                    .containsExactly("attempt", "failed", "retry", "attempt", "failed", "retry", "attempt", "failed", "retry", "attempt", "sent");
        }
    }

    @Test
    void send_permanentErrorFailsOverWithoutRetrying() throws Exception {
        ScriptedGateway primary = new ScriptedGateway("primary").failNext(new GatewayException("http-400", false));
        ScriptedGateway secondary = new ScriptedGateway("secondary");
        try (AuditLog audit = new AuditLog(dir.resolve("audit.jsonl"), clock)) {
            ReliableSender sender = new ReliableSender(primary, secondary, RetryPolicy.defaults(), recording, new Random(1), audit);
            ReliableSender.Outcome outcome = sender.send(message);
            assertThat(outcome.receipt().gateway()).isEqualTo("secondary");
            assertThat(primary.calls()).isEqualTo(1);
            assertThat(slept).isEmpty();
            assertThat(audit.recent()).extracting(AuditEntry::type).contains("failover");
        }
    }

    @Test
    void send_allGatewaysDownReportsFailureAfterEveryAttempt() throws Exception {
        ScriptedGateway primary = new ScriptedGateway("primary").alwaysFail();
        ScriptedGateway secondary = new ScriptedGateway("secondary").alwaysFail();
        try (AuditLog audit = new AuditLog(dir.resolve("audit.jsonl"), clock)) {
            ReliableSender sender = new ReliableSender(primary, secondary, new RetryPolicy(3, Duration.ofMillis(100), Duration.ofMillis(250)),
                    recording, new Random(3), audit);
            ReliableSender.Outcome outcome = sender.send(message);
            assertThat(outcome.sent()).isFalse();
            assertThat(outcome.attempts()).isEqualTo(6);
            assertThat(outcome.lastError()).isEqualTo("http-503");
            assertThat(slept).hasSize(4).allSatisfy(d -> assertThat(d).isLessThanOrEqualTo(Duration.ofMillis(250)));
        }
    }

    @Test
    void backoff_isCappedAndJittered() {
        RetryPolicy policy = new RetryPolicy(10, Duration.ofSeconds(1), Duration.ofSeconds(30));
        Random random = new Random(42);
        List<Duration> waits = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            waits.add(policy.backoff(20, random));
        }
        assertThat(waits).allSatisfy(d -> assertThat(d).isBetween(Duration.ofSeconds(15), Duration.ofSeconds(30)));
        assertThat(waits.stream().distinct().count()).isGreaterThan(10);
    }
}
