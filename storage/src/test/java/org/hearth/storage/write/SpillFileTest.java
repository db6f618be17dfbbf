package org.hearth.storage.write;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpillFileTest {

    @TempDir
    Path dir;

    @Test
    void peekAndCommit_consumeFromTheHeadInOrder() throws Exception {
        SpillFile spill = new SpillFile(dir.resolve("a.spill.lp"));
        spill.append(List.of("one", "two", "thrée"));
        spill.append(List.of("four"));
        assertThat(spill.peek(2)).containsExactly("one", "two");
        spill.commit(1);
        assertThat(spill.pending()).isEqualTo(3);
        assertThat(spill.peek(10)).containsExactly("two", "thrée", "four");
        spill.commit(2);
        assertThat(spill.peek(10)).containsExactly("four");
    }

    @Test
    void reopen_resumesWhereTheLastCommitLeftOff() throws Exception {
        Path file = dir.resolve("a.spill.lp");
        SpillFile first = new SpillFile(file);
        first.append(List.of("é1", "e2", "e3"));
        first.peek(1);
        first.commit(1);
        SpillFile second = new SpillFile(file);
        assertThat(second.pending()).isEqualTo(2);
        assertThat(second.peek(5)).containsExactly("e2", "e3");
    }

    @Test
    void commit_ofEverythingRemovesTheFiles() throws Exception {
        Path file = dir.resolve("a.spill.lp");
        SpillFile spill = new SpillFile(file);
        spill.append(List.of("x", "y"));
        spill.peek(1);
        spill.commit(1);
        assertThat(Files.exists(file.resolveSibling("a.spill.lp.pos"))).isTrue();
        spill.peek(1);
        spill.commit(1);
        assertThat(Files.exists(file)).isFalse();
        assertThat(Files.exists(file.resolveSibling("a.spill.lp.pos"))).isFalse();
        assertThat(spill.pending()).isZero();
    }
}
