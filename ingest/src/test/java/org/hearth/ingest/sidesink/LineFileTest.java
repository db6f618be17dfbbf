package org.hearth.ingest.sidesink;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

class LineFileTest {

    @Test
    void append_writesWholeLinesAtFlushAndAppendsAcrossOpenings(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("a/b/lines.jsonl");
        try (LineFile f = new LineFile(file)) {
            f.append(bytes("one"));
            f.append(bytes("two"));
            assertThat(f.flush()).isTrue();
            assertThat(f.written()).isEqualTo(2);
        }
        try (LineFile f = new LineFile(file)) {
            f.append(bytes("three"));
        }
        assertThat(Files.readAllLines(file)).containsExactly("one", "two", "three");
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void aFullDisk_isCountedNeverThrownAndLinesBeyondTheBoundAreCountedLost() {
        // /dev/full answers every write with ENOSPC, as a full disk does.
        LineFile f = new LineFile(Path.of("/dev/full"), 1000);
        for (int i = 0; i < 100; i++) {
            f.append(bytes("line " + i + " ".repeat(20)));
        }
        assertThat(f.flush()).isFalse();
        assertThat(f.failures()).isEqualTo(1);
        assertThat(f.lastError()).contains("No space left");
        assertThat(f.written()).isZero();
        assertThat(f.pendingLines() + f.lost()).isEqualTo(100);
        assertThat(f.lost()).isGreaterThan(50);
        f.close();
        assertThat(f.lost()).isEqualTo(100);
    }

    @Test
    void anUnwritableFolder_isRetriedAndTheHeldLinesWrittenOnceItIsFixed(@TempDir Path dir) throws Exception {
        Path blocker = dir.resolve("dead-letters");
        Files.writeString(blocker, "a file where the folder should be");
        Path file = blocker.resolve("dead-letters-0.jsonl");
        LineFile f = new LineFile(file);
        f.append(bytes("kept 1"));
        f.append(bytes("kept 2"));

        assertThat(f.flush()).isFalse();
        assertThat(f.failures()).isEqualTo(1);
        assertThat(f.pendingLines()).isEqualTo(2);

        Files.delete(blocker);
        f.append(bytes("kept 3"));
        assertThat(f.flush()).isTrue();
        f.close();

        assertThat(Files.readAllLines(file)).containsExactly("kept 1", "kept 2", "kept 3");
        assertThat(f.lost()).isZero();
    }

    @Test
    void aLineCutShortByAFailure_isEndedBeforeTheRetriedLines(@TempDir Path dir) throws Exception {
        Path blocker = dir.resolve("late");
        Files.writeString(blocker, "");
        LineFile f = new LineFile(blocker.resolve("late-0.jsonl"));
        f.append(bytes("retried"));
        assertThat(f.flush()).isFalse();
        // As a failed write leaves it: the last line on disk cut short.
        Files.delete(blocker);
        Files.createDirectories(blocker);
        Files.writeString(blocker.resolve("late-0.jsonl"), "whole\nhalf a li");

        assertThat(f.flush()).isTrue();

        assertThat(Files.readAllLines(blocker.resolve("late-0.jsonl"))).containsExactly("whole", "half a li", "retried");
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
