package org.hearth.storage;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The {@code storage:} section of {@code hearth.yaml}: where points go and how much may wait when
 * the server is away. The token is never written here: it is named by an environment variable
 * ({@code tokenEnv}) or a file ({@code tokenFile}) so that no secret ever lands in the repository.
 *
 * @param url the InfluxDB v2 API base, e.g. {@code http://localhost:8086}
 * @param org the InfluxDB organisation
 * @param bucket the InfluxDB bucket
 * @param tokenEnv environment variable holding the API token, or null
 * @param tokenFile file holding the API token (trailing whitespace ignored), or null
 * @param batchSize points per HTTP write (default 1000)
 * @param flushInterval longest a point waits before it is sent (default 1s)
 * @param rawBufferLimit raw sensor events held while the server is away; beyond it new ones are
 *     dropped and counted (default 100000)
 * @param keptMemoryLimit alerts and other kept points held in memory; beyond it they spill to the
 *     local file (default 10000)
 * @param spillDir folder of the spill and rejected files (default {@code hearth-data/storage})
 * @param retryBackoff first pause after a failed write; doubles up to {@code maxRetryBackoff}
 *     (default 500ms)
 * @param maxRetryBackoff longest pause between attempts while the server is away (default 30s)
 * @param flushTimeout how long a checkpoint or shutdown waits for the server before kept points
 *     are spilled to disk instead (default 5s)
 */
public record StorageConfig(
        String url,
        String org,
        String bucket,
        String tokenEnv,
        String tokenFile,
        Integer batchSize,
        Duration flushInterval,
        Integer rawBufferLimit,
        Integer keptMemoryLimit,
        String spillDir,
        Duration retryBackoff,
        Duration maxRetryBackoff,
        Duration flushTimeout) implements Serializable {
    // Paths are kept as strings: the record travels inside Flink's serialized sink, and Path is not Serializable.

    public StorageConfig {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("storage.url is required, e.g. http://localhost:8086");
        }
        if (bucket == null || bucket.isBlank()) {
            throw new IllegalArgumentException("storage.bucket is required");
        }
        org = org == null ? "hearth" : org;
        batchSize = positive(batchSize, 1000, "batchSize");
        flushInterval = positive(flushInterval, Duration.ofSeconds(1), "flushInterval");
        rawBufferLimit = positive(rawBufferLimit, 100_000, "rawBufferLimit");
        keptMemoryLimit = positive(keptMemoryLimit, 10_000, "keptMemoryLimit");
        spillDir = spillDir == null || spillDir.isBlank() ? "hearth-data/storage" : spillDir;
        retryBackoff = positive(retryBackoff, Duration.ofMillis(500), "retryBackoff");
        maxRetryBackoff = positive(maxRetryBackoff, Duration.ofSeconds(30), "maxRetryBackoff");
        flushTimeout = positive(flushTimeout, Duration.ofSeconds(5), "flushTimeout");
        if (maxRetryBackoff.compareTo(retryBackoff) < 0) {
            throw new IllegalArgumentException("storage.maxRetryBackoff must not be shorter than storage.retryBackoff");
        }
    }

    /** A configuration with every default, for the given server. */
    public static StorageConfig of(String url, String org, String bucket) {
        return new StorageConfig(url, org, bucket, null, null, null, null, null, null, null, null, null, null);
    }

    public StorageConfig withToken(String tokenEnv, String tokenFile) {
        return new StorageConfig(url, org, bucket, tokenEnv, tokenFile, batchSize, flushInterval, rawBufferLimit,
                keptMemoryLimit, spillDir, retryBackoff, maxRetryBackoff, flushTimeout);
    }

    public StorageConfig withBatching(int batchSize, Duration flushInterval) {
        return new StorageConfig(url, org, bucket, tokenEnv, tokenFile, batchSize, flushInterval, rawBufferLimit,
                keptMemoryLimit, spillDir, retryBackoff, maxRetryBackoff, flushTimeout);
    }

    public StorageConfig withBuffers(int rawBufferLimit, int keptMemoryLimit, Path spillDir) {
        return withBuffers(rawBufferLimit, keptMemoryLimit, spillDir.toString());
    }

    public StorageConfig withBuffers(int rawBufferLimit, int keptMemoryLimit, String spillDir) {
        return new StorageConfig(url, org, bucket, tokenEnv, tokenFile, batchSize, flushInterval, rawBufferLimit,
                keptMemoryLimit, spillDir, retryBackoff, maxRetryBackoff, flushTimeout);
    }

    public StorageConfig withRetries(Duration retryBackoff, Duration maxRetryBackoff, Duration flushTimeout) {
        return new StorageConfig(url, org, bucket, tokenEnv, tokenFile, batchSize, flushInterval, rawBufferLimit,
                keptMemoryLimit, spillDir, retryBackoff, maxRetryBackoff, flushTimeout);
    }

    /**
     * The API token: from {@code tokenEnv} if set, else from {@code tokenFile}, else none (a server
     * without authentication, such as the embedded demo store).
     *
     * @param env the process environment ({@code System.getenv()}), passed in so tests need not set one
     * @throws IllegalArgumentException when the named variable is unset or the file cannot be read
     */
    public char[] resolveToken(Map<String, String> env) {
        if (tokenEnv != null && !tokenEnv.isBlank()) {
            String value = env.get(tokenEnv);
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException("storage.tokenEnv names " + tokenEnv + ", which is not set");
            }
            return value.strip().toCharArray();
        }
        if (tokenFile != null && !tokenFile.isBlank()) {
            try {
                String value = Files.readString(Path.of(tokenFile)).strip();
                if (value.isEmpty()) {
                    throw new IllegalArgumentException("storage.tokenFile " + tokenFile + " is empty");
                }
                return value.toCharArray();
            } catch (IOException e) {
                throw new IllegalArgumentException("storage.tokenFile " + tokenFile + " cannot be read: " + e.getMessage(), e);
            }
        }
        return null;
    }

    /** The folder of the spill and rejected files. */
    public Path spillPath() {
        return Path.of(spillDir);
    }

    private static Integer positive(Integer value, int fallback, String name) {
        if (value == null) {
            return fallback;
        }
        if (value <= 0) {
            throw new IllegalArgumentException("storage." + name + " must be positive, got " + value);
        }
        return value;
    }

    private static Duration positive(Duration value, Duration fallback, String name) {
        if (value == null) {
            return fallback;
        }
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("storage." + name + " must be positive, got " + value);
        }
        return value;
    }
}
