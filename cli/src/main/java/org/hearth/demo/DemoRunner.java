package org.hearth.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.hearth.alerts.route.EscalationPolicy;
import org.hearth.ingest.IngestOptions;
import org.hearth.ingest.broker.EmbeddedBroker;
import org.hearth.ingest.decode.RoutingTables;
import org.hearth.ingest.source.MqttSource;
import org.hearth.ingest.validate.ValidationPolicy;
import org.hearth.job.Counters;
import org.hearth.job.DetectionJobConfig;
import org.hearth.alerts.delivery.DeliveryServiceFactory;
import org.hearth.live.LiveJob;
import org.hearth.models.registry.KitRegistry;
import org.hearth.simulator.SimulationConfig;
import org.hearth.simulator.Simulator;
import org.hearth.simulator.anomaly.AnomalyRates;
import org.hearth.simulator.home.SimHome;
import org.hearth.simulator.output.AsyncPahoPublisher;
import org.hearth.simulator.output.PahoPublisher;

/**
 * {@code hearth demo}: everything in one process. An embedded MQTT broker, the live job on a Flink
 * MiniCluster, and simulated homes publishing over MQTT: first {@value #HISTORY_DAYS} days of
 * history as fast as the job takes them (so that each resident's baseline is learned), then the
 * live day from {@value #LIVE_FROM} at accelerated time, with anomalies injected. Texts go to the
 * outbox file and the console. Nothing is faked: every text comes from a rule that fired.
 */
final class DemoRunner {

    static final int HISTORY_DAYS = 10;
    static final String LIVE_FROM = "06:00";
    private static final ZoneId ZONE = ZoneId.of("Europe/London");
    /** Real time, for what the demo's clock must not speed up (serializable: it goes into the job). */
    private static final Clock REAL_CLOCK = Clock.systemUTC();

    /**
     * @param homes how many simulated homes
     * @param speed simulated seconds per real second during the live day
     * @param runFor stop after this long (real time), or null to run until the live day ends
     * @param seed the simulation's seed
     * @param workDir broker, registry, labels and the job's data
     * @param outbox the SMS outbox file
     * @param historyDays days of history before the live day (tests use fewer)
     * @param quiet tests: no anomaly on the live day and a perfect radio (no lost, repeated, delayed or
     *     mis-timed reading), so that nothing but the demo's own path can make a reading late or a text
     */
    record Options(int homes, double speed, Duration runFor, long seed, Path workDir, Path outbox, int historyDays,
                   boolean quiet) {
        Options(int homes, double speed, Duration runFor, long seed, Path workDir, Path outbox) {
            this(homes, speed, runFor, seed, workDir, outbox, HISTORY_DAYS, false);
        }
    }

    /**
     * How late a reading may reach the job, in the demo's time, beyond the live default. The live
     * defaults (2 min allowed lateness) budget for real delays; the demo's clock runs {@code speed}
     * times faster than real time but the broker, the checkpoints and the publisher do not, so a real
     * delay of one second is two minutes of the demo's time at 120x. The embedded broker sends a
     * reader's next messages only once the previous ones are acknowledged, at the next checkpoint
     * (every 2 s here), so a reading routinely takes a second or two of real time to arrive: with
     * the live default alone, ~860 of the live day's first hours' readings were judged late and
     * sensors whose readings were dropped as late looked silent (sensor-offline, no-kettle, not-up
     * on quiet homes). This budget of real time, scaled by the speed, is added to the live default.
     */
    static final Duration REAL_DELAY = Duration.ofSeconds(5);

    /** The one-line summary's numbers. */
    record Summary(long published, long events, long deadLetters, long late, long alerts, long texts, Duration took) {
        String line() {
            return String.format("hearth demo: %,d messages published, %,d events in, %,d dead letters, %,d late, "
                    + "%,d alerts, %,d texts in %ds", published, events, deadLetters, late, alerts, texts, took.toSeconds());
        }
    }

    private final Options options;
    private final PrintStream out;
    private final Clock wall;

    DemoRunner(Options options, PrintStream out, Clock wall) {
        this.options = options;
        this.out = out;
        this.wall = wall;
    }

    Summary run() throws Exception {
        Instant began = wall.instant();
        Path work = options.workDir().toAbsolutePath();
        deleteRecursively(work);
        Path data = Files.createDirectories(work.resolve("data"));
        Files.deleteIfExists(options.outbox());

        LocalDate liveDay = LocalDate.now(wall.withZone(ZONE));
        Instant liveStart = liveDay.atTime(LocalTime.parse(LIVE_FROM)).atZone(ZONE).toInstant();
        SimulationConfig simulation = simulation(options, liveDay);
        Simulator simulator = new Simulator(wall);
        List<SimHome> homes = simulator.homes(simulation);
        Path homesFile = work.resolve("homes.yaml");
        Simulator.writeHomes(homes, homesFile);
        String homesYaml = Files.readString(homesFile);
        KitRegistry registry = new KitRegistry(homes.stream().map(SimHome::registry).toList());

        Instant historyStart = simulation.start().atStartOfDay(ZONE).toInstant();
        DemoClock clock = new DemoClock(work.resolve("clock-started"), historyStart.minus(Duration.ofDays(1)), liveStart,
                options.speed(), REAL_CLOCK);
        out.printf("hearth demo: %d homes, %d days of history, then %s from %s at %sx; texts go to %s%n",
                options.homes(), options.historyDays(), liveDay, LIVE_FROM, trim(options.speed()), options.outbox());

        try (EmbeddedBroker broker = EmbeddedBroker.builder(work.resolve("broker")).start()) {
            JobClient job = startJob(broker, registry, homesYaml, clock, data);
            try {
                awaitSubscribed(broker, data);
                out.println("hearth demo: job running; publishing the history so that baselines are learned ...");
                out.println("hearth demo: each home's learning status: hearth status --broker " + broker.uri());
                DemoPublisher publisher = new DemoPublisher(new AsyncPahoPublisher(broker.uri(), "hearth-demo-homes", 500), clock,
                        liveStart.toEpochMilli());
                AtomicReference<Exception> failure = new AtomicReference<>();
                Thread homesThread = new Thread(() -> {
                    try (publisher) {
                        simulator.run(simulation, publisher, work, (fraction, events) -> { });
                    } catch (Exception e) {
                        failure.set(e);
                    }
                }, "simulated-homes");
                homesThread.setDaemon(true);
                homesThread.start();

                Instant stopAt = options.runFor() == null ? null : began.plus(options.runFor());
                awaitHistoryLearned(job, publisher, stopAt);
                clock.start();
                out.printf("hearth demo: history learned (%,d messages); live from %s %s, %sx real time%n",
                        publisher.published(), liveDay, LIVE_FROM, trim(options.speed()));

                while (homesThread.isAlive() && (stopAt == null || wall.instant().isBefore(stopAt))) {
                    homesThread.join(500);
                }
                if (failure.get() != null) {
                    throw failure.get();
                }
                Map<String, Object> counts = accumulators(job);
                homesThread.interrupt();
                return new Summary(publisher.published(), count(counts, Counters.EVENTS), count(counts, LiveJob.DEAD_LETTERS),
                        count(counts, Counters.LATE), count(counts, Counters.ALERTS),
                        lines(options.outbox()), Duration.between(began, wall.instant()));
            } finally {
                job.cancel().get();
            }
        }
    }

    private JobClient startJob(EmbeddedBroker broker, KitRegistry registry, String homesYaml, DemoClock clock, Path data)
            throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        env.enableCheckpointing(2_000);
        MqttSource source = MqttSource.builder()
                .serverUri(broker.uri())
                .topicFilters(RoutingTables.of(registry).topicFilters())
                .clientIdPrefix("hearth-demo")
                .clock(clock)
                // As hearth run: event time never passes what the broker still holds for the job (the
                // history's tail when the clock starts), judged on real time, not on the demo's.
                .reportProgress()
                .realClock(REAL_CLOCK)
                .build();
        // While the history is published the clock stands before it, so timestamps cannot be checked
        // against the clock: the demo checks payload size only, as a replay does.
        IngestOptions ingest = IngestOptions.live(clock).withValidation(ValidationPolicy.replay());
        ingest = ingest.withAllowedLateness(allowedLateness(ingest.allowedLateness(), options.speed()));
        LiveJob.Settings settings = new LiveJob.Settings(new DetectionJobConfig(homesYaml, null, EscalationPolicy.defaults()),
                data, ingest, DeliveryServiceFactory.outbox(options.outbox(), data, clock), true, null)
                .withStatusBroker(broker.uri());
        new LiveJob(settings).attach(env, source, null);
        return env.executeAsync("hearth-demo");
    }

    /** The source subscribes once its task runs; until then published messages would be lost. */
    private void awaitSubscribed(EmbeddedBroker broker, Path data) throws Exception {
        Path deadLetters = data.resolve("dead-letters");
        PahoPublisher probe = new PahoPublisher(broker.uri(), "hearth-demo-probe");
        try {
            for (int i = 0; i < 600; i++) {
                probe.publish("hearth/demo-probe/probe", "{\"probe\": true}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
                if (contains(deadLetters, "demo-probe")) {
                    return;
                }
                Thread.sleep(500);
            }
            throw new IllegalStateException("the job did not subscribe to the demo broker within 5 minutes");
        } finally {
            probe.close();
        }
    }

    /**
     * The history is learned when the publisher is waiting for the live day and the job has taken
     * nearly all of it: the last half minute stays behind the watermark until the clock starts, and
     * the simulator's duplicates are dropped. Accumulators reach the client only every few seconds.
     */
    private void awaitHistoryLearned(JobClient job, DemoPublisher publisher, Instant stopAt) throws Exception {
        Instant nextReport = wall.instant().plusSeconds(10);
        Instant giveUp = wall.instant().plus(Duration.ofMinutes(10));
        long lastPublished = -1;
        long lastEvents = -1;
        int stillFor = 0;
        while (stopAt == null || wall.instant().isBefore(stopAt)) {
            Thread.sleep(1_000);
            long published = publisher.published();
            long events = count(accumulators(job), Counters.EVENTS);
            boolean publishing = published != lastPublished;
            stillFor = !publishing && events == lastEvents ? stillFor + 1 : 0;
            lastPublished = published;
            lastEvents = events;
            // Nearly all taken, or nothing has moved for 20 s (duplicates, late deliveries and the
            // last half hour behind the watermark make up the rest).
            if (!publishing && published > 0 && (events >= 0.95 * published || (events > 0 && stillFor >= 20))) {
                return;
            }
            if (wall.instant().isAfter(giveUp)) {
                out.printf("hearth demo: the job took only %,d of %,d history messages in 10 minutes; going live anyway%n",
                        events, published);
                return;
            }
            if (wall.instant().isAfter(nextReport)) {
                out.printf("hearth demo: history: %,d messages published, %,d events learned from%n", published, events);
                nextReport = wall.instant().plusSeconds(10);
            }
        }
    }

    private static SimulationConfig simulation(Options options, LocalDate liveDay) {
        SimulationConfig simulation = SimulationConfig.of(options.homes(), options.historyDays() + 1, options.seed())
                .withStart(liveDay.minusDays(options.historyDays()));
        return options.quiet()
                ? simulation.withAnomalies(AnomalyRates.NONE).withEmission(simulation.emission().withFaults(0, 0, 0, 0, 0))
                : simulation.withAnomalies(liveDayAnomalies(options.historyDays()));
    }

    /** The live default plus {@link #REAL_DELAY} as it shows in the demo's time at {@code speed}. */
    static Duration allowedLateness(Duration liveDefault, double speed) {
        return liveDefault.plusMillis((long) (REAL_DELAY.toMillis() * speed));
    }

    private static AnomalyRates liveDayAnomalies(int historyDays) {
        // None in the history (it is what the baseline learns from); on the live day nearly every home
        // gets one acute anomaly, so that a short demo shows real alerts.
        return new AnomalyRates(0.25, 0.30, 0.25, 0.05, 0.10, 0.05, 0.02, 0, 0, historyDays);
    }

    private static Map<String, Object> accumulators(JobClient job) {
        try {
            return job.getAccumulators().get();
        } catch (Exception e) {
            return Map.of();
        }
    }

    private static long count(Map<String, Object> accumulators, String name) {
        return accumulators.get(name) instanceof Number n ? n.longValue() : 0;
    }

    private static long lines(Path file) throws IOException {
        if (!Files.exists(file)) {
            return 0;
        }
        try (Stream<String> lines = Files.lines(file)) {
            return lines.filter(l -> !l.isBlank()).count();
        }
    }

    private static boolean contains(Path dir, String text) throws IOException {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                if (Files.readString(f).contains(text)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static String trim(double speed) {
        return speed == Math.rint(speed) ? Long.toString((long) speed) : Double.toString(speed);
    }
}
