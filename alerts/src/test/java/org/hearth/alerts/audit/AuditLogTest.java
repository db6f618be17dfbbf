package org.hearth.alerts.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.hearth.models.json.HearthJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditLogTest {

    @TempDir
    Path dir;

    @Test
    void record_writesTimestampedJsonLines() throws Exception {
        Path file = dir.resolve("logs/audit.jsonl");
        try (AuditLog log = new AuditLog(file, Clock.fixed(Instant.parse("2026-11-23T09:05:00Z"), ZoneOffset.UTC))) {
            log.record("sent", "a1/carer-0/step-0", "h1/carer-0", "notify", 1, "accepted", "prov-1");
            log.record("ack", "a1", "h1/carer-1", null, null, "acknowledged");
        }
        var lines = Files.readAllLines(file);
        assertThat(lines).hasSize(2);
        AuditEntry first = HearthJson.json().readValue(lines.get(0), AuditEntry.class);
        assertThat(first).isEqualTo(new AuditEntry(Instant.parse("2026-11-23T09:05:00Z"), "sent", "a1/carer-0/step-0",
                "h1/carer-0", "notify", 1, "accepted", "prov-1"));
        assertThat(lines.get(1)).doesNotContain("gateway").doesNotContain("attempt");
    }

    @Test
    void record_refusesPhoneNumbers() throws Exception {
        try (AuditLog log = new AuditLog(dir.resolve("audit.jsonl"), Clock.systemUTC())) {
            assertThatThrownBy(() -> log.record("sent", "k", "+447700900123", null, null, null))
                    .hasMessageContaining("phone number").hasMessageNotContaining("7700");
            assertThatThrownBy(() -> log.record("failed", "k", "h1/carer-0", null, null, "bad number 07700900123"))
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(Files.readString(dir.resolve("audit.jsonl"))).isEmpty();
    }
}
