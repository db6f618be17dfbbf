package org.hearth.live;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.hearth.alerts.delivery.DeliveryServiceFactory;
import org.hearth.ingest.IngestOptions;
import org.hearth.ingest.broker.EmbeddedBroker;
import org.hearth.ingest.decode.RoutingTable;
import org.hearth.ingest.source.MqttSource;
import org.hearth.ingest.source.MqttSourceConfig;
import org.hearth.ingest.testing.Mosquitto;
import org.hearth.installer.control.RegistryControl;
import org.hearth.job.DetectionJobConfig;
import org.hearth.models.json.HearthJson;
import org.hearth.models.registry.RegistryLoader;

/**
 * The set-up every live test shares: a real broker, the live job on the test's MiniCluster with
 * its data in a temp folder, a hub that publishes as a home would, and the job's outputs read back
 * (outbox texts, audit). What a test varies (homes, ingest timing, escalation, extra sources)
 * it still says itself; the harness only removes the repetition around it.
 *
 * <p>Waits stay in the tests, on conditions with generous deadlines: the harness never sleeps.
 * Close it in {@code @AfterEach}: it cancels the job, waits until the job has stopped, then stops the broker.
 *
 * <p>A test's set-up reads: the harness (broker kind), then what it varies ({@link #clock(Clock)},
 * {@link #outboxAt}), the sources ({@link #sensors}, {@link #allSensors}, {@link #control},
 * {@link #carers}), the {@link LiveJob} with {@link #settings} and a delivery, {@link #start}; then
 * {@link #hub} to publish, {@link #texts}/{@link #audit} to read what was sent, {@link #stopJob} to
 * stop the job before the test looks at what it left.
 */
public final class LiveJobHarness implements AutoCloseable {

    /** One task manager, two slots: what every live test ran on before. */
    public static MiniClusterExtension miniCluster() {
        return new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
                .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());
    }

    /** Starts an embedded HiveMQ CE in {@code dir/broker}; data goes to {@code dir/data}. */
    public static LiveJobHarness withEmbeddedBroker(Path dir) {
        EmbeddedBroker broker = EmbeddedBroker.builder(dir.resolve("broker")).start();
        return new LiveJobHarness(broker.uri(), broker, dir.resolve("data"));
    }

    /**
     * Starts Debian's Mosquitto with Hearth's shipped configuration in {@code dir/broker}; data goes to
     * {@code dir/data}. Skips the test when Mosquitto is not installed, and fails it instead under
     * {@code HEARTH_REQUIRE_PEERS=1} (CI), as {@link Mosquitto#start} does.
     */
    public static LiveJobHarness withMosquitto(Path dir) throws IOException, InterruptedException {
        Mosquitto broker = Mosquitto.start(dir.resolve("broker"));
        return new LiveJobHarness(broker.uri(), broker, dir.resolve("data"));
    }

    private final String brokerUri;
    private final AutoCloseable broker;
    private final Path data;
    private Clock clock = Clock.systemUTC();
    private Path outbox;
    private JobClient job;

    private LiveJobHarness(String brokerUri, AutoCloseable broker, Path data) {
        this.brokerUri = brokerUri;
        this.broker = broker;
        this.data = data;
        this.outbox = data.resolve("outbox/sms.jsonl");
    }

    /** Where the outbox delivery writes its texts, when not {@code data/outbox/sms.jsonl}. */
    public LiveJobHarness outboxAt(Path file) {
        this.outbox = file;
        return this;
    }

    public String brokerUri() {
        return brokerUri;
    }

    public Path data() {
        return data;
    }

    public Path outbox() {
        return outbox;
    }

    /** The wall clock the job and the hub share: events are stamped when they are made. */
    public Clock clock() {
        return clock;
    }

    /**
     * The clock the sources and the outbox delivery are given instead of the wall clock (a
     * {@code TestClock} that stands before a recording, say). Set it before building them.
     */
    public LiveJobHarness clock(Clock clock) {
        this.clock = clock;
        return this;
    }

    /** Parallelism 1; HiveMQ CE and Mosquitto hand the job its next messages once a checkpoint acknowledges them. */
    public StreamExecutionEnvironment environment(long checkpointEveryMillis) {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        env.enableCheckpointing(checkpointEveryMillis);
        return env;
    }

    /** The sensors' source, subscribed to the topics the homes' registry routes. */
    public MqttSource sensors(String homesYaml, String clientIdPrefix) {
        var registry = new RegistryLoader().parse("homes.yaml", homesYaml);
        return MqttSource.builder().serverUri(brokerUri)
                .topicFilters(RoutingTable.of(registry).topicFilters()).clientIdPrefix(clientIdPrefix).clock(clock).build();
    }

    /** The sensors' source on every home's topics ({@code hearth/+/+}): homes a registry change adds are heard too. */
    public MqttSource allSensors(String clientIdPrefix) {
        return MqttSource.builder().serverUri(brokerUri)
                .topicFilters("hearth/+/+").clientIdPrefix(clientIdPrefix).clock(clock).build();
    }

    /** The control topic's source, as {@code hearth run} reads it: every subtask sees every registry change. */
    public MqttSource control(String clientIdPrefix) {
        return MqttSource.builder().serverUri(brokerUri).topicFilters(RegistryControl.TOPIC)
                .clientIdPrefix(clientIdPrefix).shareMode(MqttSourceConfig.ShareMode.NEVER).clock(clock).build();
    }

    /** The carers' commands' source ({@code hearth/ack/+}). */
    public MqttSource carers(String clientIdPrefix) {
        return MqttSource.builder().serverUri(brokerUri)
                .topicFilters(CarerCommandDecoder.TOPIC_FILTER).clientIdPrefix(clientIdPrefix).clock(clock).build();
    }

    /** Delivery to the outbox file, audited in the data folder. */
    public DeliveryServiceFactory outboxDelivery() {
        return DeliveryServiceFactory.outbox(outbox, data, clock);
    }

    /** The live job's settings with the outbox delivery and no storage. */
    public LiveJob.Settings settings(DetectionJobConfig config, IngestOptions ingest) {
        return settings(config, ingest, outboxDelivery());
    }

    public LiveJob.Settings settings(DetectionJobConfig config, IngestOptions ingest, DeliveryServiceFactory delivery) {
        return new LiveJob.Settings(config, data, ingest, delivery, false, null);
    }

    /** Runs the attached graph on the MiniCluster; cancelled by {@link #close()}. */
    public JobClient start(StreamExecutionEnvironment env, String jobName) throws Exception {
        job = env.executeAsync(jobName);
        return job;
    }

    /**
     * Cancels the job and waits (on its status, up to 60 s) until its tasks have stopped: a test that
     * then reads what the job left, or watches what its absence does, sees no task still running.
     */
    public void stopJob() throws Exception {
        if (job == null) {
            return;
        }
        JobClient stopping = job;
        job = null;
        stopping.cancel().get();
        // cancel() returns once the cluster has the request; the tasks stop later, and until they do a
        // side path's retry may create folders in the test's temp folder while JUnit deletes it.
        // Awaitility would fail this wait on any thread's uncaught exception, and a test's thread that drains
        // collectAsync() ends with one exactly now ("Job was cancelled"): that is the cancel, not a failure.
        await().dontCatchUncaughtExceptions().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> stopped(stopping));
    }

    private static boolean stopped(JobClient job) throws InterruptedException {
        try {
            return job.getJobStatus().get(10, TimeUnit.SECONDS).isTerminalState();
        } catch (TimeoutException busy) {
            return false; // a loaded cluster did not answer in time: ask again
        } catch (IllegalStateException | ExecutionException gone) {
            // A job run without the test's MiniClusterExtension has a local MiniCluster of its own, which
            // shuts down with the job: no cluster to ask means no task left running.
            return true;
        }
    }

    /** The running job ({@code null} before {@link #start} and after {@link #stopJob}). */
    public JobClient job() {
        return job;
    }

    /** A client connected to the broker that publishes at QoS 1, as a home's hub does. */
    public Hub hub(String clientId) throws MqttException {
        MqttClient client = new MqttClient(brokerUri, clientId, new MemoryPersistence());
        client.connect(new MqttConnectionOptions());
        return new Hub(client);
    }

    /** The texts in the outbox so far, oldest first. */
    public List<JsonNode> texts() throws IOException {
        return jsonLines(outbox);
    }

    /** The audit so far as one string ("" before the first entry). */
    public String auditText() throws IOException {
        Path audit = data.resolve("audit.jsonl");
        return Files.exists(audit) ? Files.readString(audit) : "";
    }

    /** The audit so far, an entry a line. */
    public List<JsonNode> audit() throws IOException {
        return jsonLines(data.resolve("audit.jsonl"));
    }

    /** Prints every file in the data folder, one line each, for a test that is about to fail. */
    public void printData(String label) throws IOException {
        if (!Files.exists(data)) {
            return;
        }
        try (var files = Files.walk(data)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                System.out.println(label + " " + f + ": " + Files.readString(f).replace('\n', '|'));
            }
        }
    }

    @Override
    public void close() throws Exception {
        try {
            stopJob();
        } finally {
            broker.close();
        }
    }

    private static List<JsonNode> jsonLines(Path file) throws IOException {
        List<JsonNode> lines = new ArrayList<>();
        if (Files.exists(file)) {
            for (String line : Files.readAllLines(file)) {
                if (!line.isBlank()) {
                    lines.add(HearthJson.json().readTree(line));
                }
            }
        }
        return lines;
    }

    /** A connected MQTT client; close it when the test is done publishing. */
    public static final class Hub implements AutoCloseable {

        private final MqttClient client;

        private Hub(MqttClient client) {
            this.client = client;
        }

        public void publish(String topic, String payload) throws MqttException {
            publish(topic, payload.getBytes(StandardCharsets.UTF_8));
        }

        public void publish(String topic, byte[] payload) throws MqttException {
            MqttMessage message = new MqttMessage(payload);
            message.setQos(1);
            client.publish(topic, message);
        }

        /** The underlying client, for a test that also subscribes. */
        public MqttClient client() {
            return client;
        }

        @Override
        public void close() throws MqttException {
            if (client.isConnected()) { // a broker already stopped has dropped the connection
                client.disconnect();
            }
            client.close();
        }
    }
}
