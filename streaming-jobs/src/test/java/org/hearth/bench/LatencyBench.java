package org.hearth.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.hearth.alerts.delivery.DeliveryServiceFactory;
import org.hearth.alerts.gateway.SendReceipt;
import org.hearth.alerts.gateway.SmsGateway;
import org.hearth.alerts.gateway.SmsMessage;
import org.hearth.alerts.lifecycle.AlertIds;
import org.hearth.alerts.route.EscalationPolicy;
import org.hearth.ingest.IngestOptions;
import org.hearth.ingest.broker.EmbeddedBroker;
import org.hearth.ingest.broker.MessageCallback;
import org.hearth.ingest.decode.RoutingTable;
import org.hearth.ingest.source.MqttSource;
import org.hearth.job.Counters;
import org.hearth.job.DetectionJobConfig;
import org.hearth.job.DetectionStreams;
import org.hearth.live.FlinkEnvironments;
import org.hearth.live.LiveJob;
import org.hearth.models.alert.Alert;
import org.hearth.models.alert.Rule;
import org.hearth.models.event.SensorEvent;
import org.hearth.models.event.SensorKind;
import org.hearth.models.registry.KitRegistry;
import org.hearth.models.registry.RegistryLoader;
import org.hearth.models.registry.Sensor;
import org.hearth.models.registry.SensorRole;
import org.hearth.simulator.SimulationConfig;
import org.hearth.simulator.Simulator;
import org.hearth.simulator.anomaly.AnomalyRates;
import org.hearth.simulator.home.SimHome;
import org.hearth.simulator.output.AsyncPahoPublisher;
import org.hearth.simulator.output.EventSink;
import org.hearth.simulator.output.MqttMessages;
import org.hearth.simulator.output.PahoPublisher;

/**
 * Help-button latency: from the press's MQTT publish to the SMS handed to the gateway, while
 * simulated homes keep the broker and the job busy. Each job runs as {@code hearth run} does
 * ({@link LiveJob} on a local MiniCluster, RocksDB state, the live ingest defaults) except the
 * gateway, which records the instant {@code send} is called, and the settings a variant changes:
 * the broker (the demo's embedded HiveMQ CE, or Mosquitto with the configuration Hearth ships), the
 * watermark's out-of-orderness, the checkpoint interval, and whether the help press is raised on
 * arrival (the urgent path, live's default) or in event-time order only (as before it, and replay).
 *
 * <p>The reference, measured on the same presses in the same run: a bare Paho MQTT 5 subscriber on
 * the same broker (subscribed to every home's topics, like the job's source), i.e. the broker's own
 * publish-to-delivery time. Besides the total, a probe on the job's alert stream times the alert
 * leaving the detection job, which splits the path into ingest + detection (watermark wait
 * included) and lifecycle + delivery.
 *
 * <p>Each press is a fresh episode: a different home each time (a home's help-button alert is
 * raised once and re-arms only {@code helpButtonClear}, 30 min, after the last press). The
 * background homes' own presses are left out, so every help-button alert is one of ours. Background
 * readings are the simulator's (a day of {@code homes} homes from 07:00, no anomalies), re-stamped
 * with the wall clock as they are published at {@code rate} messages/s per broker in their delivery
 * order. All variants' jobs run side by side, each press published to every broker at once: the
 * waits measured are seconds long, and the jobs take a few milliseconds from each other.
 *
 * <p>Not a test: run by {@code streaming-jobs/bench.sh}. Arguments: {@code [homes] [rate msg/s]
 * [presses] [spacing ms] [results.md] [variants, e.g. hivemq:30s:2s,mosquitto:30s:30s:event-time] [backend]}.
 */
public final class LatencyBench {

    /** Per job: gateway hand-over instants (System.nanoTime) by idempotency key (the jobs run in this JVM). */
    static final Map<String, Map<String, Long>> SENT = new ConcurrentHashMap<>();
    /** Per job: help-button alerts leaving the detection job (System.nanoTime) by alert id. */
    static final Map<String, Map<String, Long>> RAISED = new ConcurrentHashMap<>();

    static final Duration WARM_UP = Duration.ofSeconds(10);

    private final int homes;
    private final double rate;
    private final int presses;
    private final long spacingMs;
    private final String backend;
    private final List<SimHome> simHomes;
    private final String homesYaml;
    private final KitRegistry registry;
    private final List<SensorEvent> background = new ArrayList<>();
    private final List<SimHome> backgroundHomes = new ArrayList<>();
    private final Path work;

    LatencyBench(int homes, double rate, int presses, long spacingMs, String backend, Path work) throws IOException {
        this.homes = homes;
        this.rate = rate;
        this.presses = presses;
        this.spacingMs = spacingMs;
        this.backend = backend;
        this.work = work;
        SimulationConfig sim = SimulationConfig.of(homes, 1, 42).withAnomalies(AnomalyRates.NONE);
        Simulator simulator = new Simulator(Clock.systemUTC());
        simHomes = simulator.homes(sim);
        Path homesFile = work.resolve("homes.yaml");
        Simulator.writeHomes(simHomes, homesFile);
        homesYaml = Files.readString(homesFile);
        registry = new RegistryLoader().parse("homes.yaml", homesYaml);
        long from = sim.start().atTime(LocalTime.of(7, 0)).atZone(simHomes.get(0).registry().zone()).toInstant().toEpochMilli();
        simulator.run(sim, new EventSink() {
            @Override
            public void accept(SimHome home, SensorEvent event, long arrivalMs) {
                boolean press = event.kind() == SensorKind.BUTTON && event.isOn();
                if (arrivalMs >= from && !press) {
                    background.add(event);
                    backgroundHomes.add(home);
                }
            }

            @Override
            public void close() {}
        }, null, (f, n) -> { });
        if (presses > homes) {
            throw new IllegalArgumentException("each press needs its own home: presses " + presses + " > homes " + homes);
        }
    }

    public static void main(String[] args) throws Exception {
        int homes = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        double rate = args.length > 1 ? Double.parseDouble(args[1]) : 100;
        int presses = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        long spacing = args.length > 3 ? Long.parseLong(args[3]) : 1_500;
        Path out = args.length > 4 ? Path.of(args[4]) : null;
        List<Variant> variants = Arrays.stream((args.length > 5 ? args[5] : DEFAULT_VARIANTS).split(",")).map(Variant::parse).toList();
        String backend = args.length > 6 ? args[6] : "rocksdb";

        Path work = Files.createTempDirectory("hearth-latency-bench");
        long t0 = System.nanoTime();
        LatencyBench bench = new LatencyBench(homes, rate, presses, spacing, backend, work);
        System.out.printf(Locale.ROOT, "simulated %,d background readings of %,d homes in %.1f s%n", bench.background.size(), homes,
                (System.nanoTime() - t0) / 1e9);
        Map<String, Broker> brokers = new java.util.LinkedHashMap<>();
        try {
            for (Variant v : variants) {
                if (!brokers.containsKey(v.broker())) {
                    Broker b = Broker.start(v.broker(), work.resolve(v.broker()));
                    if (b != null) {
                        brokers.put(v.broker(), b);
                    }
                }
            }
            List<Variant> runnable = variants.stream().filter(v -> brokers.containsKey(v.broker())).toList();
            List<String> rows = bench.measure(brokers, runnable);
            report(bench, rows, variants.size() - runnable.size(), out);
        } finally {
            for (Broker b : brokers.values()) {
                b.close();
            }
        }
        System.exit(0); // Flink's and HiveMQ's non-daemon threads
    }

    /**
     * The live defaults on the demo's embedded broker and on Mosquitto, each with the help press in
     * event-time order only (as before the urgent path) and on arrival, and HiveMQ CE with the demo's
     * 2 s checkpoints.
     */
    static final String DEFAULT_VARIANTS =
            "hivemq:30s:30s:event-time,hivemq:30s:30s,hivemq:30s:2s,mosquitto:30s:30s:event-time,mosquitto:30s:30s";

    /**
     * One job to measure: {@code broker:outOfOrderness:checkpointInterval[:event-time]}, e.g.
     * {@code mosquitto:30s:30s}; {@code event-time} turns the help button's urgent path off
     * ({@link DetectionJobConfig#urgentOnArrival()}), as replay runs.
     */
    record Variant(String broker, Duration outOfOrderness, Duration checkpoint, boolean urgent) {
        static Variant parse(String text) {
            String[] p = text.trim().split(":");
            boolean valid = (p.length == 3 || (p.length == 4 && p[3].equals("event-time")))
                    && (p[0].equals("hivemq") || p[0].equals("mosquitto"));
            if (!valid) {
                throw new IllegalArgumentException("a variant is hivemq|mosquitto:OUT_OF_ORDERNESS:CHECKPOINT[:event-time], "
                        + "e.g. mosquitto:30s:30s; got " + text);
            }
            return new Variant(p[0], seconds(p[1]), seconds(p[2]), p.length == 3);
        }

        private static Duration seconds(String s) {
            return Duration.parse("PT" + s.toUpperCase(Locale.ROOT));
        }

        String label() {
            return (broker.equals("hivemq") ? "embedded HiveMQ CE" : "Mosquitto") + " | " + outOfOrderness.toSeconds() + " s | "
                    + checkpoint.toSeconds() + " s | " + (urgent ? "on arrival (urgent path)" : "event-time order only");
        }

        String tag(int index) {
            return index + "-" + broker + "-" + outOfOrderness.toSeconds() + "-" + checkpoint.toSeconds() + (urgent ? "" : "-et");
        }
    }

    private static void report(LatencyBench b, List<String> rows, int skipped, Path out) throws IOException {
        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "### Help-button latency: publish to SMS handed to the gateway (%d presses, one per home, "
                + "%d ms apart; background %,d simulated homes at %.0f msg/s per broker; %s state, p=1; all jobs at once)%n%n",
                b.presses, b.spacingMs, b.homes, b.rate, b.backend));
        md.append("| broker | watermark out-of-orderness | checkpoint interval | help press raised | background achieved (msg/s) "
                + "| reference: publish → bare Paho subscriber p50 / p99 (ms) | publish → alert out of detection p50 / p99 (ms) "
                + "| publish → SMS to gateway p50 / p99 (ms) | alert → SMS p50 (ms) | ratio SMS / broker (p50) | presses texted | late at detector |\n");
        md.append("|---|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        rows.forEach(r -> md.append(r).append('\n'));
        if (skipped > 0) {
            md.append("\n").append(skipped).append(" variant(s) skipped: no mosquitto binary (apt-get install -y mosquitto).\n");
        }
        md.append("\nLoad average at the end: ").append(loadAverage()).append(".\n");
        System.out.println(md);
        if (out != null) {
            Files.writeString(out, md + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
    }

    record Press(String homeId, String alertId, String topic, long[] publishedNanos) {}

    /** Everything one variant's job needs while it runs. */
    private record Running(Variant variant, String tag, JobClient job) {}

    /**
     * Starts one job per variant, background load and a bare subscriber per broker, then presses
     * each help button on every broker at once (the jobs run side by side: a press's seconds-long
     * waits do not depend on the few milliseconds the jobs take from each other).
     */
    private List<String> measure(Map<String, Broker> brokers, List<Variant> variants) throws Exception {
        List<String> names = new ArrayList<>(brokers.keySet());
        List<Running> jobs = new ArrayList<>();
        List<Background> loads = new ArrayList<>();
        List<MqttAsyncClient> bares = new ArrayList<>();
        List<PahoPublisher> buttons = new ArrayList<>();
        List<Map<String, Long>> bareArrivals = new ArrayList<>();
        java.util.Set<String> pressTopics = new java.util.HashSet<>();
        for (int i = 0; i < presses; i++) {
            SimHome home = simHomes.get(i);
            String sensor = home.registry().sensorWithRole(SensorRole.HELP_BUTTON).orElseThrow().id();
            pressTopics.add(new MqttMessages().of(home, new SensorEvent(home.id(), sensor, Instant.EPOCH, SensorKind.BUTTON, 1, null, null)).topic());
        }
        List<Press> sent = new ArrayList<>();
        Map<String, Long> late = new java.util.HashMap<>();
        try {
            for (int v = 0; v < variants.size(); v++) {
                Variant variant = variants.get(v);
                String tag = variant.tag(v);
                SENT.put(tag, new ConcurrentHashMap<>());
                RAISED.put(tag, new ConcurrentHashMap<>());
                jobs.add(new Running(variant, tag, startJob(brokers.get(variant.broker()).uri(), variant, tag)));
            }
            for (String name : names) {
                String uri = brokers.get(name).uri();
                Map<String, Long> arrivals = new ConcurrentHashMap<>();
                bareArrivals.add(arrivals);
                bares.add(bareSubscriber(uri, "bench-bare-" + name, pressTopics, arrivals));
                buttons.add(new PahoPublisher(uri, "bench-help-" + name));
                Background load = new Background(uri, "bench-homes-" + name);
                loads.add(load);
                load.start();
            }
            for (Running r : jobs) {
                awaitEvents(r.job(), Duration.ofMinutes(3));
            }
            for (long w = 0; w < WARM_UP.toSeconds(); w++) {
                Thread.sleep(1_000);
            }
            progress(jobs, loads);
            MqttMessages messages = new MqttMessages();
            for (int i = 0; i < presses; i++) {
                SimHome home = simHomes.get(i);
                Sensor sensor = home.registry().sensorWithRole(SensorRole.HELP_BUTTON).orElseThrow();
                Instant now = Instant.now();
                SensorEvent event = new SensorEvent(home.id(), sensor.id(), now, SensorKind.BUTTON, 1, 90, 150);
                MqttMessages.Message m = messages.of(home, event);
                String alertId = AlertIds.alertId(home.id(), home.registry().residentId(), Rule.HELP_BUTTON, now);
                long[] at = new long[names.size()];
                for (int b = 0; b < names.size(); b++) {
                    at[b] = System.nanoTime();
                    buttons.get(b).publish(m.topic(), m.payload());
                }
                sent.add(new Press(home.id(), alertId, m.topic() + "|" + new String(m.payload(), StandardCharsets.UTF_8), at));
                Thread.sleep(spacingMs);
            }
            long wait = variants.stream().mapToLong(v -> v.outOfOrderness().plus(v.checkpoint()).toNanos()).max().orElse(0);
            long deadline = System.nanoTime() + wait + TimeUnit.MINUTES.toNanos(2);
            while (jobs.stream().anyMatch(r -> texted(r.tag(), sent) < presses) && System.nanoTime() < deadline) {
                Thread.sleep(5_000);
                progress(jobs, loads);
            }
            for (Running r : jobs) {
                late.put(r.tag(), lateCount(r.job()));
            }
        } finally {
            for (Background load : loads) {
                load.stop();
            }
            for (Running r : jobs) {
                r.job().cancel().get();
            }
            for (PahoPublisher p : buttons) {
                p.close();
            }
            for (MqttAsyncClient c : bares) {
                c.disconnect().waitForCompletion(10_000);
                c.close();
            }
        }
        List<String> rows = new ArrayList<>();
        for (Running r : jobs) {
            int b = names.indexOf(r.variant().broker());
            rows.add(row(r, sent, b, bareArrivals.get(b), loads.get(b).achievedRate(), late.get(r.tag())));
        }
        return rows;
    }

    private String row(Running r, List<Press> sent, int b, Map<String, Long> bareArrivals, double achieved, long late) {
        long[] bus = new long[sent.size()];
        long[] detect = new long[sent.size()];
        long[] sms = new long[sent.size()];
        int nb = 0, nd = 0, ns = 0;
        StringBuilder each = new StringBuilder("  " + r.tag() + ": publish → SMS per press, in order (ms):");
        for (Press p : sent) {
            long published = p.publishedNanos()[b];
            Long arrived = bareArrivals.get(p.topic());
            Long raised = RAISED.get(r.tag()).get(p.alertId());
            Long texted = firstSent(r.tag(), p.alertId());
            if (arrived != null) {
                bus[nb++] = arrived - published;
            }
            if (raised != null) {
                detect[nd++] = raised - published;
            }
            if (texted != null) {
                sms[ns++] = texted - published;
            }
            each.append(' ').append(texted == null ? "-" : Long.toString((texted - published) / 1_000_000));
        }
        System.out.println(each);
        bus = Arrays.copyOf(bus, nb);
        detect = Arrays.copyOf(detect, nd);
        sms = Arrays.copyOf(sms, ns);
        String row = String.format(Locale.ROOT, "| %s | %.0f | %s / %s | %s / %s | %s / %s | %s | **%s** | %d of %d | %d |",
                r.variant().label(), achieved, ms(bus, 50), ms(bus, 99), ms(detect, 50), ms(detect, 99), ms(sms, 50), ms(sms, 99),
                sms.length == 0 || detect.length == 0 ? "-" : String.format(Locale.ROOT, "%.0f", (pct(sms, 50) - pct(detect, 50)) / 1e6),
                sms.length == 0 || bus.length == 0 ? "-" : String.format(Locale.ROOT, "%,.0f", pct(sms, 50) / Math.max(1.0, pct(bus, 50))),
                ns, sent.size(), late);
        System.out.println(row);
        return row;
    }

    /** How far each job is behind its broker's background publisher (its count also lags by the watermark wait). */
    private static void progress(List<Running> jobs, List<Background> loads) {
        StringBuilder line = new StringBuilder("  published");
        loads.forEach(l -> line.append(' ').append(l.published.get()));
        line.append("; detectors took");
        for (Running r : jobs) {
            try {
                Map<String, Object> acc = r.job().getAccumulators().get(5, TimeUnit.SECONDS);
                line.append(' ').append(acc.get(Counters.EVENTS) instanceof Number n ? n.longValue() : -1);
            } catch (Exception e) {
                line.append(" ?");
            }
        }
        System.out.println(line);
    }

    private static int texted(String tag, List<Press> sent) {
        int n = 0;
        for (Press p : sent) {
            if (firstSent(tag, p.alertId()) != null) {
                n++;
            }
        }
        return n;
    }

    /** The first text of the alert (to the first carer: urgent alerts go out at once). */
    private static Long firstSent(String tag, String alertId) {
        Long first = null;
        for (Map.Entry<String, Long> e : SENT.get(tag).entrySet()) {
            if (e.getKey().startsWith(alertId + "/") && (first == null || e.getValue() < first)) {
                first = e.getValue();
            }
        }
        return first;
    }

    private static long lateCount(JobClient job) {
        try {
            Map<String, Object> acc = job.getAccumulators().get(10, TimeUnit.SECONDS);
            return acc.get(Counters.LATE) instanceof Number n ? n.longValue() : -1;
        } catch (Exception e) {
            return -1; // the job is already cancelled
        }
    }

    private JobClient startJob(String brokerUri, Variant variant, String tag) throws Exception {
        Path data = Files.createDirectories(work.resolve("data-" + tag));
        StreamExecutionEnvironment env = FlinkEnvironments.live(1, variant.checkpoint(), backend, data.resolve("checkpoints"));
        Clock clock = Clock.systemUTC();
        MqttSource source = MqttSource.builder()
                .serverUri(brokerUri)
                .topicFilters(RoutingTable.of(registry).topicFilters())
                .clientIdPrefix("bench-latency-" + tag)
                .clock(clock)
                .build();
        IngestOptions ingest = IngestOptions.live(clock).withOutOfOrderness(variant.outOfOrderness());
        String dir = data.toString();
        DeliveryServiceFactory delivery = () -> DeliveryServiceFactory.withGateway(new RecordingGateway(tag), Path.of(dir), Clock.systemUTC());
        LiveJob.Settings settings = new LiveJob.Settings(
                new DetectionJobConfig(homesYaml, null, EscalationPolicy.defaults(), variant.urgent()), data, ingest, delivery, false, null);
        DetectionStreams out = new LiveJob(settings).attach(env, source, null);
        out.alerts().map(new RaisedProbe(tag)).name("latency-probe").sinkTo(new DiscardingSink<>());
        return env.executeAsync("hearth-latency-bench-" + tag);
    }

    /** Waits until the job has taken background events (its source has subscribed and the graph runs). */
    private static void awaitEvents(JobClient job, Duration limit) throws Exception {
        long giveUp = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < giveUp) {
            Map<String, Object> acc = job.getAccumulators().get();
            if (acc.get(Counters.EVENTS) instanceof Number n && n.longValue() > 0) {
                return;
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("the job took no event within " + limit);
    }

    /** Subscribes to every home's topics, as the job's source does; times the messages on the pressed buttons' topics. */
    private static MqttAsyncClient bareSubscriber(String uri, String clientId, java.util.Set<String> pressTopics,
                                                  Map<String, Long> arrivals) throws MqttException {
        MqttAsyncClient client = new MqttAsyncClient(uri, clientId, new MemoryPersistence());
        client.setCallback(new MessageCallback() {
            @Override
            public void messageArrived(String topic, MqttMessage message) {
                long t = System.nanoTime();
                if (pressTopics.contains(topic)) {
                    arrivals.putIfAbsent(topic + "|" + new String(message.getPayload(), StandardCharsets.UTF_8), t);
                }
            }

        });
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(true);
        options.setReceiveMaximum(10_000);
        client.connect(options).waitForCompletion(10_000);
        client.subscribe("hearth/#", 1).waitForCompletion(10_000);
        return client;
    }

    /** Publishes the simulated readings in delivery order at {@code rate}, each stamped with the wall clock. */
    private final class Background {
        private final String uri;
        private final String clientId;
        private final AtomicLong published = new AtomicLong();
        private volatile boolean running = true;
        private volatile long startedNanos;
        private volatile long stoppedNanos;
        private Thread thread;

        Background(String uri, String clientId) {
            this.uri = uri;
            this.clientId = clientId;
        }

        void start() {
            thread = new Thread(this::run, "background-homes");
            thread.setDaemon(true);
            thread.start();
        }

        private void run() {
            MqttMessages messages = new MqttMessages();
            try (AsyncPahoPublisher publisher = new AsyncPahoPublisher(uri, clientId, 500)) {
                startedNanos = System.nanoTime();
                long intervalNanos = (long) (1e9 / rate);
                for (long i = 0; running; i++) {
                    long due = startedNanos + i * intervalNanos;
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        LockSupport.parkNanos(wait);
                    }
                    int k = (int) (i % background.size());
                    SensorEvent e = background.get(k);
                    SensorEvent now = new SensorEvent(e.homeId(), e.sensorId(), Instant.now(), e.kind(), e.value(),
                            e.battery(), e.linkQuality());
                    MqttMessages.Message m = messages.of(backgroundHomes.get(k), now);
                    publisher.publish(m.topic(), m.payload());
                    published.incrementAndGet();
                }
            } catch (Exception e) {
                if (running) {
                    System.err.println("background publisher failed: " + e);
                }
            }
            stoppedNanos = System.nanoTime();
        }

        void stop() throws InterruptedException {
            running = false;
            thread.join(30_000);
        }

        double achievedRate() {
            long end = stoppedNanos == 0 ? System.nanoTime() : stoppedNanos;
            return published.get() / ((end - startedNanos) / 1e9);
        }
    }

    /** Records when each help-button alert leaves the detection job. */
    static final class RaisedProbe implements MapFunction<Alert, Alert> {
        private static final long serialVersionUID = 1L;
        private final String tag;

        RaisedProbe(String tag) {
            this.tag = tag;
        }

        @Override
        public Alert map(Alert alert) {
            if (alert.rule() == Rule.HELP_BUTTON) {
                RAISED.get(tag).putIfAbsent(alert.alertId(), System.nanoTime());
            }
            return alert;
        }
    }

    /** A gateway that accepts every text and records the instant it was handed over. */
    static final class RecordingGateway implements SmsGateway {
        private final String tag;

        RecordingGateway(String tag) {
            this.tag = tag;
        }

        @Override
        public String name() {
            return "bench";
        }

        @Override
        public SendReceipt send(SmsMessage message) {
            SENT.get(tag).putIfAbsent(message.key(), System.nanoTime());
            return new SendReceipt(name(), message.key());
        }
    }

    /** The embedded HiveMQ CE broker (as {@code hearth demo}) or a Mosquitto process with the configuration Hearth ships. */
    interface Broker extends AutoCloseable {
        String uri();

        @Override
        void close() throws Exception;

        /** @return null when the broker cannot run here (no mosquitto binary) */
        static Broker start(String kind, Path dir) throws Exception {
            if (kind.equals("hivemq")) {
                EmbeddedBroker hive = EmbeddedBroker.builder(dir).start();
                return new Broker() {
                    public String uri() {
                        return hive.uri();
                    }

                    public void close() {
                        hive.close();
                    }
                };
            }
            Path binary = Path.of("/usr/sbin/mosquitto");
            if (!Files.isExecutable(binary)) {
                System.out.println("skipped: no " + binary + " (apt-get install -y mosquitto)");
                return null;
            }
            Files.createDirectories(dir);
            String shipped;
            try (var in = LatencyBench.class.getResourceAsStream("/mosquitto/hearth-mosquitto.conf")) {
                shipped = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            int port;
            try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
                port = s.getLocalPort();
            }
            Path conf = Files.writeString(dir.resolve("mosquitto.conf"), shipped.replace("persistence true", "persistence false")
                    + "\nlistener " + port + " 127.0.0.1\nallow_anonymous true\n");
            Process process = new ProcessBuilder(binary.toString(), "-c", conf.toString()).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("mosquitto.log").toFile()).start();
            // A bench stopped from outside (kill, Ctrl-C) runs no finally block: do not leave the broker running.
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroy, "stop-mosquitto"));
            for (int i = 0; i < 100; i++) {
                try (java.net.Socket s = new java.net.Socket()) {
                    s.connect(new java.net.InetSocketAddress("127.0.0.1", port), 200);
                    break;
                } catch (IOException notYet) {
                    Thread.sleep(100);
                }
            }
            String uri = "tcp://127.0.0.1:" + port;
            return new Broker() {
                public String uri() {
                    return uri;
                }

                public void close() throws InterruptedException {
                    process.destroy();
                    process.waitFor(5, TimeUnit.SECONDS);
                }
            };
        }
    }

    /** Percentile (nearest rank) of nanosecond samples. */
    static double pct(long[] samples, double p) {
        long[] s = samples.clone();
        Arrays.sort(s);
        if (p <= 0) {
            return s[0];
        }
        int rank = (int) Math.ceil(p / 100.0 * s.length);
        return s[Math.min(s.length, Math.max(1, rank)) - 1];
    }

    private static String ms(long[] samples, double p) {
        if (samples.length == 0) {
            return "-";
        }
        double v = pct(samples, p) / 1e6;
        return v < 10 ? String.format(Locale.ROOT, "%.1f", v) : String.format(Locale.ROOT, "%,.0f", v);
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "?";
        }
    }
}
