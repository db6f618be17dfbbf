package org.hearth.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.hearth.alerts.delivery.DeliveryServiceFactory;
import org.hearth.alerts.lifecycle.AlertIds;
import org.hearth.alerts.route.EscalationPolicy;
import org.hearth.checkpoint.Recovery;
import org.hearth.checkpoint.RetainedStates;
import org.hearth.ingest.IngestOptions;
import org.hearth.ingest.source.MqttSource;
import org.hearth.ingest.source.MqttSourceConfig;
import org.hearth.installer.control.RegistryControl;
import org.hearth.job.DetectionJobConfig;
import org.hearth.live.ControlStream;
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
import org.hearth.simulator.home.SimHome;
import org.hearth.simulator.output.PahoPublisher;

/**
 * The live job's start as an operator meets it after a restart (issue 18): from the registry text in hand to the job
 * texting a help press, with N homes in the registry (copies of simulated homes under their own ids, as
 * {@link E2eHeldBench}'s registry), {@code LiveJob} wired as {@code hearth run} wires it (MQTT source, the control
 * topic, RocksDB, the live checkpoint settings) on a fresh Mosquitto.
 *
 * <p>One start per JVM, as a restart is: the registry's per-JVM parse is not already warm. {@code fresh} starts with
 * empty state and stops with a savepoint into {@code dir}; {@code restore} starts from the newest state in {@code dir}
 * (as {@code hearth run} finds it) with the same registry. Steps are printed with the time since the start:
 * the configuration checked ({@code DetectionJobConfig}, one parse), the graph built, the job submitted, all tasks
 * running, the first press texted.
 *
 * <p>{@code java -cp <streaming-jobs test classpath> org.hearth.bench.StartBench <homes> fresh|restore <dir>}; with
 * {@code -Dstart.histogram=FILE} it also writes the heap's class histogram after the start.
 */
public final class StartBench {

    private static final Clock WALL = Clock.systemUTC();

    private StartBench() {}

    public static void main(String[] args) {
        try {
            run(Integer.parseInt(args[0]), args[1], Path.of(args[2]));
        } catch (Exception | Error e) {
            e.printStackTrace();
            System.exit(1);
        }
        System.exit(0); // Flink's non-daemon threads
    }

    private static void run(int n, String mode, Path dir) throws Exception {
        boolean restore = mode.equals("restore");
        Files.createDirectories(dir);
        Path registryFile = dir.resolve("homes.json");
        List<SimHome> templates = new Simulator(WALL).homes(SimulationConfig.of(3, 30, 11));
        if (!restore) {
            Path yaml = dir.resolve("templates.yaml");
            Simulator.writeHomes(templates, yaml);
            writeRegistry(HearthJson.yaml().readTree(Files.readString(yaml)).get("homes"), n, registryFile);
        }
        String text = Files.readString(registryFile);
        Path checkpoints = dir.resolve("checkpoints");
        Recovery recovery = Recovery.fresh();
        if (restore) {
            recovery = recovery.restoring(RetainedStates.in(checkpoints).latest().orElseThrow());
        }
        LatencyBench.Broker broker = LatencyBench.Broker.start("mosquitto", dir.resolve("mosquitto-" + mode));
        String tag = "start-" + mode;
        LatencyBench.SENT.put(tag, new ConcurrentHashMap<>());
        System.gc();
        long heap0 = usedHeap();
        double cpu0 = cpuSeconds();

        cpuAtStart = cpu0;
        long t0 = System.nanoTime();
        DetectionJobConfig detection = new DetectionJobConfig(text, null, EscalationPolicy.defaults(), true);
        step("configuration checked (DetectionJobConfig)", t0);
        StreamExecutionEnvironment env = FlinkEnvironments.live(1, Duration.ofSeconds(30), "rocksdb", checkpoints, recovery,
                FlinkEnvironments.DEFAULT_MANAGED_MEMORY);
        MqttSource source = MqttSource.builder().serverUri(broker.uri()).topicFilters(E2eHeldBench.RUN_TOPICS)
                .clientIdPrefix(tag).clock(WALL).reportProgress().build();
        MqttSource controlSource = MqttSource.builder().serverUri(broker.uri())
                .topicFilters(RegistryControl.TOPIC, RegistryControl.THRESHOLDS_TOPIC).clientIdPrefix(tag + "-control")
                .shareMode(MqttSourceConfig.ShareMode.NEVER).clock(WALL).build();
        Path data = Files.createDirectories(dir.resolve("data"));
        String d = data.toString();
        DeliveryServiceFactory delivery = () -> DeliveryServiceFactory.withGateway(new LatencyBench.RecordingGateway(tag), Path.of(d),
                Clock.systemUTC());
        new LiveJob(new LiveJob.Settings(detection, data, IngestOptions.live(WALL), delivery, false, null))
                .attach(env, source, ControlStream.attach(env, controlSource));
        step("graph built (LiveJob.attach)", t0);
        JobClient job = env.executeAsync("hearth-start-bench");
        step("job submitted (executeAsync)", t0);
        while (job.getJobStatus().get(60, TimeUnit.SECONDS) != JobStatus.RUNNING) {
            Thread.sleep(100);
        }
        step("job running (status)", t0);
        // The last home (fresh) or the one before it (restore: the last one's help episode is still open in the state).
        int pressed = restore ? n - 2 : n - 1;
        SimHome last = templates.get(pressed % templates.size());
        String homeId = last.id() + "c" + (pressed / templates.size());
        String residentId = last.registry().residentId() + "c" + (pressed / templates.size());
        String sensor = last.registry().sensorWithRole(SensorRole.HELP_BUTTON).orElseThrow().id();
        try (PahoPublisher button = new PahoPublisher(broker.uri(), tag + "-help")) {
            long giveUp = System.nanoTime() + TimeUnit.MINUTES.toNanos(20);
            String texted = null;
            List<String> alerts = new java.util.ArrayList<>();
            while (texted == null && System.nanoTime() < giveUp) {
                // A press before the source subscribed is lost: press again, a second later (the same episode: one text for the first seen).
                Instant now = WALL.instant().truncatedTo(ChronoUnit.MILLIS);
                SensorEvent press = new SensorEvent(homeId, sensor, now, SensorKind.BUTTON, 1, 90, 150);
                button.publish("hearth/" + homeId + "/" + sensor, HearthJson.json().writeValueAsBytes(NativeMessage.of(press)));
                alerts.add(AlertIds.alertId(homeId, residentId, Rule.HELP_BUTTON, now) + "/");
                for (int w = 0; w < 10 && texted == null; w++) {
                    Thread.sleep(100);
                    texted = LatencyBench.SENT.get(tag).keySet().stream().filter(k -> alerts.stream().anyMatch(k::startsWith))
                            .findAny().orElse(null);
                }
            }
            if (texted == null) {
                throw new IllegalStateException("no press texted within 20 minutes");
            }
        }
        double ready = (System.nanoTime() - t0) / 1e9;
        step("first press texted", t0);
        double cpu = cpuSeconds() - cpu0;
        System.gc();
        long heap = usedHeap() - heap0;
        System.out.printf(Locale.ROOT, "start %s: %,d homes, registry %,d bytes, ready in %.1f s, JVM CPU %.1f s, load %s, "
                        + "heap after start %,d MB (%,.0f bytes per home)%n", mode, n, Files.size(registryFile), ready, cpu,
                Files.readString(Path.of("/proc/loadavg")).trim(), heap >> 20, (double) heap / n);
        String histogram = System.getProperty("start.histogram");
        if (histogram != null) {
            Files.writeString(Path.of(histogram), classHistogram());
            System.out.println("class histogram of the heap after the start: " + histogram);
        }
        if (!restore) {
            String savepoint = job.stopWithSavepoint(false, checkpoints.resolve(RetainedStates.SAVEPOINTS).toUri().toString(),
                    SavepointFormatType.CANONICAL).get(10, TimeUnit.MINUTES);
            System.out.println("savepoint " + savepoint);
        } else {
            job.cancel().get(5, TimeUnit.MINUTES);
        }
        broker.close();
    }

    /**
     * Writes the kit registry of n homes as JSON (a YAML document): copies of the templates' entries under their own ids,
     * streamed to the file (a million homes' tree and text would not fit beside the job in the heap).
     */
    static void writeRegistry(JsonNode templates, int n, Path file) throws Exception {
        ObjectMapper json = HearthJson.json();
        try (var out = Files.newBufferedWriter(file); var gen = json.createGenerator(out)) {
            gen.writeStartObject();
            gen.writeArrayFieldStart("homes");
            for (int i = 0; i < n; i++) {
                ObjectNode home = ((ObjectNode) templates.get(i % templates.size())).deepCopy();
                int copy = i / templates.size();
                home.put("id", home.get("id").asText() + "c" + copy);
                ((ObjectNode) home.get("resident")).put("id", home.get("resident").get("id").asText() + "c" + copy);
                json.writeTree(gen, home);
            }
            gen.writeEndArray();
            gen.writeEndObject();
        }
    }

    /** The time since the start, and the JVM's CPU time so far (under another helper's load, the wall clock stretches). */
    private static void step(String what, long t0) {
        System.out.printf(Locale.ROOT, "  %6.1f s  (JVM CPU %5.1f s)  %s%n", (System.nanoTime() - t0) / 1e9, cpuSeconds() - cpuAtStart, what);
    }

    private static double cpuAtStart;

    /**
     * The live objects by class ({@code jcmd <pid> GC.class_histogram}), for what a home's heap is made of: with
     * {@code -Dstart.histogram=FILE}, written after the start (the job still running, its registry held).
     */
    private static String classHistogram() throws Exception {
        return (String) ManagementFactory.getPlatformMBeanServer().invoke(
                new javax.management.ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                new Object[] {null}, new String[] {String[].class.getName()});
    }

    private static long usedHeap() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static double cpuSeconds() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime() / 1e9;
    }
}
