package org.hearth.storage.embedded;

import io.questdb.ServerMain;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hearth.storage.point.PointSchema;

/**
 * QuestDB running inside this process: the store of {@code hearth demo} and the real server the
 * storage tests write to. It accepts influxdb-client-java's writes on {@code /api/v2/write}, keeps
 * field types, rejects malformed lines with HTTP 400, and answers SQL on {@code /exec}
 * ({@code ../shared/PLATFORM.md}). It does not answer Flux: only a real InfluxDB 2.x does.
 *
 * <p>Only the HTTP server runs, on loopback; PostgreSQL wire, line-protocol TCP/UDP and the
 * health port are off, and telemetry is disabled so nothing leaves the machine.
 *
 * <pre>{@code
 * try (EmbeddedQuestDb db = EmbeddedQuestDb.start(dataDir, 0)) {
 *     StorageConfig storage = StorageConfig.of(db.url(), "hearth", "hearth");
 *     ...
 * }
 * }</pre>
 */
public final class EmbeddedQuestDb implements AutoCloseable {

    private final ServerMain server;
    private final Path root;
    private final int port;

    private EmbeddedQuestDb(ServerMain server, Path root, int port) {
        this.server = server;
        this.root = root;
        this.port = port;
    }

    /**
     * Starts QuestDB with its data under {@code root} (created if missing; data written by an
     * earlier start is kept).
     *
     * @param port the HTTP port on 127.0.0.1, or 0 for a free one
     */
    public static EmbeddedQuestDb start(Path root, int port) {
        try {
            Files.createDirectories(root.resolve("conf"));
            Path logConf = root.resolve("conf").resolve("log.conf");
            if (!Files.exists(logConf)) {
                // QuestDB logs every request at INFO to stdout; keep only errors and the critical.
                Files.writeString(logConf, "writers=stdout\nw.stdout.class=io.questdb.log.LogConsoleWriter\n"
                        + "w.stdout.level=ERROR,CRITICAL\n");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the QuestDB folder " + root, e);
        }
        Map<String, String> env = new HashMap<>();
        env.put("QDB_HTTP_BIND_TO", "127.0.0.1:" + port);
        env.put("QDB_HTTP_MIN_ENABLED", "false");
        env.put("QDB_PG_ENABLED", "false");
        env.put("QDB_LINE_TCP_ENABLED", "false");
        env.put("QDB_LINE_UDP_ENABLED", "false");
        env.put("QDB_TELEMETRY_ENABLED", "false");
        env.put("QDB_SHARED_WORKER_COUNT", "2");
        env.put("QDB_HTTP_WORKER_COUNT", "1");
        ServerMain server = ServerMain.create(root.toString(), env);
        server.start();
        return new EmbeddedQuestDb(server, root, server.getHttpServerPort());
    }

    /** The HTTP port, resolved when started on port 0. */
    public int httpPort() {
        return port;
    }

    /** The base URL for the InfluxDB client and for SQL, e.g. {@code http://127.0.0.1:40123}. */
    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public Path root() {
        return root;
    }

    /** A SQL client for this server. */
    public QuestDbSql sql() {
        return new QuestDbSql(url());
    }

    /**
     * Creates a table per measurement before anything is written, with InfluxDB's identity of a
     * point: the same measurement, tag set and time is one point, and writing it again replaces it
     * (QuestDB {@code DEDUP UPSERT KEYS}). Without this, a batch retried after a lost response would
     * be stored twice, which InfluxDB itself never does.
     */
    public void createTables(List<PointSchema> schemas) throws IOException, InterruptedException {
        QuestDbSql sql = sql();
        for (PointSchema schema : schemas) {
            sql.query(QuestDbTables.createTable(schema));
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
