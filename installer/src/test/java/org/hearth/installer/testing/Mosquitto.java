package org.hearth.installer.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real MQTT 5 broker for tests: Debian's {@code mosquitto} started on a free loopback port with
 * a temporary configuration (starts in well under a second). Tests are skipped, saying why, when
 * the binary is missing ({@code apt-get install -y mosquitto}). Register it with
 * {@code @RegisterExtension}: as a static field one broker serves the class; as an instance field
 * each test gets a fresh broker (no retained messages left by another test).
 */
public final class Mosquitto implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {

    public static final Path BINARY = Path.of("/usr/sbin/mosquitto");

    private Process process;
    private Path dir;
    private int port;

    private boolean perTest;
    private String user;
    private String password;

    /** Refuses anonymous clients: only this user, with this password, may connect. */
    public Mosquitto withUser(String user, String password) {
        this.user = user;
        this.password = password;
        return this;
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        if (process == null) {
            perTest = true;
            beforeAll(context);
        }
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        if (perTest) {
            afterAll(context);
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(BINARY),
                "skipped: no MQTT broker binary at " + BINARY + " (apt-get install -y mosquitto)");
        dir = Files.createTempDirectory("hearth-mosquitto");
        for (int attempt = 0; attempt < 5 && process == null; attempt++) {
            port = freePort();
            Path conf = Files.writeString(dir.resolve("mosquitto.conf"), String.join("\n",
                    "listener " + port + " 127.0.0.1",
                    user == null ? "allow_anonymous true" : "allow_anonymous false",
                    user == null ? "" : "password_file " + passwordFile(),
                    "persistence false",
                    "max_queued_messages 10000",
                    "log_dest stderr",
                    ""));
            Process p = new ProcessBuilder(BINARY.toString(), "-c", conf.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("mosquitto.log").toFile())
                    .start();
            if (awaitListening(p, Duration.ofSeconds(5))) {
                process = p;
            } else {
                p.destroy();
                p.waitFor(2, TimeUnit.SECONDS);
            }
        }
        if (process == null) {
            throw new IllegalStateException("mosquitto did not start; see " + dir.resolve("mosquitto.log"));
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (process != null) {
            process.destroy();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            process = null;
        }
    }

    /** The broker's URL, e.g. {@code tcp://127.0.0.1:41234}. */
    public String url() {
        return "tcp://127.0.0.1:" + port;
    }

    private boolean awaitListening(Process p, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                return false;
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return true;
            } catch (IOException notYet) {
                Thread.sleep(20);
            }
        }
        return false;
    }

    private Path passwordFile() throws IOException, InterruptedException {
        Path file = dir.resolve("passwd");
        if (!Files.exists(file)) {
            // Started as root, mosquitto reads the password file after dropping to its own user.
            Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
            Path tool = Path.of("/usr/bin/mosquitto_passwd");
            Assumptions.assumeTrue(Files.isExecutable(tool), "skipped: no " + tool + " (apt-get install -y mosquitto)");
            Process p = new ProcessBuilder(tool.toString(), "-c", "-b", file.toString(), user, password)
                    .redirectErrorStream(true).redirectOutput(dir.resolve("passwd.log").toFile()).start();
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("mosquitto_passwd failed; see " + dir.resolve("passwd.log"));
            }
        }
        return file;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
