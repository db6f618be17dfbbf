package org.hearth.ingest.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

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

/**
 * A Mosquitto broker process on a free loopback port, configured with the file Hearth ships
 * ({@code mosquitto/hearth-mosquitto.conf}: no in-flight cap, 1,000,000 queued, 1 MiB messages, as
 * {@code hearth run} is deployed) plus a listener. Tests that need it are skipped, with a message
 * saying how to install it, when the binary is missing, and fail instead under
 * {@code HEARTH_REQUIRE_PEERS=1} (CI). Shared by the live tests of every module (ingest's test-jar);
 * as a per-test JUnit fixture, {@link TestBroker#mosquitto()}.
 */
public final class Mosquitto implements AutoCloseable {

    public static final Path BINARY = Path.of(System.getProperty("hearth.mosquitto", "/usr/sbin/mosquitto"));

    private final Process process;
    private final int port;

    private Mosquitto(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Skips the calling test unless the mosquitto binary exists. */
    public static void assumeInstalled() {
        String missing = "mosquitto not found at " + BINARY
                + ": install it (apt-get install -y mosquitto) to run the Mosquitto interoperability tests";
        if (!Files.isExecutable(BINARY) && "1".equals(System.getenv("HEARTH_REQUIRE_PEERS"))) {
            throw new IllegalStateException(missing + " (HEARTH_REQUIRE_PEERS=1: a missing peer fails)");
        }
        assumeTrue(Files.isExecutable(BINARY), missing);
    }

    public static Mosquitto start(Path dir) throws IOException, InterruptedException {
        assumeInstalled();
        Files.createDirectories(dir);
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        String shipped;
        try (InputStream in = Mosquitto.class.getResourceAsStream("/mosquitto/hearth-mosquitto.conf")) {
            shipped = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        // The shipped file persists sessions to disk; in tests keep them in memory and publish $SYS every second.
        String conf = shipped
                .replace("persistence true", "persistence false")
                .replace("sys_interval 10", "sys_interval 1")
                + "\nlistener " + port + " 127.0.0.1\nallow_anonymous true\nlog_dest stderr\nlog_type error\nlog_type warning\n";
        Path file = dir.resolve("mosquitto.conf");
        Files.writeString(file, conf);
        Process p = new ProcessBuilder(BINARY.toString(), "-c", file.toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("mosquitto.log").toFile())
                .start();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (Instant.now().isBefore(deadline)) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return new Mosquitto(p, port);
            } catch (IOException notYet) {
                if (!p.isAlive()) {
                    throw new IllegalStateException("mosquitto exited: " + Files.readString(dir.resolve("mosquitto.log")));
                }
                Thread.sleep(50);
            }
        }
        p.destroyForcibly();
        throw new IllegalStateException("mosquitto did not listen on " + port);
    }

    public String uri() {
        return "tcp://127.0.0.1:" + port;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
