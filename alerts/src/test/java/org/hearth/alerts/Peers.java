package org.hearth.alerts;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/** Helpers for tests that run real protocol peers as processes (Kannel, Mosquitto). */
public final class Peers {

    private Peers() {}

    public static boolean executable(String path) {
        return Files.isExecutable(Path.of(path));
    }

    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Waits until something listens on the loopback port, or fails with the process's log. */
    public static void awaitListening(int port, Duration timeout, Process process, Path log) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                if (!process.isAlive()) {
                    break;
                }
                Thread.sleep(50);
            }
        }
        throw new IllegalStateException("port " + port + " did not open; log:\n"
                + (Files.exists(log) ? Files.readString(log) : "(none)"));
    }

    /** Stops a process we started: TERM, then KILL after two seconds. */
    public static void stop(Process process) throws InterruptedException {
        if (process == null) {
            return;
        }
        process.destroy();
        if (!process.waitFor(2, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(2, java.util.concurrent.TimeUnit.SECONDS);
        }
    }
}
