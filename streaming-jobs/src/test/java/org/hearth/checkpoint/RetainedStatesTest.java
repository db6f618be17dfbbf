package org.hearth.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RetainedStatesTest {

    private static final Instant T = Instant.parse("2026-12-06T08:00:00Z");

    @TempDir
    Path dir;

    @Test
    void latest_isTheNewestCompletedCheckpointOrSavepointAcrossJobs() throws IOException {
        completed("job-a/chk-7", T);
        completed("job-b/chk-3", T.plusSeconds(60));
        Files.createDirectories(dir.resolve("job-b/chk-4")); // never completed: no _metadata
        Files.createDirectories(dir.resolve("job-b/shared"));
        completed("savepoints/savepoint-b-1", T.plusSeconds(30));

        RetainedStates states = RetainedStates.in(dir);

        assertThat(states.all()).extracting(s -> dir.relativize(s.dir()).toString())
                .containsExactly("job-b/chk-3", "savepoints/savepoint-b-1", "job-a/chk-7");
        assertThat(states.latest()).get().satisfies(s -> {
            assertThat(s.kind()).isEqualTo(RetainedState.Kind.CHECKPOINT);
            assertThat(s.jobDir()).isEqualTo(dir.resolve("job-b"));
            assertThat(s.takenAt()).isEqualTo(T.plusSeconds(60));
            assertThat(s.describe()).isEqualTo("checkpoint chk-3");
        });
    }

    @Test
    void latest_aSavepointNewerThanEveryCheckpointWins() throws IOException {
        completed("job-a/chk-7", T);
        completed("savepoints/savepoint-a-1", T.plusSeconds(5));
        assertThat(RetainedStates.in(dir).latest()).get().extracting(RetainedState::kind).isEqualTo(RetainedState.Kind.SAVEPOINT);
    }

    @Test
    void in_anAbsentDirectoryHoldsNothing() {
        assertThat(RetainedStates.in(dir.resolve("nowhere")).latest()).isEmpty();
    }

    @Test
    void prune_keepsTheNewestAndTheFilesTheyNeed() throws IOException {
        completed("job-a/chk-1", T);
        completed("job-b/chk-5", T.plusSeconds(10));
        completed("job-b/chk-6", T.plusSeconds(20));
        Files.createDirectories(dir.resolve("job-b/chk-7"));
        Files.writeString(Files.createDirectories(dir.resolve("job-b/shared")).resolve("sst-1"), "x");
        completed("savepoints/savepoint-c-1", T.plusSeconds(30));
        completed("savepoints/savepoint-c-0", T.plusSeconds(1));

        var deleted = RetainedStates.in(dir).prune(2);

        assertThat(deleted).extracting(p -> dir.relativize(p).toString())
                .containsExactlyInAnyOrder("job-a", "job-b/chk-5", "job-b/chk-7", "savepoints/savepoint-c-0");
        assertThat(dir.resolve("job-b/shared/sst-1")).as("incremental files of a kept checkpoint").exists();
        assertThat(RetainedStates.in(dir).all()).extracting(s -> dir.relativize(s.dir()).toString())
                .containsExactly("savepoints/savepoint-c-1", "job-b/chk-6");
    }

    @Test
    void prune_refusesToKeepNothing() {
        assertThatThrownBy(() -> RetainedStates.in(dir).prune(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void readable_aCorruptMetadataFileIsAnErrorNamingTheDirectory() throws IOException {
        completed("job-a/chk-1", T);
        RetainedState state = RetainedStates.in(dir).latest().orElseThrow();
        assertThatThrownBy(() -> RestoreCheck.readable(state))
                .isInstanceOf(RestoreCheck.UnrestorableStateException.class)
                .hasMessageContaining(dir.resolve("job-a/chk-1").toString())
                .hasMessageContaining("--fresh");
    }

    /** A completed checkpoint's directory; its {@code _metadata} is not real Flink metadata. */
    private void completed(String path, Instant at) throws IOException {
        Path metadata = Files.createDirectories(dir.resolve(path)).resolve(RetainedStates.METADATA);
        Files.writeString(metadata, "not flink metadata");
        Files.setLastModifiedTime(metadata, FileTime.from(at));
    }
}
