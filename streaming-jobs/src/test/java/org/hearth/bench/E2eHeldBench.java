package org.hearth.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.hearth.alerts.delivery.DeliveryServiceFactory;
import org.hearth.alerts.lifecycle.AlertIds;
import org.hearth.alerts.route.EscalationPolicy;
import org.hearth.ingest.IngestOptions;
import org.hearth.ingest.broker.MessageCallback;
import org.hearth.ingest.source.BufferedSockets;
import org.hearth.ingest.source.MqttSource;
import org.hearth.ingest.source.WindowSizing;
import org.hearth.job.Counters;
import org.hearth.job.DetectionJobConfig;
import org.hearth.job.DetectionStreams;
import org.hearth.live.FlinkEnvironments;
import org.hearth.live.LiveJob;
import org.hearth.models.alert.Rule;
import org.hearth.models.event.NativeMessage;
import org.hearth.models.event.SensorEvent;
import org.hearth.models.event.SensorKind;
import org.hearth.models.json.HearthJson;
import org.hearth.models.registry.SensorRole;
import org.hearth.simulator.SimulationConfig;
import org.hearth.simulator.Simulator;
import org.hearth.simulator.anomaly.AnomalyRates;
import org.hearth.simulator.home.SimHome;
import org.hearth.simulator.output.AsyncPahoPublisher;
import org.hearth.simulator.output.EventSink;
import org.hearth.simulator.output.PahoPublisher;

/**
 * Homes held end to end (issue 18's last goal as it is worded: "help-button publish → SMS p99 ≤
 * 1 s" at N homes' morning-peak rate): the largest N for which the job as {@code hearth run} runs
 * it ({@link LiveJob}: MQTT source on Mosquitto with Hearth's shipped configuration, ingest with
 * the live defaults, RocksDB, detection, alert lifecycle, delivery to a gateway that records the
 * hand-over) takes N homes' readings at the busiest hour's rate and texts every help press within
 * 1 s at the 99th percentile.
 *
 * <p>The load: a few simulated homes (templates, seed 11 as {@code ScaleBench}) live 30 days; their
 * last day from noon (ScaleBench's live day) gives the busiest hour ({@link PeakHour}) and its rate
 * per home. N homes are copies of the templates under their own ids and residents, all in the kit
 * registry the job is given; the hour's readings are published for every copy in turn (template
 * reading i for copy 0, 1, ... as ScaleBench feeds them), re-stamped with the wall clock, at the
 * hour's rate for N homes, paced by the wall clock, QoS 1, from one publisher in this JVM. Help
 * presses, each on its own home (a fresh episode), spread over the run and published from a client
 * of their own; each is timed from its publish to the gateway's {@code send}, and a probe on the
 * alert stream splits that into publish → alert out of detection (MQTT, source, ingest, detection)
 * and alert → SMS (lifecycle and delivery). The detector's state is the one these homes build
 * during the run: no learned baseline (the steady-state cost is {@code ScaleBench}'s).
 *
 * <p>Reference, per N, on a fresh broker: the same publisher at the same rate to a bare Paho MQTT 5
 * subscriber (automatic acknowledgements), its received rate and its press latency; and in every
 * run the CPU the publisher's threads, this JVM and Mosquitto used (on this machine the publisher
 * shares the 2 cores; in production the homes' hubs publish).
 *
 * <p>A run holds when every press is texted, the SMS p99 is within 1 s, the publisher kept ≥ 95 % of
 * the offered rate and the detector had taken ≥ 95 % of what was published up to the out-of-orderness
 * (and 5 s) before its count was reported (it takes an event when the watermark passes it). N is searched ({@link HeldSearch}):
 * doubled while runs hold, then bisected. Settings: {@code hearth.yaml}'s defaults (parallelism 1,
 * 10 s checkpoints (30 s until e2e-14), RocksDB with 2g managed memory, the source's receiveMaximum 65,535, 30 s
 * out-of-orderness) unless changed by {@code -De2e.parallelism=2}, {@code -De2e.checkpoint=5s},
 * {@code -De2e.receiveMaximum=N}, {@code -De2e.connections=k} (MQTT connections per reader; default 1 as
 * {@code hearth run}), {@code -De2e.outOfOrderness=30s}; {@code -De2e.warmUpSeconds} (10) and
 * {@code -De2e.readyMinutes} (5: how long the job may take to text its first press) change the run, not the job.
 * {@code -De2e.profileDir=DIR} writes each job run's CPU per thread over the measured span ({@link SteadyProfile}), and with
 * {@code -De2e.profiler=/path/libasyncProfiler.so} async-profiler's samples of it.
 *
 * <p>Not a test: run by {@code streaming-jobs/bench.sh e2e}. Arguments: {@code [templates]
 * [start homes] [run seconds] [runs] [presses per run] [results.md] [bare-run seconds]}.
 */
public final class E2eHeldBench {

    /** Topic filters as {@code hearth run} subscribes by default ({@code HearthConfig.Mqtt.DEFAULT_TOPICS}). */
    static final List<String> RUN_TOPICS = List.of("hearth/+/+", "zigbee2mqtt/#", "+/status/+", "+/events/rpc", "+/online",
            "shellies/#", "tele/+/+", "stat/+/+");
    static final long ONE_SECOND_NANOS = 1_000_000_000L;
    /** The feed's pace: it publishes what is due, then sleeps at least this long. */
    static final long PACE_NANOS = 1_000_000L;
    /** Readings and presses are stamped with the wall clock as they are published (a live hub's clock). */
    static final Clock WALL = Clock.systemUTC();
    /** How far behind the out-of-orderness the detector may be and still keep up (the watermark's steps, the hops' buffers). */
    static final Duration SLACK = Duration.ofSeconds(5);
    static final Duration WARM_UP = Duration.ofSeconds(Long.getLong("e2e.warmUpSeconds", 10));
    /** How long a job may take to text its first press (its start grows with the registry: 277 s at 150,000 homes, load 22). */
    static final Duration READY_LIMIT = Duration.ofMinutes(Long.getLong("e2e.readyMinutes", 5));
    /** Where the job runs' steady-state profiles go ({@link SteadyProfile}; none without it), and async-profiler's library (none: /proc only). */
    static final String PROFILE_DIR = System.getProperty("e2e.profileDir");
    static final String PROFILER = System.getProperty("e2e.profiler");

    private final List<SimHome> templates;
    private final ObjectNode[] templateNodes;
    /** The busiest hour's readings of the templates, in time order, and whose each is. */
    private final SensorEvent[] hour;
    private final int[] hourTemplate;
    private final PeakHour peak;
    private final int parallelism = Integer.getInteger("e2e.parallelism", 1);
    private final Duration checkpoint = Duration.parse("PT" + System.getProperty("e2e.checkpoint", "10s").toUpperCase(Locale.ROOT));
    private final Duration outOfOrderness = Duration.parse("PT" + System.getProperty("e2e.outOfOrderness", "30s").toUpperCase(Locale.ROOT));
    private final int receiveMaximum = Integer.getInteger("e2e.receiveMaximum", 65_535);
    /** {@code -De2e.connections=k} (1 by default, as {@code hearth run}), or {@code auto}: from the offered peak rate ({@link WindowSizing}). */
    private final String connections = System.getProperty("e2e.connections", "1");
    private final Path work;
    private int runIndex;
    /** Readiness presses of the current job run (each an event the detector also counts). */
    private int readinessPresses;

    E2eHeldBench(int templateCount, Path work) throws IOException {
        this.work = work;
        SimulationConfig sim = SimulationConfig.of(templateCount, 30, 11).withAnomalies(AnomalyRates.NONE);
        Simulator simulator = new Simulator(Clock.systemUTC());
        templates = simulator.homes(sim);
        Path yaml = work.resolve("templates.yaml");
        Simulator.writeHomes(templates, yaml);
        JsonNode homes = HearthJson.yaml().readTree(Files.readString(yaml)).get("homes");
        templateNodes = new ObjectNode[templates.size()];
        Map<String, Integer> index = new ConcurrentHashMap<>();
        for (int t = 0; t < templates.size(); t++) {
            templateNodes[t] = (ObjectNode) homes.get(t);
            index.put(templates.get(t).id(), t);
            if (!templates.get(t).registry().hubs().stream().allMatch(h -> h.format() == org.hearth.models.registry.HubFormat.NATIVE)) {
                throw new IllegalStateException("template " + t + " is not a native-format home: this bench publishes native messages");
            }
        }
        // The templates' last simulated day from noon (care days turn at noon): ScaleBench's live day.
        Instant from = sim.start().plusDays(28).atTime(12, 0).atZone(templates.get(0).registry().zone()).toInstant();
        List<SensorEvent> events = new ArrayList<>();
        simulator.run(sim, new EventSink() {
            @Override
            public void accept(SimHome home, SensorEvent event, long arrivalMs) {
                boolean press = event.kind() == SensorKind.BUTTON && event.isOn();
                if (!press && !event.ts().isBefore(from)) {
                    events.add(event);
                }
            }

            @Override
            public void close() {}
        }, null, (f, n) -> { });
        events.sort((a, b) -> a.ts().compareTo(b.ts()));
        long[] ts = events.stream().mapToLong(e -> e.ts().toEpochMilli()).toArray();
        peak = PeakHour.of(ts, templates.size());
        hour = events.subList(peak.first(), peak.first() + peak.count()).toArray(SensorEvent[]::new);
        hourTemplate = Arrays.stream(hour).mapToInt(e -> index.get(e.homeId())).toArray();
    }

    public static void main(String[] args) {
        try {
            search(args);
        } catch (Exception | Error e) {
            e.printStackTrace();
            System.exit(1); // Flink's non-daemon threads would keep a failed run's JVM (and its job) alive
        }
        System.exit(0); // Flink's non-daemon threads
    }

    private static void search(String[] args) throws Exception {
        int templateCount = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        long start = args.length > 1 ? Long.parseLong(args[1]) : 10_000;
        int runSeconds = args.length > 2 ? Integer.parseInt(args[2]) : 60;
        int runs = args.length > 3 ? Integer.parseInt(args[3]) : 6;
        int presses = args.length > 4 ? Integer.parseInt(args[4]) : 20;
        Path out = args.length > 5 && !args[5].isEmpty() ? Path.of(args[5]) : null;
        int bareSeconds = args.length > 6 ? Integer.parseInt(args[6]) : 15;
        if (!Files.isExecutable(Path.of("/usr/sbin/mosquitto"))) {
            System.out.println("skipped: no /usr/sbin/mosquitto (apt-get install -y mosquitto)");
            System.exit(0);
        }
        long t0 = System.nanoTime();
        E2eHeldBench bench = new E2eHeldBench(templateCount, Files.createTempDirectory("hearth-e2e-bench"));
        System.out.printf(Locale.ROOT, "templates simulated in %.1f s; busiest hour from %s: %,d readings of %d homes, %.5f per home per second "
                        + "(%,.0f/s for 1,000,000 homes)%n", (System.nanoTime() - t0) / 1e9, bench.hour[0].ts(), bench.peak.count(),
                templateCount, bench.peak.perHomePerSecond(), bench.peak.rateFor(1_000_000));
        System.out.printf(Locale.ROOT, "settings: parallelism %d, checkpoints %d s, receiveMaximum %,d, connections per reader "
                        + bench.connections + ", out-of-orderness %d s, RocksDB, "
                        + "managed memory %s; %d s runs (+%d s warm-up), %d presses each%n", bench.parallelism, bench.checkpoint.toSeconds(),
                bench.receiveMaximum, bench.outOfOrderness.toSeconds(), FlinkEnvironments.DEFAULT_MANAGED_MEMORY, runSeconds,
                WARM_UP.toSeconds(), presses);
        List<String> rows = new ArrayList<>();
        HeldSearch search = new HeldSearch(start, Math.max(templateCount, 1_000), 1_000_000, runs);
        long held = 0; // the homes of the largest size that held (a size is rounded up to whole copies of the templates)
        for (OptionalLong n = search.next(); n.isPresent(); n = search.next()) {
            long homes = n.getAsLong();
            Outcome bare = bench.run(homes, runSeconds, presses, bareSeconds, false);
            rows.add(bare.row());
            Outcome job = bench.run(homes, runSeconds, presses, bareSeconds, true);
            rows.add(job.row());
            search.record(homes, job.holds());
            held = job.holds() ? Math.max(held, job.homes()) : held;
            System.out.println(bare.row());
            System.out.println(job.row());
        }
        report(bench, rows, runSeconds, presses, bareSeconds, out);
        System.out.printf(Locale.ROOT, "homes held end to end (MQTT publish -> SMS, help-button p99 <= 1 s): %d%n", held);
    }

    private static void report(E2eHeldBench b, List<String> rows, int runSeconds, int presses, int bareSeconds, Path out) throws IOException {
        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "### Homes held end to end: help press MQTT publish → SMS at the morning peak (Mosquitto, "
                        + "`LiveJob` p=%d, %d s checkpoints, receiveMaximum %,d, connections per reader " + b.connections + ", RocksDB; %.5f readings per home per second; runs of %d s after "
                        + "%d s warm-up, %d presses each; bare subscriber runs of %d s)%n%n", b.parallelism, b.checkpoint.toSeconds(),
                b.receiveMaximum, b.peak.perHomePerSecond(), runSeconds, WARM_UP.toSeconds(), presses, bareSeconds));
        md.append("| homes | receiver | offered (msg/s) | published (msg/s) | taken (msg/s) | presses texted / arrived | publish → alert out of "
                + "detection p50 / p99 (ms) | **publish → SMS (or → bare subscriber) p50 / p99 (ms)** | alert → SMS p50 (ms) | CPU: publisher / "
                + "this JVM / Mosquitto (cores) | load | holds |\n");
        md.append("|---:|---|---:|---:|---:|---:|---:|---:|---:|---|---:|---|\n");
        rows.forEach(r -> md.append(r).append('\n'));
        System.out.println(md);
        if (out != null) {
            Files.writeString(out, md + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
    }

    /** What one run measured. */
    record Outcome(long homes, boolean job, double offered, double published, double taken, int answered, int presses, long[] detect,
                   long[] sms, double[] cpu, double load, boolean keptUp) {

        boolean holds() {
            return job && keptUp && answered == presses && LatencyBench.pct(sms, 99) <= 1e9;
        }

        String row() {
            return String.format(Locale.ROOT, "| %,d | %s | %,.0f | %,.0f | %,.0f | %d of %d | %s / %s | **%s / %s** | %s | %.2f / %.2f / %.2f | %.1f | %s |",
                    homes, job ? "`LiveJob`" : "bare Paho subscriber", offered, published, taken, answered, presses,
                    ms(detect, 50), ms(detect, 99), ms(sms, 50), ms(sms, 99),
                    job && detect.length > 0 && sms.length > 0 ? String.format(Locale.ROOT, "%.0f", (LatencyBench.pct(sms, 50)
                            - LatencyBench.pct(detect, 50)) / 1e6) : "-",
                    cpu[0], cpu[1], cpu[2], load, job ? (holds() ? "**yes**" : "no" + (keptUp ? "" : " (fell behind)")) : "reference");
        }

        private static String ms(long[] samples, double p) {
            if (samples.length == 0) {
                return "-";
            }
            double v = LatencyBench.pct(samples, p) / 1e6;
            return v < 10 ? String.format(Locale.ROOT, "%.1f", v) : String.format(Locale.ROOT, "%,.0f", v);
        }
    }

    /** The N homes: per template, its copies' home and resident ids. */
    private record Homes(int copies, String[][] homeIds, String[][] residentIds) {
        long size() {
            return (long) copies * homeIds.length;
        }
    }

    private Homes homes(long n) {
        int copies = (int) Math.max(1, (n + templates.size() - 1) / templates.size());
        String[][] ids = new String[templates.size()][copies];
        String[][] residents = new String[templates.size()][copies];
        for (int t = 0; t < templates.size(); t++) {
            for (int k = 0; k < copies; k++) {
                ids[t][k] = templates.get(t).id() + "c" + k;
                residents[t][k] = templates.get(t).registry().residentId() + "c" + k;
            }
        }
        return new Homes(copies, ids, residents);
    }

    /** The kit registry of the N homes, as JSON (a YAML document): each a template's entry under its own ids. */
    private String registry(Homes homes) throws IOException {
        ObjectMapper json = HearthJson.json();
        ObjectNode root = json.createObjectNode();
        ArrayNode list = root.putArray("homes");
        for (int k = 0; k < homes.copies(); k++) {
            for (int t = 0; t < templates.size(); t++) {
                ObjectNode home = templateNodes[t].deepCopy();
                home.put("id", homes.homeIds()[t][k]);
                ((ObjectNode) home.get("resident")).put("id", homes.residentIds()[t][k]);
                list.add(home);
            }
        }
        return json.writeValueAsString(root);
    }

    /**
     * One run of {@code n} homes on a fresh Mosquitto: the job (or, for the reference, a bare subscriber), the feed at the peak's
     * rate, presses spread over {@code seconds} after the warm-up.
     */
    Outcome run(long n, int seconds, int presses, int bareSeconds, boolean withJob) throws Exception {
        String tag = "e2e-" + (runIndex++) + (withJob ? "-job" : "-bare");
        Homes homes = homes(n);
        int measured = withJob ? seconds : bareSeconds;
        double offered = peak.rateFor(homes.size());
        Path dir = Files.createDirectories(work.resolve(tag));
        LatencyBench.Broker broker = LatencyBench.Broker.start("mosquitto", dir.resolve("mosquitto"));
        Feed feed = new Feed(broker.uri(), "e2e-feed-" + tag, homes, offered);
        JobClient job = null;
        MqttAsyncClient bare = null;
        Map<String, Long> arrivals = new ConcurrentHashMap<>();
        AtomicLong bareReceived = new AtomicLong();
        LatencyBench.SENT.put(tag, new ConcurrentHashMap<>());
        LatencyBench.RAISED.put(tag, new ConcurrentHashMap<>());
        List<LatencyBench.Press> sent = new ArrayList<>();
        long[] pressed = new long[presses];
        try (PahoPublisher button = new PahoPublisher(broker.uri(), "e2e-help-" + tag)) {
            if (withJob) {
                long building = System.nanoTime();
                String yaml = registry(homes);
                job = startJob(broker.uri(), yaml, dir, tag, offered);
                // Ready when a press goes the whole way (the urgent path needs no watermark): source subscribed, graph running. A
                // press before the source subscribed is dropped by the broker: press again, on another of the last homes.
                awaitReady(job, button, homes, tag, READY_LIMIT);
                System.out.printf(Locale.ROOT, "  %s: %,d homes (registry %,d bytes), job ready in %.1f s%n", tag, homes.size(), yaml.length(),
                        (System.nanoTime() - building) / 1e9);
            } else {
                bare = bareSubscriber(broker.uri(), "e2e-bare-" + tag, arrivals, bareReceived);
            }
            String mosquittoPid = mosquittoPid();
            feed.start();
            Thread.sleep(WARM_UP.toMillis());
            long received0 = bareReceived.get();
            double[] cpu0 = cpu(feed.clientId, mosquittoPid);
            SteadyProfile profile = withJob && PROFILE_DIR != null ? new SteadyProfile(Files.createDirectories(Path.of(PROFILE_DIR)), PROFILER) : null;
            if (profile != null) {
                profile.start();
            }
            long m0 = System.nanoTime();
            long published0 = feed.published.get();
            long spacing = measured * 1_000L / presses;
            for (int i = 0; i < presses; i++) {
                // Each press on its own home (a fresh episode), spread over the homes (the readiness presses took the last ones).
                long h = (long) i * (homes.size() - 1) / presses;
                LatencyBench.Press p = press(button, homes, (int) (h % templates.size()), (int) (h / templates.size()));
                sent.add(p);
                pressed[i] = p.publishedNanos()[0];
                LockSupport.parkNanos(m0 + (i + 1) * spacing * 1_000_000L - System.nanoTime());
            }
            long m1 = System.nanoTime();
            long published1 = feed.published.get();
            double[] cpu1 = cpu(feed.clientId, mosquittoPid);
            if (profile != null) {
                profile.stop(tag + "-" + homes.size(), (m1 - m0) / 1e9, published1 - published0);
            }
            long received1 = bareReceived.get();
            // Waits for the last presses (the feed goes on: a backlog must not drain for free), at most 20 s: a press later
            // than that fails the run anyway.
            long deadline = System.nanoTime() + 20 * ONE_SECOND_NANOS;
            while (System.nanoTime() < deadline && answered(withJob, tag, sent, arrivals) < presses) {
                Thread.sleep(500);
            }
            double load = loadAverage();
            double publishedRate = (published1 - published0) / ((m1 - m0) / 1e9);
            boolean keptUp = publishedRate >= 0.95 * offered;
            double window = (m1 - m0) / 1e9;
            double[] cores = {(cpu1[0] - cpu0[0]) / window, (cpu1[1] - cpu0[1]) / window, (cpu1[2] - cpu0[2]) / window};
            double takenRate = (received1 - received0) / window;
            if (withJob) {
                // The detector takes an event once the watermark passes it (the out-of-orderness behind the newest), and its
                // counter reaches the job client with a task heartbeat: the first fresh report, against what was published the
                // out-of-orderness before it (the feed still runs), with 5 s of slack for the watermark's steps and the hops' buffers.
                long[] report = freshCounter(job, Duration.ofSeconds(15));
                long due = feed.publishedAt(report[1] - outOfOrderness.toNanos() - SLACK.toNanos());
                keptUp &= report[0] - readinessPresses >= 0.95 * due;
                double span = (report[1] - feed.startedNanos) / 1e9 - outOfOrderness.toSeconds();
                takenRate = span > 0 ? (report[0] - readinessPresses) / span : Double.NaN;
                System.out.printf(Locale.ROOT, "  %s: the detector had taken %,d; %,d were published %d s before its report%n", tag,
                        report[0] - readinessPresses, due, outOfOrderness.plus(SLACK).toSeconds());
            }
            feed.stop();
            long[][] split = latencies(withJob, tag, sent, arrivals);
            printEach(withJob, tag, sent, arrivals);
            return new Outcome(homes.size(), withJob, offered, publishedRate, takenRate, split[1].length, presses, split[0], split[1], cores,
                    load, keptUp);
        } finally {
            feed.stop();
            if (job != null) {
                job.cancel().get(60, TimeUnit.SECONDS);
            }
            if (bare != null) {
                bare.disconnect().waitForCompletion(10_000);
                bare.close();
            }
            broker.close();
            deleteTree(dir);
        }
    }

    /** Presses the help button of copy {@code copy} of template {@code t} now. */
    private LatencyBench.Press press(PahoPublisher button, Homes homes, int t, int copy) throws Exception {
        SimHome template = templates.get(t);
        String homeId = homes.homeIds()[t][copy];
        String sensor = template.registry().sensorWithRole(SensorRole.HELP_BUTTON).orElseThrow().id();
        Instant now = WALL.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS); // the press's event time (the alert id's)
        SensorEvent event = new SensorEvent(homeId, sensor, now, SensorKind.BUTTON, 1, 90, 150);
        String topic = "hearth/" + homeId + "/" + sensor;
        byte[] payload = HearthJson.json().writeValueAsBytes(NativeMessage.of(event));
        String alertId = AlertIds.alertId(homeId, homes.residentIds()[t][copy], Rule.HELP_BUTTON, now);
        long at = System.nanoTime();
        button.publish(topic, payload);
        return new LatencyBench.Press(homeId, alertId, topic + "|" + new String(payload, StandardCharsets.UTF_8), new long[] {at});
    }

    private static int answered(boolean withJob, String tag, List<LatencyBench.Press> sent, Map<String, Long> arrivals) {
        int n = 0;
        for (LatencyBench.Press p : sent) {
            if (withJob ? firstSent(tag, p.alertId()) != null : arrivals.containsKey(p.topic())) {
                n++;
            }
        }
        return n;
    }

    /** {publish → alert out of detection, publish → SMS} for a job run; {none, publish → bare subscriber} for the reference. */
    private static long[][] latencies(boolean withJob, String tag, List<LatencyBench.Press> sent, Map<String, Long> arrivals) {
        long[] detect = new long[sent.size()];
        long[] done = new long[sent.size()];
        int nd = 0;
        int ns = 0;
        for (LatencyBench.Press p : sent) {
            long published = p.publishedNanos()[0];
            Long raised = withJob ? LatencyBench.RAISED.get(tag).get(p.alertId()) : null;
            Long end = withJob ? firstSent(tag, p.alertId()) : arrivals.get(p.topic());
            if (raised != null) {
                detect[nd++] = raised - published;
            }
            if (end != null) {
                done[ns++] = end - published;
            }
        }
        return new long[][] {Arrays.copyOf(detect, nd), Arrays.copyOf(done, ns)};
    }

    /** Each press's latency in the order pressed (a stalled reader shows as a run of long waits that shrink). */
    private static void printEach(boolean withJob, String tag, List<LatencyBench.Press> sent, Map<String, Long> arrivals) {
        StringBuilder each = new StringBuilder("  " + tag + ": publish -> " + (withJob ? "SMS" : "bare subscriber") + " per press (ms):");
        for (LatencyBench.Press p : sent) {
            Long end = withJob ? firstSent(tag, p.alertId()) : arrivals.get(p.topic());
            each.append(' ').append(end == null ? "-" : Long.toString((end - p.publishedNanos()[0]) / 1_000_000));
        }
        System.out.println(each);
    }

    private static Long firstSent(String tag, String alertId) {
        Long first = null;
        for (Map.Entry<String, Long> e : LatencyBench.SENT.get(tag).entrySet()) {
            if (e.getKey().startsWith(alertId + "/") && (first == null || e.getValue() < first)) {
                first = e.getValue();
            }
        }
        return first;
    }

    /** Presses the last homes' buttons, one every 3 s, until one is texted. */
    private void awaitReady(JobClient job, PahoPublisher button, Homes homes, String tag, Duration limit) throws Exception {
        long giveUp = System.nanoTime() + limit.toNanos();
        List<String> pressed = new ArrayList<>();
        for (long h = homes.size() - 1; System.nanoTime() < giveUp; h--) {
            pressed.add(press(button, homes, (int) (h % templates.size()), (int) (h / templates.size())).alertId());
            for (int w = 0; w < 15; w++) {
                Thread.sleep(200);
                if (pressed.stream().anyMatch(id -> firstSent(tag, id) != null)) {
                    readinessPresses = pressed.size();
                    return;
                }
            }
            if (ended(job)) {
                job.getJobExecutionResult().get(10, TimeUnit.SECONDS); // throws the job's failure
                throw new IllegalStateException("the job ended before it texted a press");
            }
        }
        throw new IllegalStateException("no readiness press was texted within " + limit);
    }

    /** True once the job has ended; a job master busy deploying (a large registry, p = 2) may not answer in time: still running. */
    private static boolean ended(JobClient job) throws Exception {
        try {
            return job.getJobStatus().get(10, TimeUnit.SECONDS).isTerminalState();
        } catch (java.util.concurrent.TimeoutException busy) {
            return false;
        }
    }

    private int connectionsFor(double offered) {
        return "auto".equals(connections) ? WindowSizing.connectionsPerReader(offered, parallelism, receiveMaximum, checkpoint)
                : Integer.parseInt(connections);
    }

    private JobClient startJob(String brokerUri, String homesYaml, Path dir, String tag, double offered) throws Exception {
        int k = connectionsFor(offered);
        System.out.printf(Locale.ROOT, "%s: %d MQTT connection(s) per reader (e2e.connections %s) for %,.0f msg/s%n", tag, k, connections, offered);
        Path data = Files.createDirectories(dir.resolve("data"));
        StreamExecutionEnvironment env = FlinkEnvironments.live(parallelism, checkpoint, "rocksdb", data.resolve("checkpoints"));
        Clock clock = Clock.systemUTC();
        MqttSource source = MqttSource.builder()
                .serverUri(brokerUri)
                .topicFilters(RUN_TOPICS)
                .clientIdPrefix("e2e-" + tag)
                .receiveMaximum(receiveMaximum)
                .connectionsPerReader(k)
                .clock(clock)
                .build();
        IngestOptions ingest = IngestOptions.live(clock).withOutOfOrderness(outOfOrderness);
        String d = data.toString();
        DeliveryServiceFactory delivery = () -> DeliveryServiceFactory.withGateway(new LatencyBench.RecordingGateway(tag), Path.of(d),
                Clock.systemUTC());
        LiveJob.Settings settings = new LiveJob.Settings(new DetectionJobConfig(homesYaml, null, EscalationPolicy.defaults(), true), data,
                ingest, delivery, false, null);
        DetectionStreams out = new LiveJob(settings).attach(env, source, null);
        out.alerts().map(new LatencyBench.RaisedProbe(tag)).name("latency-probe").sinkTo(new DiscardingSink<>());
        return env.executeAsync("hearth-e2e-bench-" + tag);
    }

    private static long counter(JobClient job) {
        try {
            Map<String, Object> acc = job.getAccumulators().get(10, TimeUnit.SECONDS);
            return acc.get(Counters.EVENTS) instanceof Number n ? n.longValue() : -1;
        } catch (Exception e) {
            return -1;
        }
    }

    /** {the detector's event count, System.nanoTime when it changed}: the first change seen within {@code limit}, else the last. */
    private static long[] freshCounter(JobClient job, Duration limit) throws InterruptedException {
        long first = counter(job);
        long giveUp = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < giveUp) {
            Thread.sleep(250);
            long now = counter(job);
            if (now != first) {
                return new long[] {now, System.nanoTime()};
            }
        }
        return new long[] {first, System.nanoTime()};
    }

    private static MqttAsyncClient bareSubscriber(String uri, String clientId, Map<String, Long> arrivals, AtomicLong received)
            throws Exception {
        MqttAsyncClient client = new MqttAsyncClient(uri, clientId, new MemoryPersistence());
        client.setCallback(new MessageCallback() {
            @Override
            public void messageArrived(String topic, MqttMessage message) {
                long t = System.nanoTime();
                received.incrementAndGet();
                if (topic.endsWith("/help-button")) {
                    arrivals.putIfAbsent(topic + "|" + new String(message.getPayload(), StandardCharsets.UTF_8), t);
                }
            }
        });
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(true);
        options.setReceiveMaximum(10_000);
        client.connect(options).waitForCompletion(10_000);
        client.subscribe(RUN_TOPICS.toArray(String[]::new), RUN_TOPICS.stream().mapToInt(f -> 1).toArray()).waitForCompletion(10_000);
        return client;
    }

    /**
     * CPU seconds so far: {the publisher's threads (its own and its Paho client's), this JVM, Mosquitto}. Paho names its
     * threads after the client id.
     */
    private static double[] cpu(String publisherClientId, String mosquittoPid) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long publisher = 0;
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && (info.getThreadName().contains(publisherClientId) || info.getThreadName().equals("e2e-feed"))) {
                long t = threads.getThreadCpuTime(info.getThreadId());
                publisher += Math.max(0, t);
            }
        }
        double jvm = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime() / 1e9;
        return new double[] {publisher / 1e9, jvm, processCpuSeconds(mosquittoPid)};
    }

    /** This JVM's mosquitto child (the run's broker). */
    private static String mosquittoPid() {
        return ProcessHandle.current().children().filter(p -> p.info().command().orElse("").endsWith("mosquitto"))
                .reduce((a, b) -> b).map(p -> Long.toString(p.pid())).orElse(null);
    }

    private static double processCpuSeconds(String pid) {
        if (pid == null) {
            return Double.NaN;
        }
        try {
            String stat = Files.readString(Path.of("/proc", pid, "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0; // utime, stime in clock ticks (USER_HZ 100)
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    private static double loadAverage() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (IOException e) {
            return Double.NaN;
        }
    }

    private static void deleteTree(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("could not delete " + dir + ": " + e.getMessage());
        }
    }

    /** The busiest hour's readings for every copy in turn, at {@code rate}, paced by the wall clock; published counts per second. */
    private final class Feed {
        private final String uri;
        final String clientId;
        private final Homes homes;
        private final double rate;
        final AtomicLong published = new AtomicLong();
        /** Published count at each whole second since the start (for "how much was out that long before"). */
        private final AtomicLongArray perSecond = new AtomicLongArray(3_600);
        private volatile boolean running = true;
        volatile long startedNanos;
        private Thread thread;

        Feed(String uri, String clientId, Homes homes, double rate) {
            this.uri = uri;
            this.clientId = clientId;
            this.homes = homes;
            this.rate = rate;
        }

        void start() throws InterruptedException {
            thread = new Thread(this::run, "e2e-feed");
            thread.setDaemon(true);
            startedNanos = System.nanoTime();
            thread.start();
        }

        private void run() {
            StampedPayload[] payloads = Arrays.stream(hour).map(StampedPayload::of).toArray(StampedPayload[]::new);
            try (AsyncPahoPublisher publisher = new AsyncPahoPublisher(uri, clientId, 1_000, new BufferedSockets())) {
                long intervalNanos = (long) (ONE_SECOND_NANOS / rate);
                long copies = homes.copies();
                long i = 0;
                while (running) {
                    // What is due by now goes out at once, then the feed sleeps a millisecond at least: one wake-up per
                    // millisecond at the peak's rates, not one per reading (the same readings in each second, each stamped
                    // as it is published).
                    long now = System.nanoTime();
                    for (long due = (now - startedNanos) / intervalNanos + 1; i < due && running; i++) {
                        int e = (int) ((i / copies) % hour.length);
                        int copy = (int) (i % copies);
                        SensorEvent r = hour[e];
                        String homeId = homes.homeIds()[hourTemplate[e]][copy];
                        publisher.publish("hearth/" + homeId + "/" + r.sensorId(), payloads[e].at(WALL.instant()));
                        long n = published.incrementAndGet();
                        int second = (int) ((System.nanoTime() - startedNanos) / ONE_SECOND_NANOS);
                        if (second < perSecond.length()) {
                            perSecond.set(second, n);
                        }
                    }
                    LockSupport.parkNanos(Math.max(startedNanos + i * intervalNanos, now + PACE_NANOS) - System.nanoTime());
                }
            } catch (Exception e) {
                if (running) {
                    System.err.println("feed failed: " + e);
                }
            }
        }

        /** Published by {@code nanos} (System.nanoTime), to the second. */
        long publishedAt(long nanos) {
            int second = (int) Math.min(perSecond.length() - 1, Math.max(0, (nanos - startedNanos) / ONE_SECOND_NANOS));
            long n = 0;
            for (int s = 0; s <= second; s++) {
                n = Math.max(n, perSecond.get(s));
            }
            return n;
        }

        void stop() throws InterruptedException {
            running = false;
            if (thread != null) {
                thread.join(30_000);
            }
        }
    }
}
