package org.hearth.ingest.deadletter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hearth.ingest.testing.TestKit.msg;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeadLetterJsonlWriterTest {

    @Test
    void write_appendsOneJsonLinePerDeadLetterAndReadsBack(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("out/dead-letters.jsonl");
        DeadLetter first = DeadLetter.of(msg("hearth/h1/bed", "{not json"), DeadLetterReason.MALFORMED_JSON, "not valid JSON");
        DeadLetter second = DeadLetter.of(msg("x/y", "line1\nline2"), DeadLetterReason.UNKNOWN_TOPIC, "no decoder");

        try (DeadLetterJsonlWriter w = new DeadLetterJsonlWriter(file)) {
            w.write(first);
        }
        try (DeadLetterJsonlWriter w = new DeadLetterJsonlWriter(file)) {
            w.write(second);
        }

        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).startsWith("{\"reason\":\"malformed-json\"").contains("\"receivedAt\":\"2026-11-23T10:00:00Z\"");
        assertThat(DeadLetterJsonlWriter.fromJson(lines.get(0))).isEqualTo(first);
        assertThat(DeadLetterJsonlWriter.fromJson(lines.get(1))).isEqualTo(second);
    }
}
