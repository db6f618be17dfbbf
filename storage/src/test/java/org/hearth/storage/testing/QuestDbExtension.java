package org.hearth.storage.testing;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import org.hearth.storage.embedded.EmbeddedQuestDb;
import org.hearth.storage.embedded.QuestDbSql;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real QuestDB for a test class: in-process, on a free loopback port, with its own temporary
 * data folder and telemetry off. Register it as a static field with {@code @RegisterExtension}.
 * {@link #stop()} and {@link #restart()} simulate an outage: the server comes back on the same
 * port with the same data.
 */
public final class QuestDbExtension implements BeforeAllCallback, AfterAllCallback {

    private Path root;
    private EmbeddedQuestDb db;
    private int port;

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        root = Files.createTempDirectory("hearth-questdb-");
        db = EmbeddedQuestDb.start(root, 0);
        port = db.httpPort();
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        stop();
        deleteTree(root);
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public QuestDbSql sql() {
        return new QuestDbSql(url());
    }

    /** Creates the measurements' tables with InfluxDB's identity of a point (see EmbeddedQuestDb). */
    public void createTables(java.util.List<org.hearth.storage.point.PointSchema> schemas) throws Exception {
        db.createTables(schemas);
    }

    /** Stops the server: writes fail with "connection refused" until {@link #restart()}. */
    public void stop() {
        if (db != null) {
            db.close();
            db = null;
        }
    }

    /** Starts it again on the same port and data folder. */
    public void restart() {
        stop();
        db = EmbeddedQuestDb.start(root, port);
    }

    private static void deleteTree(Path dir) throws IOException {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
