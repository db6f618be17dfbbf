package org.hearth.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.hearth.job.DetectionFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplayFileSourceTest {

    @TempDir
    Path dir;

    /**
     * The split goes to its reader as one RPC message and into every checkpoint: it must carry where
     * to read, not what was read. (It once carried every decoded line, which made long replays stall
     * in the coordinator before the first event.)
     */
    @Test
    void splitSerializer_writesThePositionNotTheFileContents() throws Exception {
        Instant start = Instant.parse("2026-11-20T06:00:00Z");
        String lines = IntStream.range(0, 5_000)
                .mapToObj(i -> "{\"home\":\"h1\",\"sensor\":\"pir-kitchen\",\"ts\":\"" + start.plusSeconds(60L * i)
                        + "\",\"kind\":\"motion\",\"value\":1}")
                .collect(Collectors.joining("\n", "", "\n"));
        Path events = Files.writeString(dir.resolve("events.jsonl"), lines);
        ReplaySplit split = new ReplaySplit(List.of(events.toString()), ReplayFormat.NATIVE, DetectionFixtures.HOMES, 42);
        var serializer = new ReplayFileSource.SplitSerializer();

        byte[] bytes = serializer.serialize(split);

        assertThat(bytes.length).isLessThan(DetectionFixtures.HOMES.length() + 1_000);
        assertThat(serializer.deserialize(serializer.getVersion(), bytes)).isEqualTo(split);
    }
}
