package org.hearth.cli.fault;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Assumptions;

/**
 * Debian's Mosquitto as a process, configured with the file Hearth ships (persistence on, so a
 * restart keeps Hearth's sessions and queues), on a free loopback port that survives a restart.
 * Missing binary: the test is skipped with a message, or fails when {@code HEARTH_REQUIRE_PEERS=1} (CI).
 */
final class MosquittoProcess implements AutoCloseable {

    static final Path BINARY = Path.of(System.getProperty("hearth.mosquitto", "/usr/sbin/mosquitto"));

    private final Path dir;
    private final int port;
    private Process process;
    private int restarts;

    private MosquittoProcess(Path dir, int port) {
        this.dir = dir;
        this.port = port;
    }

    static void requireInstalled() {
        if (Files.isExecutable(BINARY)) {
            return;
        }
        String message = "mosquitto not found at " + BINARY + ": install it (apt-get install -y mosquitto) to run the fault test";
        if ("1".equals(System.getenv("HEARTH_REQUIRE_PEERS"))) {
            throw new IllegalStateException(message + " (HEARTH_REQUIRE_PEERS=1: a missing peer fails)");
        }
        Assumptions.abort(message);
    }

    static MosquittoProcess start(Path dir) throws IOException, InterruptedException {
        requireInstalled();
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        String shipped;
        try (InputStream in = MosquittoProcess.class.getResourceAsStream("/mosquitto/hearth-mosquitto.conf")) {
            shipped = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Files.createDirectories(dir);
        // Started as root, Mosquitto drops to the "mosquitto" user, which cannot write into this test's
        // folder: its persistence then fails ("Error: Permission denied" in its log) and a restart
        // forgets every session and queued message. Stay the user the test runs as (ignored unless root).
        Files.writeString(dir.resolve("mosquitto.conf"), shipped + "\nuser " + System.getProperty("user.name")
                + "\npersistence_location " + dir + "/\nlistener " + port
                + " 127.0.0.1\nallow_anonymous true\nlog_dest stderr\nlog_type error\nlog_type warning\n");
        MosquittoProcess m = new MosquittoProcess(dir, port);
        m.launch();
        return m;
    }

    private void launch() throws IOException, InterruptedException {
        process = new ProcessBuilder(BINARY.toString(), "-c", dir.resolve("mosquitto.conf").toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("mosquitto.log").toFile()))
                .start();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (Instant.now().isBefore(deadline)) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("mosquitto exited: " + Files.readString(dir.resolve("mosquitto.log")));
                }
                Thread.sleep(50);
            }
        }
        throw new IllegalStateException("mosquitto did not listen on " + port);
    }

    /** Stops (SIGTERM: Mosquitto saves its sessions and queues) and starts again on the same port. */
    void restart() throws IOException, InterruptedException {
        process.destroy();
        process.waitFor();
        if (!Files.exists(dir.resolve("mosquitto.db"))) {
            throw new IllegalStateException("mosquitto saved no persistence file in " + dir + " (a restart would forget "
                    + "every session): " + Files.readString(dir.resolve("mosquitto.log")));
        }
        restarts++;
        launch();
    }

    int restarts() {
        return restarts;
    }

    String uri() {
        return "tcp://127.0.0.1:" + port;
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null) {
            process.destroy();
            process.waitFor();
        }
    }
}
