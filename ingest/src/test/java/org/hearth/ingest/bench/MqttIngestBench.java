package org.hearth.ingest.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.hearth.ingest.IngestOptions;
import org.hearth.ingest.IngestPipeline;
import org.hearth.ingest.IngestStreams;
import org.hearth.ingest.broker.EmbeddedBroker;
import org.hearth.ingest.broker.MessageCallback;
import org.hearth.ingest.decode.RoutingTable;
import org.hearth.ingest.source.MqttSource;
import org.hearth.ingest.testing.Collect;
import org.hearth.ingest.testing.Mosquitto;
import org.hearth.ingest.testing.Publisher;
import org.hearth.models.event.NativeMessage;
import org.hearth.models.event.SensorEvent;
import org.hearth.models.event.SensorKind;
import org.hearth.models.json.HearthJson;
import org.hearth.models.registry.KitRegistry;
import org.hearth.models.registry.RegistryLoader;

/**
 * MQTT ingest throughput: events per second from the broker through Hearth's Flink source and the
 * whole ingest pipeline (decode, validate, watermarks, late routing, de-duplication), against a bare
 * Paho MQTT 5 subscriber (QoS 1, automatic acknowledgements) on the same broker in the same run.
 * Both receive while one Paho publisher publishes the same {@code n} native messages at QoS 1; the
 * publish rate is printed too, since a receiver can never be faster than it.
 *
 * <p>Not a test: run by {@code streaming-jobs/bench.sh}. Arguments: {@code [messages] [results.md]}.
 * Mosquitto is skipped, with a message, when {@code /usr/sbin/mosquitto} is missing.
 */
public final class MqttIngestBench {

    static final int HOMES = 100;
    /** The source acknowledges after each checkpoint; 1 s keeps the held window far below its limit. */
    static final Duration CHECKPOINT = Duration.ofSeconds(1);

    static final int BARE_RECEIVE_MAXIMUM = 10_000;
    static final long TIMEOUT_SECONDS = 90;

    private final int messages;
    private final KitRegistry registry;
    private final List<String> topics = new ArrayList<>();
    private final List<byte[]> payloads = new ArrayList<>();

    MqttIngestBench(int messages) {
        this.messages = messages;
        StringBuilder yaml = new StringBuilder("homes:\n");
        for (int h = 0; h < HOMES; h++) {
            yaml.append("  - id: m").append(h).append("\n    resident: {id: rm").append(h).append(", alias: \"M.M.\"}\n")
                    .append("    sensors:\n      - {id: pir, kind: motion, room: kitchen}\n")
                    .append("      - {id: plug, kind: power, room: kitchen, role: kettle}\n");
        }
        this.registry = new RegistryLoader().parse("homes.yaml", yaml.toString());
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 30_000;
        Path out = args.length > 1 ? Path.of(args[1]) : null;
        MqttIngestBench bench = new MqttIngestBench(n);
        List<String> rows = new ArrayList<>();
        Path work = Files.createTempDirectory("hearth-mqtt-bench");
        try (EmbeddedBroker broker = EmbeddedBroker.builder(work.resolve("hivemq")).start()) {
            rows.add(bench.measure("embedded HiveMQ CE", broker.uri(), "hive"));
        }
        if (Files.isExecutable(Mosquitto.BINARY)) {
            Path dir = Files.createDirectories(work.resolve("mosquitto"));
            try (Mosquitto mosquitto = Mosquitto.start(dir)) {
                rows.add(bench.measure("Mosquitto " + mosquittoVersion(), mosquitto.uri(), "mosq"));
            }
        } else {
            rows.add("| Mosquitto | skipped: " + Mosquitto.BINARY + " not found (apt-get install -y mosquitto) | | | | |");
        }
        report(rows, n, out);
        System.exit(0); // Flink's and HiveMQ's non-daemon threads
    }

    private static void report(List<String> rows, int n, Path out) throws IOException {
        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "### MQTT ingest (%d native messages, QoS 1, %d homes, checkpoint every %d s)%n%n",
                n, HOMES, CHECKPOINT.toSeconds()));
        md.append("| broker | publish rate (msg/s) | bare Paho subscriber (events/s) | Flink source + ingest, p=1 (events/s) | ratio Flink / Paho |\n");
        md.append("|---|---:|---:|---:|---:|\n");
        rows.forEach(r -> md.append(r).append('\n'));
        System.out.println(md);
        if (out != null) {
            Files.writeString(out, md + "\n", java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        }
    }

    private String measure(String brokerName, String uri, String tag) throws Exception {
        warmUp(uri, tag);
        Rates paho = bare(uri, tag + "-paho", 1);
        Rates flink = flink(uri, tag + "-flink", 2);
        String row = String.format(Locale.ROOT, "| %s | %.0f / %.0f | %.0f | %.0f | **%.2f** |", brokerName,
                paho.published, flink.published, paho.received, flink.received, flink.received / paho.received);
        System.out.println(row);
        return row;
    }

    /**
     * Fresh timestamps for each round, a millisecond apart from just before now: the live watermark
     * follows the wall clock while idle, so older events would be late (and each job de-duplicates
     * on its own).
     */
    private void prepare(int round) throws Exception {
        topics.clear();
        payloads.clear();
        Instant start = Instant.now().minusSeconds(20);
        for (int i = 0; i < messages; i++) {
            String home = "m" + (i % HOMES);
            SensorEvent e = i % 2 == 0
                    ? new SensorEvent(home, "pir", start.plusMillis(i), SensorKind.MOTION, i % 4 == 0 ? 1 : 0, 80, 120)
                    : new SensorEvent(home, "plug", start.plusMillis(i), SensorKind.POWER, i % 3000, null, 120);
            topics.add("hearth/" + home + "/" + e.sensorId());
            payloads.add(HearthJson.json().writeValueAsBytes(NativeMessage.of(e)));
        }
    }

    /** JIT-warms the publisher and a subscriber so the first measured receiver is not penalised. */
    private void warmUp(String uri, String tag) throws Exception {
        bare(uri, tag + "-warm", 0);
    }

    record Rates(double published, double received) {}

    /** A bare Paho subscriber: counts arrivals, nothing else. */
    private Rates bare(String uri, String clientId, int round) throws Exception {
        prepare(round);
        CountDownLatch all = new CountDownLatch(messages);
        MqttAsyncClient sub = new MqttAsyncClient(uri, clientId, new MemoryPersistence());
        sub.setCallback(new Counting(all));
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setCleanStart(true);
        // HiveMQ CE, with its in-flight window raised to 65535 (EmbeddedBroker), runs out of packet
        // ids for an auto-acknowledging subscriber that also allows 65535 ("No message id available").
        o.setReceiveMaximum(BARE_RECEIVE_MAXIMUM);
        sub.connect(o).waitForCompletion(10_000);
        sub.subscribe("hearth/+/+", 1).waitForCompletion(10_000);
        try (Publisher pub = new Publisher(uri, clientId + "-pub", 1_000)) {
            long t0 = System.nanoTime();
            publishAll(pub);
            double published = messages / ((System.nanoTime() - t0) / 1e9);
            if (!all.await(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                throw new IllegalStateException("bare subscriber received " + (messages - all.getCount()) + " of " + messages);
            }
            double received = messages / ((System.nanoTime() - t0) / 1e9);
            return new Rates(published, received);
        } finally {
            sub.disconnect().waitForCompletion(5_000);
            sub.close();
        }
    }

    /** Hearth's source (one reader, acknowledgements after checkpoints) and the whole ingest pipeline. */
    private Rates flink(String uri, String name, int round) throws Exception {
        Configuration conf = new Configuration();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(1);
        env.enableCheckpointing(CHECKPOINT.toMillis());
        MqttSource source = MqttSource.builder().serverUri(uri).topicFilters(RoutingTable.of(registry).topicFilters())
                .clientIdPrefix("bench-" + name).sessionExpiry(Duration.ofMinutes(5)).build();
        IngestStreams streams = IngestPipeline.attach(env, source, registry, IngestOptions.live(Clock.systemUTC()));
        streams.events().sinkTo(Collect.into(name + "-events"));
        streams.deadLetters().sinkTo(Collect.into(name + "-dead"));
        streams.late().sinkTo(Collect.into(name + "-late"));
        JobClient job = env.executeAsync(name);
        try (Publisher pub = new Publisher(uri, name + "-pub", 1_000)) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (Collect.size(name + "-dead") == 0) { // subscribed once a probe comes back as a dead letter
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Flink source never subscribed");
                }
                pub.publish("hearth/m0/probe", "{}");
                Thread.sleep(200);
            }
            pub.drain();
            prepare(round); // after start-up, which may take a while on a loaded machine
            long t0 = System.nanoTime();
            publishAll(pub);
            double published = messages / ((System.nanoTime() - t0) / 1e9);
            deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
            while (Collect.size(name + "-events") < messages) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Flink received " + Collect.size(name + "-events") + " of " + messages
                            + " (late " + Collect.size(name + "-late") + ")");
                }
                Thread.sleep(2);
            }
            double received = messages / ((System.nanoTime() - t0) / 1e9);
            return new Rates(published, received);
        } finally {
            job.cancel().get(30, TimeUnit.SECONDS);
        }
    }

    private void publishAll(Publisher pub) throws Exception {
        for (int i = 0; i < messages; i++) {
            pub.publish(topics.get(i), payloads.get(i));
        }
    }

    private static String mosquittoVersion() {
        try {
            Process p = new ProcessBuilder(Mosquitto.BINARY.toString(), "-h").redirectErrorStream(true).start();
            String first = new String(p.getInputStream().readAllBytes()).lines().findFirst().orElse("");
            p.waitFor();
            return first.replaceAll(".*version ([0-9.]+).*", "$1");
        } catch (IOException | InterruptedException e) {
            return "";
        }
    }

    private record Counting(CountDownLatch all) implements MessageCallback {
        @Override
        public void messageArrived(String topic, MqttMessage message) {
            all.countDown();
        }
    }
}
