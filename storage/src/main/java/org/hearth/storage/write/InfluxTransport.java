package org.hearth.storage.write;

import com.influxdb.client.InfluxDBClient;
import com.influxdb.client.InfluxDBClientFactory;
import com.influxdb.client.InfluxDBClientOptions;
import com.influxdb.client.WriteApiBlocking;
import com.influxdb.client.domain.WritePrecision;
import com.influxdb.exceptions.InfluxException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import okhttp3.OkHttpClient;
import org.hearth.storage.StorageConfig;

/**
 * Writes through influxdb-client-java's blocking API to {@code /api/v2/write}. The blocking API
 * is used on purpose: the client's asynchronous {@code WriteApi} buffers, retries and finally
 * drops on its own, out of sight; Hearth must count every point, so {@link StorageWriter} does that.
 */
public final class InfluxTransport implements PointTransport {

    private final InfluxDBClient client;
    private final WriteApiBlocking writes;
    private final String org;
    private final String bucket;

    public InfluxTransport(StorageConfig config, Map<String, String> env) {
        InfluxDBClientOptions.Builder options = InfluxDBClientOptions.builder()
                .url(config.url())
                .org(config.org())
                .bucket(config.bucket())
                .okHttpClient(new OkHttpClient.Builder()
                        .connectTimeout(Duration.ofSeconds(5))
                        .readTimeout(Duration.ofSeconds(30))
                        .writeTimeout(Duration.ofSeconds(30)));
        char[] token = config.resolveToken(env);
        if (token != null) {
            options.authenticateToken(token);
        }
        this.client = InfluxDBClientFactory.create(options.build());
        this.writes = client.getWriteApiBlocking();
        this.org = config.org();
        this.bucket = config.bucket();
    }

    @Override
    public void write(List<String> lines) throws WriteFailure {
        try {
            writes.writeRecords(bucket, org, WritePrecision.MS, lines);
        } catch (InfluxException e) {
            throw new WriteFailure(WriteFailure.classify(e.status()), e.status(), e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new WriteFailure(WriteFailure.Kind.RETRYABLE, 0, String.valueOf(e.getMessage()), e);
        }
    }

    @Override
    public void close() {
        client.close();
    }
}
