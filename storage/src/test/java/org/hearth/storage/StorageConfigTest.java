package org.hearth.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StorageConfigTest {

    @TempDir
    Path dir;

    @Test
    void defaults_areFilledIn() {
        StorageConfig config = StorageConfig.of("http://db:8086", null, "hearth");
        assertThat(config.org()).isEqualTo("hearth");
        assertThat(config.batchSize()).isEqualTo(1000);
        assertThat(config.flushInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(config.rawBufferLimit()).isEqualTo(100_000);
        assertThat(config.spillPath()).isEqualTo(Path.of("hearth-data/storage"));
    }

    @Test
    void resolveToken_readsTheNamedEnvironmentVariable() {
        StorageConfig config = StorageConfig.of("http://db:8086", "o", "b").withToken("HEARTH_INFLUX_TOKEN", null);
        assertThat(config.resolveToken(Map.of("HEARTH_INFLUX_TOKEN", " s3cret\n"))).containsExactly("s3cret".toCharArray());
    }

    @Test
    void resolveToken_namesTheMissingVariable() {
        StorageConfig config = StorageConfig.of("http://db:8086", "o", "b").withToken("HEARTH_INFLUX_TOKEN", null);
        assertThatThrownBy(() -> config.resolveToken(Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("HEARTH_INFLUX_TOKEN");
    }

    @Test
    void resolveToken_readsAFile() throws Exception {
        Path file = dir.resolve("token");
        Files.writeString(file, "from-file\n");
        StorageConfig config = StorageConfig.of("http://db:8086", "o", "b").withToken(null, file.toString());
        assertThat(new String(config.resolveToken(Map.of()))).isEqualTo("from-file");
    }

    @Test
    void resolveToken_isNullWithoutEither() {
        assertThat(StorageConfig.of("http://db:8086", "o", "b").resolveToken(Map.of())).isNull();
    }

    @Test
    void constructor_rejectsNonsense() {
        assertThatThrownBy(() -> StorageConfig.of(" ", "o", "b")).hasMessageContaining("storage.url");
        assertThatThrownBy(() -> StorageConfig.of("http://x", "o", "b").withBatching(0, Duration.ofSeconds(1)))
                .hasMessageContaining("batchSize");
        assertThatThrownBy(() -> StorageConfig.of("http://x", "o", "b")
                .withRetries(Duration.ofSeconds(5), Duration.ofSeconds(1), Duration.ofSeconds(1)))
                .hasMessageContaining("maxRetryBackoff");
    }
}
