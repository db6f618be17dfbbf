package org.hearth.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

class JsonSerializerTest {

    /** A value whose JSON is far larger than the output buffer's initial free space. */
    public record Big(String name, List<String> lines) {}

    @Test
    void copy_aValueLargerThanTheTargetBufferGrowsTheBuffer() throws Exception {
        JsonSerializer<Big> serializer = new JsonSerializer<>(Big.class);
        Big big = new Big("big", java.util.Collections.nCopies(5_000, "a line of state that takes some room"));
        DataOutputSerializer written = new DataOutputSerializer(64);
        serializer.serialize(big, written);
        assertThat(written.length()).isGreaterThan(100_000);

        DataOutputSerializer copied = new DataOutputSerializer(16); // what RocksDB and savepoints copy into
        serializer.copy(new DataInputDeserializer(written.getCopyOfBuffer()), copied);

        assertThat(copied.getCopyOfBuffer()).isEqualTo(written.getCopyOfBuffer());
        assertThat(serializer.deserialize(new DataInputDeserializer(copied.getCopyOfBuffer()))).isEqualTo(big);
    }

    @Test
    void ruleThreshold_betweenTheStatusAndItsStorageSidePath_roundTripsWithAndWithoutAValue() throws Exception {
        JsonSerializer<org.hearth.storage.point.HomeRuleThreshold> serializer =
                new JsonSerializer<>(org.hearth.storage.point.HomeRuleThreshold.class);
        java.time.Instant at = java.time.Instant.parse("2026-11-23T09:05:00Z");
        for (var threshold : List.of(
                new org.hearth.storage.point.HomeRuleThreshold("h1", "stillness", "kitchen morning", 95.0,
                        new org.hearth.models.status.RuleThreshold(true, "min", java.util.Map.of("kitchen morning", 95.0), 0.2,
                                List.of("cohort frail: margin")), at),
                new org.hearth.storage.point.HomeRuleThreshold("h1", "unusual-routes", null, null,
                        org.hearth.models.status.RuleThreshold.off(0.05, List.of()), at))) {
            DataOutputSerializer out = new DataOutputSerializer(64);
            serializer.serialize(threshold, out);
            assertThat(serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()))).isEqualTo(threshold);
        }
    }
}
