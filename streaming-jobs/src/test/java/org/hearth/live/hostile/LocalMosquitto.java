package org.hearth.live.hostile;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Debian's Mosquitto on a free loopback port with the configuration Hearth ships
 * ({@code mosquitto/hearth-mosquitto.conf}: no in-flight cap, 1,000,000 queued, 1 MiB messages),
 * as {@code hearth run} is deployed. Skipped, saying so, without the binary (CI requires it).
 */
final class LocalMosquitto implements AutoCloseable {

    static final Path BINARY = Path.of("/usr/sbin/mosquitto");

    private final Process process;
    private final int port;

    private LocalMosquitto(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static LocalMosquitto start(Path dir) throws IOException, InterruptedException {
        assumeTrue(Files.isExecutable(BINARY), "skipped: no mosquitto at " + BINARY + " (apt-get install -y mosquitto)");
        Files.createDirectories(dir);
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        String shipped;
        try (InputStream in = LocalMosquitto.class.getResourceAsStream("/mosquitto/hearth-mosquitto.conf")) {
            shipped = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String conf = shipped.replace("persistence true", "persistence false")
                + "\nlistener " + port + " 127.0.0.1\nallow_anonymous true\nlog_dest stderr\nlog_type error\nlog_type warning\n";
        Path file = Files.writeString(dir.resolve("mosquitto.conf"), conf);
        Process p = new ProcessBuilder(BINARY.toString(), "-c", file.toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("mosquitto.log").toFile()).start();
        for (int i = 0; i < 200; i++) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return new LocalMosquitto(p, port);
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

    String uri() {
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
