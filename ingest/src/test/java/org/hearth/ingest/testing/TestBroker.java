package org.hearth.ingest.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.hearth.ingest.broker.EmbeddedBroker;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real MQTT broker for each test, as a JUnit 5 extension: embedded HiveMQ CE or Debian's
 * Mosquitto (skipped without it, failing under {@code HEARTH_REQUIRE_PEERS=1}) on a loopback port,
 * in a folder of its own that goes with it. The live tests of every module use it instead of each
 * starting and stopping its own:
 * <pre>
 *   &#64;RegisterExtension final TestBroker broker = TestBroker.embedded();
 *   ... MqttSource.builder().serverUri(broker.uri()) ...
 * </pre>
 * The broker starts before the test's {@code @BeforeEach} methods and stops after its
 * {@code @AfterEach} methods (JUnit's order for extensions), so a test cancels its job before the
 * broker goes.
 */
public final class TestBroker implements BeforeEachCallback, AfterEachCallback {

    private final boolean mosquitto;
    private final UnaryOperator<EmbeddedBroker.Builder> settings;
    private Path dir;
    private EmbeddedBroker embedded;
    private Mosquitto process;

    private TestBroker(boolean mosquitto, UnaryOperator<EmbeddedBroker.Builder> settings) {
        this.mosquitto = mosquitto;
        this.settings = settings;
    }

    /** Embedded HiveMQ CE with Hearth's settings ({@link EmbeddedBroker}). */
    public static TestBroker embedded() {
        return embedded(UnaryOperator.identity());
    }

    /** Embedded HiveMQ CE with some settings changed (e.g. {@code b -> b.serverReceiveMaximum(10)}). */
    public static TestBroker embedded(UnaryOperator<EmbeddedBroker.Builder> settings) {
        return new TestBroker(false, settings);
    }

    /** Debian's Mosquitto with the configuration Hearth ships ({@link Mosquitto}). */
    public static TestBroker mosquitto() {
        return new TestBroker(true, null);
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        dir = Files.createTempDirectory("hearth-test-broker");
        if (mosquitto) {
            process = Mosquitto.start(dir);
        } else {
            embedded = settings.apply(EmbeddedBroker.builder(dir)).start();
        }
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        try {
            if (embedded != null) {
                embedded.close();
            }
            if (process != null) {
                process.close();
            }
        } finally {
            embedded = null;
            process = null;
            delete(dir);
        }
    }

    /** {@code tcp://127.0.0.1:<port>}. */
    public String uri() {
        return mosquitto ? process.uri() : embedded.uri();
    }

    /** The embedded broker itself (its counters), for a test that asks. */
    public EmbeddedBroker embeddedBroker() {
        if (embedded == null) {
            throw new IllegalStateException("not an embedded broker, or not started");
        }
        return embedded;
    }

    private static void delete(Path root) throws IOException {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
