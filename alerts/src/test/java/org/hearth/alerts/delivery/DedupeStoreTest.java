package org.hearth.alerts.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DedupeStoreTest {

    @TempDir
    Path dir;

    @Test
    void open_reloadsSentAndInDoubtKeys() throws Exception {
        Path file = dir.resolve("state/sent.jsonl");
        try (DedupeStore store = DedupeStore.open(file)) {
            store.markSending("a/carer-0/step-0");
            store.markSent("a/carer-0/step-0");
            store.markSending("a/carer-1/step-1"); // the process "dies" during this gateway call
        }
        try (DedupeStore again = DedupeStore.open(file)) {
            assertThat(again.isSent("a/carer-0/step-0")).isTrue();
            assertThat(again.isSent("a/carer-1/step-1")).isFalse();
            assertThat(again.isInDoubt("a/carer-1/step-1")).isTrue();
            assertThat(again.inDoubt()).containsExactly("a/carer-1/step-1");
            again.markSending("a/carer-1/step-1");
            again.markSent("a/carer-1/step-1");
            assertThat(again.isInDoubt("a/carer-1/step-1")).isFalse();
        }
        try (DedupeStore third = DedupeStore.open(file)) {
            assertThat(third.sentCount()).isEqualTo(2);
            assertThat(third.inDoubt()).isEmpty();
        }
    }

    @Test
    void open_skipsATornLastLineAndCountsIt() throws Exception {
        Path file = dir.resolve("sent.jsonl");
        try (DedupeStore store = DedupeStore.open(file)) {
            store.markSending("k1");
            store.markSent("k1");
        }
        Files.writeString(file, "{\"key\":\"k2\",\"sta", StandardOpenOption.APPEND);
        try (DedupeStore store = DedupeStore.open(file)) {
            assertThat(store.skippedLines()).isEqualTo(1);
            assertThat(store.isSent("k1")).isTrue();
            assertThat(store.isSent("k2")).isFalse();
        }
    }
}
