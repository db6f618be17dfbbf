package org.hearth.job;

import java.nio.file.Files;
import org.hearth.bench.PeakHour;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeutils.base.array.BytePrimitiveArraySerializer;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.streaming.util.TestStreamEnvironment;
import org.apache.flink.util.Collector;
import org.hearth.live.FlinkEnvironments;
import org.hearth.models.day.CloseSpread;
import org.hearth.models.event.SensorEvent;
import org.hearth.models.event.SensorKind;
import org.hearth.models.rules.DetectionSettings;
import org.hearth.models.rules.HelpPress;
import org.hearth.models.rules.HomeRules;
import org.hearth.models.rules.HomeRulesState;
import org.hearth.models.rules.HomeRulesStateCodec;
import org.hearth.models.rules.LearnedState;
import org.hearth.simulator.SimulationConfig;
import org.hearth.simulator.Simulator;
import org.hearth.simulator.home.SimHome;
import org.hearth.simulator.output.EventSink;

/**
 * Detection at 28-day steady state on RocksDB, against the engine's keyed-state ceiling, without
 * replaying 28 days through Flink (issue 18 items 2-3, first cut).
 *
 * <p>How the state is built: {@code templates} simulated homes live 28 care days through the models'
 * own {@link HomeRules} in this JVM (minutes of simulated time per second, no Flink); each home's
 * {@link DetectorState} is then written with the job's own {@link DetectorStateSerializer}. The
 * State Processor API (a savepoint written from these states) was not used: {@code
 * flink-state-processor-api} is not in the offline Maven repository here. Instead {@code copies}
 * keyed homes per template are seeded on their first event by deserializing the template's bytes
 * into the job's own keyed state; that first access is inside the uncounted warm-up fifth.
 *
 * <p>Then the template's next care day (its "live day", the real simulated per-home profile, morning
 * included) is fed for all homes in event-time order, as fast as the job takes it, to two jobs:
 * <ul>
 *   <li>detection: per event what {@link HomeDetector#onTimer} does with the detector state — read
 *   it, {@code enterCareDay}, {@code onEvent}, {@code advanceTo}, {@code nextDeadline}, write it.
 *   Not the pending-event buffer, the event-time timers or status facts: so the ratio is an upper
 *   bound for the whole {@link HomeDetector};</li>
 *   <li>reference: one {@code ValueState<byte[]>} read and write per event, the value the same size
 *   as that home's serialized detector state.</li>
 * </ul>
 * on RocksDB at parallelism 1 and 2. Each home has its own {@link HomeRules}, as {@code DetectionSettings}
 * keeps them in the job (they hold per-home caches: copies sharing one would share them). Also measured in this JVM:
 * the heap those rules keep per home between events, and day close (the {@code advanceTo}
 * across the care-day boundary that learns the day) per resident, net of deserializing the state.
 *
 * <p>Homes held (issue 18's last line): the busiest hour of the live day (the morning peak) is fed at
 * its real rate for N homes, paced by the wall clock, to the detection job at parallelism 2 (one
 * 2-core process); one event in K also carries a help press, raised on arrival as
 * {@link HomeDetector}'s urgent path does, and its latency is taken from the moment the event was due
 * at the source to the raise leaving the detector. A backlog anywhere before the detector shows up as
 * latency. N is searched from the measured throughput (a few runs, each measured, none
 * extrapolated; when none of the planned runs holds, N is halved until one does, bounded); the
 * largest N whose press p99 stays within 1 s is printed. Not in this latency: the MQTT and SMS legs
 * ({@code LatencyBench}: a few hundred ms on fresh state), the pending-event buffer and the
 * event-time timers of the whole job. Before the paced feed starts, every home of the run is seeded
 * once, unpaced and not measured (its state into RocksDB, its rules built), as a job restored from a
 * savepoint holds them: a run's homes mostly see one event in the measured window, so seeding them
 * inside it measured the first touch of every home, not the steady state. Each home is seeded with
 * its template's state as that hour begins ({@link #peakSeeds}): the day before closed, as at noon.
 * Then one more run at the size held: the care day's turn ({@link #burst}), every home's day close in
 * the first minutes after noon, with presses through it.
 *
 * <p>In this package because {@link DetectorState} keeps its fields package-private. Not a test
 * (surefire runs *Test classes only). Arguments: {@code [templates] [copies] [events] [results.md]
 * [held-run seconds] [held-run steps]}.
 */
public final class ScaleBench {

    static SensorEvent[] live;
    static int[] liveTemplate;
    static String[] keys;
    /** Also time the job path with the deadline timer moved on every change ({@code -Dscale.compareTimers=true}). */
    static final boolean COMPARE_TIMERS = Boolean.getBoolean("scale.compareTimers");
    /** The job path with its events in a keyed list and a timer each (as before the heap buffer) as well. */
    static final boolean COMPARE_PENDING = Boolean.getBoolean("scale.comparePending");
    static HomeRules[] rules;
    /** What every home's rules are built with (each home gets its own {@link HomeRules}, as in the job). */
    static org.hearth.models.rules.RuleSettings ruleSettings;
    /** Per template: the hot detector state (as the job keeps it per event) and, apart, the baseline. */
    static byte[][] seeds;
    static byte[][] baselineSeeds;
    /**
     * Per template: the open days' parts kept apart from its hot value ({@link DetectorStore#DAY_PARTS}, oldest first),
     * as the job's first write of that state moves them out ({@link LearnedState#spillDays}).
     */
    static byte[][][] partSeeds;
    /** The same at the start of the live day's busiest hour (the paced runs' state): its day closed, its evening in. */
    static byte[][] peakSeeds;
    static byte[][] peakBaselineSeeds;
    static byte[][][] peakPartSeeds;
    /** What the current paced run seeds its homes with (the peak's state, or the live day's start for the burst run). */
    static byte[][] runSeeds;
    static byte[][] runBaselineSeeds;
    static byte[][][] runPartSeeds;
    static int copies;
    static long warmUp;
    static long total;
    static final AtomicLong PROCESSED = new AtomicLong();
    /** The last paced run's seeding (the job's start to its feed's), for the log, and its rate in homes per second. */
    static double seedSeconds;
    static double seedRate = Double.NaN;
    /** Homes seeded before a paced run's feed starts (its warm-up, not measured). */
    static final AtomicLong PREWARMED = new AtomicLong();
    static long prewarmHomes;
    static final AtomicLong STARTED = new AtomicLong();
    static final AtomicLong STOPPED = new AtomicLong();
    // The paced (homes-held) runs: where the feed starts in the input, its rate, and the presses' latencies.
    static long feedFirst;
    static long feedCount;
    static double feedRate;
    static long pressEvery = Long.MAX_VALUE;
    static final AtomicLong FEED_START = new AtomicLong();
    static final AtomicLong FEED_END = new AtomicLong();
    static java.util.concurrent.atomic.AtomicLongArray pressNanos = new java.util.concurrent.atomic.AtomicLongArray(0);
    static final AtomicInteger PRESSES = new AtomicInteger();

    public static void main(String[] args) throws Exception {
        int templates = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        copies = args.length > 1 ? Integer.parseInt(args[1]) : 400;
        long maxEvents = args.length > 2 ? Long.parseLong(args[2]) : 300_000;
        Path out = args.length > 3 ? Path.of(args[3]) : null;
        int heldSeconds = args.length > 4 ? Integer.parseInt(args[4]) : 60;
        int heldSteps = args.length > 5 ? Integer.parseInt(args[5]) : 5;
        // The run's budget in seconds from here (0: none): what is left of QUICK's 5 minutes after bench.sh's build. A homes-held run is started only
        // when it and the spread day-close run after it can end within it, estimated from the seeding rate measured so
        // far; the unspread day-close run (the comparison with before the spread) only without a budget.
        int budgetSeconds = args.length > 6 ? Integer.parseInt(args[6]) : 0;

        long t0 = System.nanoTime();
        long deadline = budgetSeconds > 0 ? t0 + budgetSeconds * 1_000_000_000L : Long.MAX_VALUE;
        buildTemplates(templates);
        double buildS = (System.nanoTime() - t0) / 1e9;
        total = Math.min(maxEvents, (long) live.length * copies);
        warmUp = total / 5;
        int homes = templates * copies;
        long stateBytes = 0;
        long baselineBytes = 0;
        for (int i = 0; i < seeds.length; i++) {
            stateBytes += seeds[i].length;
            baselineBytes += baselineSeeds[i].length;
        }
        stateBytes /= seeds.length;
        baselineBytes /= seeds.length;
        Instant lastFed = live[(int) ((total - 1) / copies)].ts();
        long fedTotal = total; // the paced runs below change total, copies and keys
        System.out.printf(Locale.ROOT, "built %d templates' 28-day state in %.1f s; %,d homes, %,d live-day events per template-set, "
                + "feeding %,d events (%s to %s); detector state %,d bytes hot + %,d baseline apart%n", templates, buildS, homes,
                live.length, total, live[0].ts(), lastFed, stateBytes, baselineBytes);
        double[] dayClose = dayCloseMicros();
        double[] parts = stateParts();
        double heapPerHome = heapPerHome();

        Configuration clusterConf = new Configuration();
        clusterConf.set(org.apache.flink.configuration.RestOptions.BIND_PORT, "0"); // another bench may hold 8081
        // RocksDB's memory as `hearth run` gives it (-Dscale.managedMemory=128m: Flink's own local default, as before)
        String managed = System.getProperty("scale.managedMemory");
        clusterConf.set(org.apache.flink.configuration.TaskManagerOptions.MANAGED_MEMORY_SIZE,
                managed == null ? FlinkEnvironments.DEFAULT_MANAGED_MEMORY : FlinkEnvironments.managedMemory(managed));
        MiniCluster cluster = new MiniCluster(new MiniClusterConfiguration.Builder()
                .setNumTaskManagers(1).setNumSlotsPerTaskManager(4).setConfiguration(clusterConf).build());
        cluster.start();
        List<String> rows = new ArrayList<>();
        List<String> heldRows = new ArrayList<>();
        List<String> jobRows = new ArrayList<>();
        double worst = Double.MAX_VALUE;
        long[] held = {0, 0}; // homes, p99 µs
        long[] burstRow = null;
        long[] unspreadRow = null;
        PeakHour peak = PeakHour.of(java.util.Arrays.stream(live).mapToLong(e -> e.ts().toEpochMilli()).toArray(), seeds.length);
        peakSeeds(peak.first());
        try {
            if (SETTLE_EVENTS > 0) {
                long s0 = System.nanoTime();
                double settled = settleStatePath(SETTLE_EVENTS);
                System.out.printf(Locale.ROOT, "state path settled: %,d events in this thread (%.1f s), the last %,d at %.2f µs of "
                        + "CPU per event (read, rules, status facts, write; no RocksDB)%n", SETTLE_EVENTS,
                        (System.nanoTime() - s0) / 1e9, total, settled);
            }
            run(cluster, 1, true); // JIT warm-up: not reported
            run(cluster, 1, PerEvent.JOB_HEAP); // the same for the job path's buffer and timers
            for (int p : new int[] {1, 2}) {
                double ref = run(cluster, p, false);
                double det = run(cluster, p, true);
                worst = Math.min(worst, det / ref);
                rows.add(String.format(Locale.ROOT, "| rocksdb | %d | %,d | %,.0f | %,.0f | %,.0f | %.1f | **%.3f** |",
                        p, homes, ref, det, det / p, 1e6 / det * p, det / ref));
                System.out.println(rows.get(rows.size() - 1));
                // The whole per-event path of the job's detector (buffer, timers, status facts) against the same
                // reference; with -Dscale.compareTimers=true also the deadline timer moved on every change (the
                // comparison of BENCHMARKS.md), left out by default to keep the QUICK run within its 5 minutes.
                // With -Dscale.comparePending=true also the events in a keyed list with a timer each (before the heap buffer).
                PerEvent[] paths = COMPARE_TIMERS ? (p == 1 ? new PerEvent[] {PerEvent.JOB_EAGER, PerEvent.JOB_KEPT}
                        : new PerEvent[] {PerEvent.JOB_KEPT, PerEvent.JOB_EAGER}) // either order once
                        : COMPARE_PENDING ? (p == 1 ? new PerEvent[] {PerEvent.JOB_KEPT, PerEvent.JOB_HEAP}
                        : new PerEvent[] {PerEvent.JOB_HEAP, PerEvent.JOB_KEPT})
                        : new PerEvent[] {PerEvent.JOB_HEAP};
                for (PerEvent path : paths) {
                    double job = run(cluster, p, path);
                    jobRows.add(String.format(Locale.ROOT, "| %s | %d | %,.0f | %,.0f | %.1f | **%.3f** |",
                            path.label, p, ref, job, 1e6 / job * p, job / ref));
                    System.out.println(jobRows.get(jobRows.size() - 1));
                }
                if (p == 2) {
                    // Homes held: start where a quarter of the measured throughput puts the peak hour, double while
                    // a run holds, step down while none has (by a fifth, or by half past a 5 s p99), then bisect between the largest that held and the smallest
                    // that did not. Never past a million homes (the goal). With Flink's local default of 128m
                    // of managed memory the paced runs held 6 % of the unpaced rate (140,811 homes, 7 Dec): RocksDB read
                    // from disk; so a start at a sixteenth kept the QUICK run short. With `hearth run`'s 2g the size
                    // held roughly tripled, and a start at a sixteenth stopped three steps short of it.
                    double perHome = peak.perHomePerSecond();
                    // (-Dscale.heldStart=N starts there instead: to reproduce or profile one size)
                    long n = Long.getLong("scale.heldStart", Math.min(MILLION, Math.max(templates, Math.round(det / 4 / perHome))));
                    long lowestFailed = Long.MAX_VALUE;
                    // Bounded: the planned steps, then (when none held yet) up to as many halvings, down to the templates.
                    for (int step = 0; step < 2 * heldSteps && (step < heldSteps || held[0] == 0); step++) {
                        // room for this run and the spread day-close run after it (at most this size)
                        if (step > 0 && !fits(deadline, 2 * runSeconds(Math.max(n, held[0]), heldSeconds))) {
                            System.out.printf(Locale.ROOT, "homes held: no run of %,d homes (seeding them takes ~%.0f s): it and the "
                                    + "day-close run would end past the %d s budget%n", n, n / seedRate, budgetSeconds);
                            break;
                        }
                        long[] r = held(cluster, templates, n, peak, heldSeconds);
                        boolean ok = r[1] <= 1_000_000;
                        heldRows.add(String.format(Locale.ROOT, "| %,d | %,.0f | %,.0f | %d | %.0f | %.0f | %s |", r[0], r[0] * perHome,
                                r[2] / 1e3, r[3], r[4] / 1e3, r[1] / 1e3, ok ? "yes" : "no"));
                        System.out.println(heldRows.get(heldRows.size() - 1));
                        if (ok && r[0] > held[0]) {
                            held[0] = r[0];
                            held[1] = r[1];
                        }
                        if (!ok) {
                            lowestFailed = Math.min(lowestFailed, r[0]);
                        }
                        // none held yet: a run just over (p99 under 5 s) steps down by a fifth, a backlog halves N
                        long next = lowestFailed != Long.MAX_VALUE && held[0] > 0 ? Math.round((held[0] + lowestFailed) / 2.0)
                                : ok ? Math.min(MILLION, 2 * n) : Math.round(n * (r[1] > 5_000_000 ? 0.5 : 0.8));
                        // done: a million held, or the bracket narrower than a tenth of what held
                        if (next <= held[0] || next < templates || (held[0] > 0 && lowestFailed - held[0] < held[0] / 10)
                                || (ok && r[0] >= MILLION)) {
                            break;
                        }
                        n = next;
                    }
                    if (held[0] > 0) {
                        // The noon turn at the size that held the morning peak: spread as a million homes' closes are
                        // (the goal), then every home's day close in the first minutes (as before the spread), time allowing.
                        if (fits(deadline, runSeconds(held[0], heldSeconds))) {
                            burstRow = burst(cluster, templates, held[0], heldSeconds, millionCap(held[0], heldSeconds));
                        }
                        if (budgetSeconds == 0) { // a comparison that never holds and seeds as long: not in QUICK's minutes
                            unspreadRow = burst(cluster, templates, held[0], heldSeconds, UNSPREAD_S);
                        }
                    }
                }
            }
        } finally {
            cluster.close();
        }
        StringBuilder md = new StringBuilder(String.format(Locale.ROOT,
                "### Steady-state detection vs keyed-state reference (%,d homes from %d simulated 28-day templates, "
                        + "%,d live-day events %s to %s; detector state %,d bytes hot, read and written per event, "
                        + "+ %,d bytes of baseline in its own value)%n%n",
                homes, templates, fedTotal, live[0].ts(), lastFed, stateBytes, baselineBytes));
        md.append("| state backend | parallelism | homes | reference (events/s) | detection (events/s) | detection events/s per core "
                + "| µs per event per core | ratio detection / reference |\n|---|---:|---:|---:|---:|---:|---:|---:|\n");
        rows.forEach(r -> md.append(r).append('\n'));
        md.append("\nThe job's whole per-event path (JobPath: the events waiting on the operator's heap, handed over as the "
                + "watermark passes them, the "
                + "state path, the status facts and the deadline timer; not the registry look-up or the pre-alert windows), "
                + "same input and reference:\n\n| path | parallelism | reference (events/s) | job path (events/s) "
                + "| µs per event per core | ratio job path / reference |\n|---|---:|---:|---:|---:|---:|\n");
        jobRows.forEach(r -> md.append(r).append('\n'));
        md.append(String.format(Locale.ROOT, "%nDay close (advanceTo across the care-day boundary, net of reading the state; the JIT "
                + "settled, %,d closes per template before the measured 100): median %.3f ms of CPU per resident [%.3f-%.3f] over %d "
                + "templates; wall clock %.3f ms [%.3f-%.3f]. With the status facts the close changes (the detector computes them "
                + "at the same timer): %.3f ms of CPU [%.3f-%.3f].%n", (CLOSE_ROUNDS - 1) * 100, dayClose[1] / 1e3, dayClose[0] / 1e3,
                dayClose[2] / 1e3, templates, dayClose[4] / 1e3, dayClose[3] / 1e3, dayClose[5] / 1e3,
                dayClose[7] / 1e3, dayClose[6] / 1e3, dayClose[8] / 1e3));
        md.append(String.format(Locale.ROOT, "%nHomes held (parallelism 2, RocksDB): the live day's busiest hour (%s onward, %.2f events per home "
                + "per minute; %.0f per home over the whole day) fed at its real rate for %d s per run, one event in ~200 per run "
                + "carrying a help press; latency from the event's due time at the source to the urgent raise out of the detector "
                + "(no MQTT, no SMS leg); every home seeded into RocksDB before the paced feed starts.%n%n| homes | offered events/s | fed events/s (achieved) | presses | press p50 ms | press p99 ms "
                + "| p99 <= 1 s |%n|---:|---:|---:|---:|---:|---:|---|%n", live[peak.first()].ts(), peak.perHomePerSecond() * 60, (double) live.length / templates,
                heldSeconds));
        heldRows.forEach(r -> md.append(r).append('\n'));
        md.append(String.format(Locale.ROOT, "%nWhere one event's state path goes (in this JVM, one thread, median over templates, µs): "
                + "state read %.0f (learned parts not decoded), state write %.0f; decode of the baseline %.0f, the open days %.0f, "
                + "the tracker %.0f; encode of the days %.0f, the tracker %.0f; a home's first access (fresh rules: read, decode the "
                + "hot parts, nextDeadline) %.0f; any later access (read, tracker and days decoded, hot limits read, "
                + "nextDeadline, write) %.0f.%n", parts[0], parts[8], parts[1], parts[2], parts[3], parts[4], parts[5], parts[6],
                parts[7]));
        md.append(String.format(Locale.ROOT, "%nHeap the detector keeps per home between events (its HomeRules and anything "
                + "they cache), measured over %d homes: %,.0f bytes per home, i.e. %.1f GiB per million homes on top of RocksDB.%n",
                HEAP_HOMES, heapPerHome, heapPerHome * 1e6 / (1L << 30)));
        long[] sizes = stateSizes();
        md.append(String.format(Locale.ROOT, "%nState per home (mean over templates): %,d bytes stored: the baseline in its "
                + "own value (cold: read at day close) %,d; the hot value %,d, of which the limits %,d, the tracker %,d, the open "
                + "days %,d, the rest (safety tracks, rule memory) %,d.%n",
                stateBytes + baselineBytes, sizes[0], stateBytes, sizes[1], sizes[2], sizes[3],
                stateBytes - sizes[1] - sizes[2] - sizes[3]));
        for (long[] row : new long[][] {unspreadRow, burstRow}) {
            if (row == null) {
                continue;
            }
            md.append(String.format(Locale.ROOT, "%nDay close at the size held, %s (the live day from 12:30, the care days' "
                    + "close, for %d s at its first hour's mean rate; each home seeded as 12:30 comes, before the feed): "
                    + "%,d homes, **%,d days learned in the run**, offered %,.0f events/s, fed %,.0f, %d presses, p50 %.0f ms, "
                    + "**p99 %.0f ms** (%s).%n",
                    row == unspreadRow ? "unspread (every home's id with a close offset under " + UNSPREAD_S
                            + " s: each learns at its first event after 12:30, as before the spread)"
                            : String.format(Locale.ROOT, "spread as a million homes' closes are (CloseSpread's hour: %,d "
                            + "per second; here every home's id with an offset under %d s, so that these homes close about as "
                            + "densely; measured: %,.0f per second)", MILLION / CloseSpread.WINDOW.toSeconds(),
                            millionCap(row[0], heldSeconds), row[5] / (double) heldSeconds),
                    heldSeconds, row[0], row[5], row[6] / 1e3, row[2] / 1e3, row[3], row[4] / 1e3,
                    row[1] / 1e3, row[1] <= 1_000_000 ? "holds" : "does not hold"));
        }
        System.out.println(md);
        if (out != null) {
            Files.writeString(out, md + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
        System.out.printf(Locale.ROOT, "help-button p99 at %,d homes: %.0f ms (in-job: due at the source to the urgent raise)%n",
                held[0], held[1] / 1e3);
        if (burstRow != null) {
            System.out.printf(Locale.ROOT, "help-button p99 from 12:30 at %,d homes, day close spread as a million homes' "
                    + "(%,d learned in %d s): %.0f ms%s%n", burstRow[0], burstRow[5], heldSeconds, burstRow[1] / 1e3,
                    unspreadRow == null ? "" : String.format(Locale.ROOT, "; unspread (%,d learned): %.0f ms", unspreadRow[5],
                            unspreadRow[1] / 1e3));
        }
        System.out.printf(Locale.ROOT, "steady-state detection / keyed-state reference: %.3f%n", worst);
        System.out.printf(Locale.ROOT, "homes held on this machine with help-button p99 <= 1 s: %d%n", held[0]);
        System.exit(0);
    }

    /** Simulates the templates for 30 days; each lives 28 care days, then its next care day is the live day. */
    static void buildTemplates(int templates) throws Exception {
        SimulationConfig config = SimulationConfig.of(templates, 30, 11);
        Simulator simulator = new Simulator(Clock.systemUTC());
        List<SimHome> homes = simulator.homes(config);
        Path yaml = Files.createTempFile("hearth-scale-homes", ".yaml");
        Simulator.writeHomes(homes, yaml);
        DetectionSettings settings = DetectionSettings.parse(Files.readString(yaml), null);
        Files.delete(yaml);
        Map<String, Integer> index = new HashMap<>();
        rules = new HomeRules[templates];
        HomeRulesState[] states = new HomeRulesState[templates];
        int[] careDays = new int[templates];
        seeds = new byte[templates][];
        baselineSeeds = new byte[templates][];
        partSeeds = new byte[templates][][];
        for (int i = 0; i < templates; i++) {
            index.put(homes.get(i).id(), i);
            rules[i] = settings.rules(homes.get(i).id()).orElseThrow();
            ruleSettings = settings.settings();
            states[i] = new HomeRulesState();
        }
        List<SensorEvent> liveEvents = new ArrayList<>();
        List<Integer> liveOwners = new ArrayList<>();
        boolean[] liveStarted = new boolean[templates];
        long[] lastAdvance = {Long.MIN_VALUE};
        simulator.run(config, new EventSink() {
            @Override
            public void accept(SimHome home, SensorEvent event, long arrivalMs) {
                int i = index.get(home.id());
                if (careDays[i] > 29) {
                    return;
                }
                if (arrivalMs - lastAdvance[0] >= 60_000) { // the watermark moves every simulated minute
                    lastAdvance[0] = arrivalMs;
                    Instant mark = Instant.ofEpochMilli(arrivalMs).minus(Duration.ofMinutes(5));
                    for (int h = 0; h < templates; h++) {
                        if (seeds[h] == null) {
                            rules[h].advanceTo(states[h], mark);
                        }
                    }
                }
                if (seeds[i] == null) {
                    // A new care day after 28 whole ones (the first, partial one not counted): freeze the learned state,
                    // split as the job keeps it (DetectorStore): the baseline apart, the hot value without it.
                    HomeRulesState probe = copy(states[i]);
                    if (rules[i].enterCareDay(probe, event.ts()) && careDays[i] == 29) {
                        HomeRulesStateCodec.writeKit(states[i], rules[i].kitStrings()); // as the job writes it
                        DetectorState split = seededState(i, write(new DetectorState(states[i], null)));
                        baselineSeeds[i] = split.rules.learned.baselineRaw();
                        split.rules.learned.baselineSaved();
                        HomeRulesStateCodec.writeKit(split.rules, rules[i].kitStrings());
                        DetectorState stored = seeded(i, write(split), new byte[0][]);
                        partSeeds[i] = spill(i, stored, new byte[0][]); // as the job's first write of it
                        HomeRulesStateCodec.writeKit(stored.rules, rules[i].kitStrings());
                        seeds[i] = write(stored);
                    } else {
                        if (rules[i].enterCareDay(states[i], event.ts())) {
                            careDays[i]++;
                        }
                        rules[i].onEvent(states[i], event);
                        return;
                    }
                }
                // The live day: the template's next care day.
                HomeRulesState probe = states[i];
                if (rules[i].enterCareDay(probe, event.ts()) && liveStarted[i]) {
                    careDays[i] = 30; // its live day is complete
                    return;
                }
                liveStarted[i] = true;
                liveEvents.add(event);
                liveOwners.add(i);
            }

            @Override
            public void close() {}
        }, null, (f, n) -> {});
        for (int i = 0; i < templates; i++) {
            if (seeds[i] == null) {
                throw new IllegalStateException("template " + i + " did not reach 28 care days in 30 simulated days");
            }
        }
        // Event-time order across templates (the simulator delivers in arrival order).
        Integer[] order = new Integer[liveEvents.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> liveEvents.get(a).ts().compareTo(liveEvents.get(b).ts()));
        live = new SensorEvent[order.length];
        liveTemplate = new int[order.length];
        for (int i = 0; i < order.length; i++) {
            live[i] = liveEvents.get(order[i]);
            liveTemplate[i] = liveOwners.get(order[i]);
        }
        keys = new String[templates * copies];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = "h" + (i / copies) + "-" + (i % copies);
        }
    }

    /**
     * Each template's state as the busiest hour begins: its live day's events before that hour taken as the job
     * takes them (the previous care day closed on the first, the afternoon and evening in the open day), split as
     * the job keeps it. Seeding the paced runs with the state of the live day's start instead put every home's day
     * close (baseline read, learned, re-encoded, limits recomputed) into the measured hour: a day-close burst of
     * all N homes at once, which the morning peak does not have (care days turn at noon).
     */
    static void peakSeeds(int first) {
        byte[][][] at = seedsAt(first);
        peakSeeds = at[0];
        peakBaselineSeeds = at[1];
        peakPartSeeds = partsAt;
    }

    /** The live day's common close: its boundary plus the close delay (12:30 local), before any home's own offset. */
    static Instant commonClose() {
        java.time.ZoneId zone = rules[0].home().zone();
        var day = org.hearth.models.day.DayConfig.defaults();
        return live[0].ts().atZone(zone).toLocalDate().atTime(day.boundary()).atZone(zone).toInstant().plus(day.closeDelay());
    }

    /** The index in live of the first event at or after {@link #commonClose()}. */
    static int firstAfterClose() {
        Instant close = commonClose();
        int e = 0;
        while (e < live.length && live[e].ts().isBefore(close)) {
            e++;
        }
        return e;
    }

    /** The open days' parts of the last {@link #seedsAt} (per template), as the job keeps them beside the hot value. */
    static byte[][][] partsAt;

    /**
     * Each template's {hot, baseline} stored state after its live events before {@code firstEvent}, as the job keeps it;
     * its open days' parts in {@link #partsAt}.
     */
    static byte[][][] seedsAt(int firstEvent) {
        byte[][] hot = new byte[seeds.length][];
        byte[][] cold = new byte[seeds.length][];
        partsAt = new byte[seeds.length][][];
        for (int i = 0; i < seeds.length; i++) {
            DetectorState s = seeded(i, seeds[i]);
            HomeRules r = new HomeRules(rules[i].home(), ruleSettings);
            for (int e = 0; e < firstEvent; e++) {
                if (liveTemplate[e] == i) {
                    r.enterCareDay(s.rules, live[e].ts());
                    r.onEvent(s.rules, live[e]);
                    r.advanceTo(s.rules, live[e].ts());
                }
            }
            s.deadlineTimer = r.nextDeadline(s.rules).map(Instant::toEpochMilli).orElse(null);
            cold[i] = s.rules.learned.baselineRaw();
            s.rules.learned.baselineSaved();
            partsAt[i] = spill(i, s, partSeeds[i]);
            hot[i] = write(s);
        }
        return new byte[][][] {hot, cold};
    }

    /** How long a paced run of {@code homes} may take: seeding at the rate measured so far, then at most its bound. */
    private static double runSeconds(long homes, int heldSeconds) {
        return (Double.isNaN(seedRate) ? 0 : homes / seedRate) + 2.0 * heldSeconds + 10;
    }

    /** Whether {@code seconds} more end before {@code deadline} ({@link System#nanoTime()}). */
    private static boolean fits(long deadline, double seconds) {
        return deadline == Long.MAX_VALUE || System.nanoTime() + (long) (seconds * 1e9) <= deadline;
    }

    /**
     * One paced run of N homes (rounded up to whole copies of the templates) from the peak hour at its real rate for
     * {@code seconds}: {homes, press p99 ns, achieved feed events/s x1000, presses, press p50 ns}.
     */
    private static long[] held(MiniCluster cluster, int templates, long n, PeakHour peak, int seconds) throws Exception {
        return paced(cluster, templates, n, peak.first(), peak.perHomePerSecond(), seconds, peakSeeds, peakBaselineSeeds, peakPartSeeds);
    }

    /**
     * The care days' close (12:30) for N homes: the live day from 12:30 at its first hour's mean rate, each home seeded
     * with its state as 12:30 comes (its previous care day not learned yet), with help presses measured through it.
     * A home learns its day (the baseline read from its own value, the day added, the baseline written, the limits
     * recomputed) at its first event past 12:30 plus its own offset ({@link CloseSpread}); every home gets an id whose
     * offset is under {@code cap} s ({@link #offsetCap}): {@link #UNSPREAD_S}, the burst as it was before the spread,
     * every home learning at its first event after 12:30; or the cap at which these N homes close as many days per
     * second as a million homes spread over the hour. The earlier runs seeded the state of the live day's start and fed
     * from 12:00: their "day closes" entered a care day and learned none. Same result array as {@link #held}, plus
     * the days actually learned in the run.
     */
    private static long[] burst(MiniCluster cluster, int templates, long n, int seconds, long cap) throws Exception {
        int first = firstAfterClose();
        int end = first;
        while (end < live.length && live[end].ts().isBefore(live[first].ts().plus(Duration.ofHours(1)))) {
            end++;
        }
        byte[][][] before = seedsAt(first); // each home as 12:30 comes: its day not learned yet
        byte[][][] beforeParts = partsAt;
        offsetCap = cap;
        try {
            long[] r = paced(cluster, templates, n, first, (end - first) / 3600.0 / seeds.length, seconds, before[0], before[1],
                    beforeParts);
            return withClosed(r, CLOSES.get()); // days actually learned in the run
        } finally {
            offsetCap = 0;
        }
    }

    private static long[] withClosed(long[] r, long closed) {
        long[] out = java.util.Arrays.copyOf(r, 7);
        out[5] = closed;
        out[6] = (long) (feedRate * 1e3);
        return out;
    }

    /** One paced run of N homes from live event {@code first} at {@code perHome} events per home per second. */
    private static long[] paced(MiniCluster cluster, int templates, long n, int first, double perHome, int seconds,
                                byte[][] hot, byte[][] cold, byte[][][] parts) throws Exception {
        runSeeds = hot;
        runBaselineSeeds = cold;
        runPartSeeds = parts;
        copies = (int) Math.max(1, (n + templates - 1) / templates);
        long homes = (long) copies * templates;
        keys = new String[(int) homes];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = "h" + (i / copies) + "-" + (i % copies);
            // ids whose close offset is under the cap: the burst as before the spread, or as dense as a million homes'
            for (int tries = 0; offsetCap > 0 && CloseSpread.offset(keys[i]).toSeconds() >= offsetCap; tries++) {
                keys[i] = "h" + (i / copies) + "-" + (i % copies) + "-" + tries;
            }
        }
        CLOSES.set(0);
        feedRate = perHome * homes;
        feedFirst = (long) first * copies;
        feedCount = Math.min((long) (feedRate * seconds), (long) (live.length - first) * copies);
        total = feedCount; // counted() needs a total; the rate it measures is not used here
        warmUp = 1;
        pressEvery = Math.max(1, feedCount / 200);
        pressNanos = new java.util.concurrent.atomic.AtomicLongArray((int) (feedCount / pressEvery) + 2);
        PRESSES.set(0);
        SKIPPED.set(0);
        overrunNanos = (2L * seconds + 10) * 1_000_000_000L;
        FEED_START.set(0);
        FEED_END.set(0);
        Configuration conf = FlinkEnvironments.withRocksDbTuning(new Configuration()); // the live job's RocksDB options
        conf.set(StateBackendOptions.STATE_BACKEND, "rocksdb");
        TestStreamEnvironment.setAsContext(cluster, 2);
        try {
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
            env.setParallelism(2);
            env.getConfig().enableObjectReuse();
            PROCESSED.set(0);
            PREWARMED.set(0);
            prewarmHomes = homes;
            // First every home once, unpaced (negative indices: -1 - home): its 28-day state into RocksDB and its
            // rules built, as a job restored from a savepoint has them; the paced feed starts when all are in.
            env.fromSequence(-homes, feedCount - 1).setParallelism(1).name("peak-hour")
                    .map(new Pace()).setParallelism(1).name("paced")
                    .keyBy(i -> i < 0 ? keys[(int) (-1 - i)] : keys[home(i)])
                    .process(new Detect()).name("detection")
                    .sinkTo(new DiscardingSink<>());
            System.gc(); // the runs before left their homes' rules and state behind: not this run's garbage to collect
            long began = System.nanoTime();
            env.execute("homes held " + homes);
            seedSeconds = (FEED_START.get() - began) / 1e9;
            seedRate = homes / Math.max(1e-3, seedSeconds);
        } finally {
            TestStreamEnvironment.unsetAsContext();
            pressEvery = Long.MAX_VALUE;
        }
        int presses = PRESSES.get();
        long[] lat = new long[presses];
        for (int k = 0; k < presses; k++) {
            lat[k] = pressNanos.get(k);
        }
        java.util.Arrays.sort(lat);
        long p99 = lat[Math.min(presses - 1, (int) Math.ceil(presses * 0.99) - 1)];
        long p50 = lat[presses / 2];
        if (SKIPPED.get() > 0) { // a backlog past the bound: does not hold, whatever the presses measured before it
            System.out.printf(Locale.ROOT, "held run overran its bound (%d s): %,d events skipped%n", overrunNanos / 1_000_000_000L,
                    SKIPPED.get());
            p99 = Math.max(p99, overrunNanos);
        }
        double fed = feedCount / ((FEED_END.get() - FEED_START.get()) / 1e9);
        System.out.printf(Locale.ROOT, "held run: %,d homes (seeded in %.0f s), offered %,.0f events/s, fed %,.0f events/s, %d presses, "
                + "p50 %.0f ms, p99 %.0f ms%n", homes, seedSeconds, feedRate, fed, presses, p50 / 1e6, p99 / 1e6);
        return new long[] {homes, p99 / 1_000, (long) (fed * 1e3), presses, p50 / 1_000};
    }

    static long due(long index) {
        return FEED_START.get() + (long) ((index - feedFirst) * 1e9 / feedRate);
    }

    /** Lets each event go when it is due at the feed rate (the source ahead of it is unpaced). */
    static final class Pace implements MapFunction<Long, Long> {
        private static final long serialVersionUID = 1L;

        @Override
        public Long map(Long k) throws InterruptedException {
            if (k < 0) {
                return k; // warm-up: not paced
            }
            long index = feedFirst + k;
            if (FEED_START.get() == 0) {
                // The feed starts once every home is seeded (bounded: a stuck warm-up fails the run, not the wait).
                long deadline = System.nanoTime() + 600_000_000_000L;
                while (PREWARMED.get() < prewarmHomes) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("warm-up did not finish: " + PREWARMED.get() + " of " + prewarmHomes);
                    }
                    Thread.sleep(5);
                }
            }
            FEED_START.compareAndSet(0, System.nanoTime());
            long due = due(index);
            for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                LockSupport.parkNanos(Math.min(wait, 1_000_000));
            }
            if (index == feedFirst + feedCount - 1) {
                FEED_END.set(System.nanoTime());
            }
            return index;
        }
    }

    /**
     * The detector state's per-event path taken apart on the templates' seeds, µs (median over templates):
     * {0 JSON read (learned parts not decoded), 1 decode of the baseline, 2 of the open days, 3 of the tracker,
     * 4 encode of the days, 5 of the tracker, 6 first access of a home (fresh rules: read, decode everything,
     * rebuild the rules' models of the baseline, nextDeadline), 7 any later access (read, baseline taken over,
     * days and tracker decoded, nextDeadline, write), 8 the JSON write alone (learned parts not decoded)}.
     */
    private static double[] stateParts() throws Exception {
        int reps = 50;
        double[][] per = new double[9][seeds.length];
        for (int round = 0; round < 3; round++) { // the first rounds warm the JIT up
            for (int i = 0; i < seeds.length; i++) {
                final int index = i;
                byte[] seed = seeds[i];
                HomeRules template = rules[i];
                java.time.ZoneId zone = template.home().zone();
                // as stored, nothing decoded (the blobs in their self-contained form: format 3, the kit's strings as table)
                org.hearth.models.rules.LearnedState learned = seeded(index, seed).rules.learned;
                byte[] b = baselineSeeds[i];
                byte[] d = learned.daysRaw();
                byte[] t = learned.trackerRaw();
                var dayConfig = org.hearth.models.day.DayConfig.defaults();
                var activityConfig = org.hearth.models.activity.ActivityConfig.defaults();
                var days = org.hearth.models.state.StateCodec.readDays(d, zone, dayConfig);
                var tracker = org.hearth.models.state.StateCodec.readTracker(t, template.home(), activityConfig);
                Runnable[] parts = {
                    () -> seeded(index, seed), // bytes, then decoded with the kit (version 8)
                    () -> org.hearth.models.state.StateCodec.readBaseline(b),
                    () -> org.hearth.models.state.StateCodec.readDays(d, zone, dayConfig),
                    () -> org.hearth.models.state.StateCodec.readTracker(t, template.home(), activityConfig),
                    () -> org.hearth.models.state.StateCodec.writeDays(days),
                    () -> org.hearth.models.state.StateCodec.writeTracker(tracker),
                    () -> new HomeRules(template.home(), ruleSettings).nextDeadline(seeded(index, seed).rules),
                    null,
                    () -> write(seeded(index, seed)),
                };
                HomeRules own = new HomeRules(template.home(), ruleSettings);
                byte[][] stored = {seed};
                parts[7] = () -> {
                    DetectorState s = seeded(index, stored[0]);
                    own.nextDeadline(s.rules);
                    stored[0] = write(s);
                };
                for (int k = 0; k < parts.length; k++) {
                    long t0 = System.nanoTime();
                    for (int r = 0; r < reps; r++) {
                        parts[k].run();
                    }
                    per[k][i] = (System.nanoTime() - t0) / 1e3 / reps;
                }
                per[8][i] = Math.max(0, per[8][i] - per[0][i]);
            }
        }
        double[] median = new double[per.length];
        for (int k = 0; k < per.length; k++) {
            double[] sorted = per[k].clone();
            java.util.Arrays.sort(sorted);
            median[k] = sorted[sorted.length / 2];
        }
        return median;
    }

    /** {baseline bytes, limits bytes, tracker bytes, open days bytes}, mean over the templates' seeds. */
    private static long[] stateSizes() {
        long[] sum = new long[4];
        for (int i = 0; i < seeds.length; i++) {
            org.hearth.models.rules.LearnedState learned = seeded(i, seeds[i]).rules.learned;
            sum[0] += baselineSeeds[i].length;
            sum[1] += learned.limitsRaw() == null ? 0 : learned.limitsRaw().length;
            var kit = rules[i].kitStrings(); // as the hot value holds them: relative to the kit (codec v8)
            sum[2] += learned.trackerRaw(kit) == null ? 0 : learned.trackerRaw(kit).length;
            sum[3] += learned.daysRaw(kit) == null ? 0 : learned.daysRaw(kit).length;
        }
        for (int k = 0; k < sum.length; k++) {
            sum[k] /= seeds.length;
        }
        return sum;
    }

    static final int HEAP_HOMES = 400;

    /**
     * Heap retained per home by its rules after one access (what DetectionSettings keeps for every home the subtask
     * has seen): used heap after a full GC with {@link #HEAP_HOMES} homes' rules alive, less before, over the homes.
     */
    private static double heapPerHome() {
        Runtime rt = Runtime.getRuntime();
        List<HomeRules> alive = new ArrayList<>(HEAP_HOMES);
        long before = usedAfterGc(rt);
        for (int h = 0; h < HEAP_HOMES; h++) {
            int t = h % seeds.length;
            HomeRules r = new HomeRules(rules[t].home(), ruleSettings);
            DetectorState s = seeded(t, seeds[t]);
            r.nextDeadline(s.rules);
            write(s);
            alive.add(r);
        }
        long after = usedAfterGc(rt);
        double perHome = (double) (after - before) / alive.size();
        alive.clear();
        return perHome;
    }

    private static long usedAfterGc(Runtime rt) {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return rt.totalMemory() - rt.freeMemory();
    }

    /**
     * Events the state path takes in this thread before the Flink runs ({@code -Dscale.settleEvents=N}; 0: none, as the
     * runs before 2026-12-07 16:00). A job that has run for minutes has its detector compiled; the runs measure a few tens
     * of thousands of events, and the state path (the codec and the rules: thousands of methods) reaches its settled cost
     * only after some 300,000 events ({@code DetectionPathProfile}: ~45 µs of CPU per event in its first 80,000, ~15 from
     * its fourth round), while the reference's one read and write settles in a few thousand. Without this the headline
     * ratio measured the JIT's warm-up more than the state path (issue 18, hot-15).
     */
    static final long SETTLE_EVENTS = Long.getLong("scale.settleEvents", 400_000);

    /**
     * The state path as {@link Detect} runs it (read, the rules, the status facts, write; no RocksDB), over the live day's
     * fed events again and again, every home restarted from its seed at each pass, for {@code events} events: returns
     * the last pass's thread CPU µs per event.
     */
    static double settleStatePath(long events) {
        int homes = seeds.length * copies;
        HomeRules[] own = new HomeRules[homes];
        for (int h = 0; h < homes; h++) {
            own[h] = ownRules(h / copies, keys[h]);
        }
        org.hearth.job.status.StatusFacts facts = new org.hearth.job.status.StatusFacts();
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        double lastPass = Double.NaN;
        long sink = 0;
        for (long done = 0; done < events; done += total) {
            long cpu0 = threads.getCurrentThreadCpuTime();
            sink += statePathPass(own, total, facts, null);
            lastPass = (threads.getCurrentThreadCpuTime() - cpu0) / 1e3 / total;
        }
        return sink < 0 ? Double.NaN : lastPass;
    }

    /**
     * One pass of the live day through the state path in this thread, every home from its template's seed, exactly as
     * {@link HomeDetector#onTimer} takes one event: read the hot state (the baseline loaded only if asked for),
     * {@code enterCareDay}, {@code onEvent}, {@code advanceTo} the event's time, {@code nextDeadline}, the status facts,
     * write the baseline if it changed and the hot state. Used by the settle above and by {@code DetectionPathProfile}.
     *
     * @param own each home's rules
     * @param events how many of the live day's fed events (home by home, as {@link #home} spreads them)
     * @param partNanos when given, the wall-clock nanoseconds of the rules ([0]) and of the status facts ([1]) are added
     * @return the outcomes and facts produced (a sink, so the JIT keeps the work)
     */
    static long statePathPass(HomeRules[] own, long events, org.hearth.job.status.StatusFacts facts, long[] partNanos) {
        int homes = own.length;
        byte[][] hot = new byte[homes][];
        byte[][] cold = new byte[homes][];
        for (int h = 0; h < homes; h++) {
            hot[h] = seeds[h / copies];
            cold[h] = baselineSeeds[h / copies];
        }
        long sink = 0;
        for (long index = 0; index < events; index++) {
            int h = home(index);
            SensorEvent event = live[(int) (index / copies)];
            DetectorState s = readFor(h / copies, own[h], hot[h]); // decoded with the home's kit
            byte[] baseline = cold[h];
            s.rules.learned.useBaselineStore(() -> baseline);
            HomeRules r = own[h];
            long r0 = partNanos == null ? 0 : System.nanoTime();
            r.enterCareDay(s.rules, event.ts());
            sink += r.onEvent(s.rules, event).size() + r.advanceTo(s.rules, event.ts()).size();
            s.deadlineTimer = r.nextDeadline(s.rules).map(Instant::toEpochMilli).orElse(null);
            long r1 = partNanos == null ? 0 : System.nanoTime();
            sink += facts.changed(r, s.rules, event.ts()).isPresent() ? 1 : 0;
            if (partNanos != null) {
                partNanos[1] += System.nanoTime() - r1;
                partNanos[0] += r1 - r0;
            }
            if (s.rules.learned.baselineUnsaved()) {
                cold[h] = s.rules.learned.baselineRaw();
                s.rules.learned.baselineSaved();
            }
            hot[h] = writeFor(own[h], s);
        }
        return sink;
    }

    /**
     * Day close per resident in µs of this thread's CPU, {min, median, max} over templates, then the same in wall-clock
     * time: from the state just before the common close (12:30) advanceTo the template's own close ({@link CloseSpread}),
     * less the read; each must learn its day (the runs before issue 18's spread measured advanceTo to the live day's
     * first event, 12:00, which learned nothing). Measured in the last of {@link #CLOSE_ROUNDS} rounds: a fleet closes a
     * million days a day, so the figure is the JIT's settled one ({@code DayCloseProfile}: about 5,000 closes settle it;
     * with 3 rounds of 30 this printed 1.4-2.0 ms wall while the profile's settled CPU was 0.29-0.36 ms), and CPU time
     * because other processes share these cores.
     */
    private static double[] dayCloseMicros() throws Exception {
        int reps = 100;
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        byte[][][] before = seedsAt(firstAfterClose());
        double[] cpu = new double[seeds.length];
        double[] wall = new double[seeds.length];
        double[] withStatus = new double[seeds.length];
        for (int round = 0; round < CLOSE_ROUNDS; round++) { // the first rounds warm the JIT up
            for (int i = 0; i < seeds.length; i++) {
                final int template = i;
                Instant close = commonClose().plus(CloseSpread.offset(rules[i].home().id()));
                java.util.function.Supplier<DetectorState> read = () -> {
                    DetectorState s = seeded(template, before[0][template]);
                    s.rules.learned.useBaselineStore(() -> before[1][template]);
                    return s;
                };
                DetectorState probe = read.get();
                rules[i].advanceTo(probe.rules, close);
                if (!probe.rules.learned.baselineUnsaved()) {
                    throw new IllegalStateException("template " + i + " learned no day at " + close);
                }
                long t0 = System.nanoTime();
                long c0 = threads.getCurrentThreadCpuTime();
                for (int r = 0; r < reps; r++) {
                    read.get();
                }
                long readWall = System.nanoTime() - t0;
                long readCpu = threads.getCurrentThreadCpuTime() - c0;
                t0 = System.nanoTime();
                c0 = threads.getCurrentThreadCpuTime();
                for (int r = 0; r < reps; r++) {
                    rules[i].advanceTo(read.get().rules, close);
                }
                cpu[i] = Math.max(0, threads.getCurrentThreadCpuTime() - c0 - readCpu) / 1e3 / reps;
                wall[i] = Math.max(0, System.nanoTime() - t0 - readWall) / 1e3 / reps;
                // The close changes the home's status facts (days learned, care day), so in the job the status is
                // computed at the same timer: the close as the live detector pays it.
                c0 = threads.getCurrentThreadCpuTime();
                for (int r = 0; r < reps; r++) {
                    DetectorState s = read.get();
                    rules[i].advanceTo(s.rules, close);
                    if (new org.hearth.job.status.StatusFacts().changed(rules[i], s.rules, close).isEmpty()) {
                        throw new IllegalStateException("no status at the close of template " + i);
                    }
                }
                withStatus[i] = Math.max(0, threads.getCurrentThreadCpuTime() - c0 - readCpu) / 1e3 / reps;
            }
        }
        java.util.Arrays.sort(cpu);
        java.util.Arrays.sort(wall);
        java.util.Arrays.sort(withStatus);
        return new double[] {cpu[0], cpu[cpu.length / 2], cpu[cpu.length - 1], wall[0], wall[wall.length / 2], wall[wall.length - 1],
                withStatus[0], withStatus[withStatus.length / 2], withStatus[withStatus.length - 1]};
    }

    /** Rounds of {@link #dayCloseMicros}: 12 x 100 closes per template, about 3,600 closes before the last is measured. */
    private static final int CLOSE_ROUNDS = 12;

    /**
     * One output per thread, reused as Flink's RocksDB backend reuses its own: a fresh 8 KiB buffer per write cost the
     * profiling tools ~6 % of the per-event path (allocated and zeroed), which the job does not pay.
     */
    private static final ThreadLocal<DataOutputSerializer> OUT = ThreadLocal.withInitial(() -> new DataOutputSerializer(1024));

    static byte[] write(DetectorState s) {
        try {
            DataOutputSerializer o = OUT.get();
            o.clear();
            DetectorStateSerializer.INSTANCE.serialize(s, o);
            return o.getCopyOfBuffer();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static DetectorState read(byte[] b) {
        try {
            return DetectorStateSerializer.INSTANCE.deserialize(new DataInputDeserializer(b));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A template's hot state read back, its baseline loaded (only if asked for) from the template's baseline value, its
     * open days' parts from the template's ({@link #partSeeds}: right for {@link #seeds}).
     */
    static DetectorState seeded(int template, byte[] hot) {
        return seeded(template, hot, partSeeds == null || partSeeds[template] == null ? new byte[0][] : partSeeds[template]);
    }

    /** As {@link #seeded(int, byte[])}, with the open days' parts kept beside {@code hot}. */
    static DetectorState seeded(int template, byte[] hot, byte[][] parts) {
        DetectorState s = read(hot);
        try { // decoded with the template's kit, and written against it again (as the job would, for that home)
            HomeRulesStateCodec.resolve(s.rules, rules[template].kitStrings(), () -> null);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        HomeRulesStateCodec.writeKit(s.rules, rules[template].kitStrings());
        s.rules.learned.useBaselineStore(() -> baselineSeeds[template]);
        s.rules.learned.useDayPartsStore(() -> List.of(parts));
        return s;
    }

    /**
     * Moves the open days of {@code s} (a template's state, its stored parts {@code parts}) out of its hot value as the
     * job's next write would ({@link DetectorStore}: past {@link LearnedState#SPILL_ENTRIES} entries); returns the
     * parts kept beside it afterwards (none once its days folded them back).
     */
    static byte[][] spill(int template, DetectorState s, byte[][] parts) {
        List<byte[]> kept = new ArrayList<>(s.rules.learned.dayPartsFolded() ? List.of() : List.of(parts));
        s.rules.learned.dayPartsForgotten();
        s.rules.learned.useDayPartsStore(() -> List.copyOf(kept));
        rules[template].nextDeadline(s.rules); // decodes the tracker and open days, as any access does
        byte[] part = s.rules.learned.spillDays(LearnedState.SPILL_ENTRIES);
        if (part != null) {
            kept.add(part);
        }
        return kept.toArray(new byte[0][]);
    }

    /**
     * A template's stored hot value as a home of that template seeded with it holds it: decoded with the template's kit
     * (a copy's own kit has its own home id; the job keeps the template's strings for it until its first event).
     */
    static DetectorState seededState(int template, byte[] hot) {
        DetectorState s = read(hot);
        try {
            HomeRulesStateCodec.resolve(s.rules, rules[template].kitStrings(), () -> null);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        // not read from this home's store: it keeps no kit strings yet, so the first write stores the template's
        HomeRulesStateCodec.keptKit(s.rules, org.hearth.models.encoding.KitStrings.NONE);
        return s;
    }

    /**
     * A stored hot value of a home of {@code template} with its own rules {@code own}, decoded as {@link DetectorStore}
     * does: with the home's kit, or (its first access: the seed was written against the template's kit, which has the
     * template's home id) with the template's kit strings, as the job's kit-strings value would hold them.
     */
    static DetectorState readFor(int template, HomeRules own, byte[] hot) {
        DetectorState s = read(hot);
        try {
            HomeRulesStateCodec.resolve(s.rules, own.kitStrings(), () -> rules[template].kitStrings().encode());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        return s;
    }

    /** The hot value as {@link DetectorStore} writes it for the home of {@code own}: against its kit. */
    static byte[] writeFor(HomeRules own, DetectorState s) {
        HomeRulesStateCodec.writeKit(s.rules, own.kitStrings());
        return write(s);
    }

    static HomeRulesState copy(HomeRulesState s) {
        return read(write(new DetectorState(s, null))).rules;
    }

    /**
     * A home's rules under its own id (the key), as the job has one home per id: the id sets when its care day closes
     * ({@link CloseSpread}), so copies of a template must not share the template's.
     */
    static HomeRules ownRules(int template, String id) {
        org.hearth.models.registry.Home h = rules[template].home();
        return new HomeRules(new org.hearth.models.registry.Home(id, h.timezone(), h.resident(), h.hubs(), h.sensors(),
                h.carers(), h.installer(), h.cohort(), h.overrides()), ruleSettings);
    }

    /** Days actually learned in the current paced run (baseline changed), not merely care days entered. */
    static final AtomicLong CLOSES = new AtomicLong();
    /**
     * A paced run more than this far behind its start (twice its length and 10 s) has failed: its remaining events are
     * skipped, so that a size far beyond what holds (a backlog of minutes) does not take the QUICK run past 5 minutes.
     */
    static long overrunNanos = Long.MAX_VALUE;
    static final AtomicLong SKIPPED = new AtomicLong();
    /**
     * When positive, the paced run's homes get ids whose close offset ({@link CloseSpread}) is under this many seconds:
     * {@link #UNSPREAD_S} for the burst as it was before the spread; N x 3,600 / 1,000,000 for the closes per second that
     * a million homes spread over the hour make, with the N homes this machine holds.
     */
    static long offsetCap;
    static final int UNSPREAD_S = 10;
    /** The goal: the closes a million homes make, and where the homes-held search stops. */
    static final long MILLION = 1_000_000;

    /**
     * The offset cap at which N homes learn about as many days per second in a burst run of {@code seconds} as a million
     * homes spread over {@link CloseSpread#WINDOW} do (1,000,000 / 3,600 = 278 per second). A home learns at its first
     * event past its offset, so in a run starting at 12:30 one whose offset is o (under the run's T seconds) learns in it
     * with probability 1 - exp(-λ(T - o)), λ its event rate: the homes learning in the run are N / cap times the integral
     * of that over [0, T], T - (1 - exp(-λT)) / λ.
     */
    static long millionCap(long homes, int seconds) {
        int first = firstAfterClose();
        int end = first;
        while (end < live.length && live[end].ts().isBefore(live[first].ts().plus(Duration.ofHours(1)))) {
            end++;
        }
        double lambda = (end - first) / 3600.0 / seeds.length;
        double eligible = seconds - (1 - Math.exp(-lambda * seconds)) / lambda;
        double perSecond = (double) MILLION / CloseSpread.WINDOW.toSeconds();
        return Math.max(1, Math.round(homes * eligible / (perSecond * seconds)));
    }

    static int home(long index) {
        return liveTemplate[(int) (index / copies)] * copies + (int) (index % copies);
    }

    /** What a run's keyed operator does per event. */
    enum PerEvent {
        /** One {@code ValueState<byte[]>} read and write of the hot size. */
        REFERENCE("reference"),
        /** {@link Detect}: the detector state's path, no buffer, no timers (the headline ratio). */
        STATE("detection"),
        /** {@link JobPath} with the deadline timer moved on every change, as {@link HomeDetector} did before {@link DeadlineTimer}. */
        JOB_EAGER("job path, deadline timer moved on every change"),
        /** {@link JobPath} with {@link DeadlineTimer}, events in a keyed list with a timer each, as {@link HomeDetector} did before {@link PendingEventsOperator}. */
        JOB_KEPT("job path, deadline timer kept"),
        /** {@link JobPath} with {@link DeadlineTimer} and the events on the operator's heap ({@link HeapJobPath}), as the job does now. */
        JOB_HEAP("job path, events on the operator's heap");

        final String label;

        PerEvent(String label) {
            this.label = label;
        }
    }

    /** Runs one job over the input; returns events/s after the warm-up fifth, until the last event is processed. */
    private static double run(MiniCluster cluster, int parallelism, boolean detection) throws Exception {
        return run(cluster, parallelism, detection ? PerEvent.STATE : PerEvent.REFERENCE);
    }

    private static double run(MiniCluster cluster, int parallelism, PerEvent path) throws Exception {
        Configuration conf = FlinkEnvironments.withRocksDbTuning(new Configuration()); // the live job's RocksDB options
        conf.set(StateBackendOptions.STATE_BACKEND, "rocksdb");
        TestStreamEnvironment.setAsContext(cluster, parallelism);
        try {
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
            env.setParallelism(parallelism);
            env.getConfig().enableObjectReuse();
            PROCESSED.set(0);
            STARTED.set(0);
            STOPPED.set(0);
            org.apache.flink.streaming.api.datastream.DataStream<Long> in = env.fromSequence(0, total - 1).setParallelism(1).name("live-day");
            if (path == PerEvent.JOB_EAGER || path == PerEvent.JOB_KEPT || path == PerEvent.JOB_HEAP) {
                // The live day is in event-time order: the watermark follows the events, as a replay's does.
                in = in.assignTimestampsAndWatermarks(org.apache.flink.api.common.eventtime.WatermarkStrategy.<Long>forMonotonousTimestamps()
                        .withTimestampAssigner((i, previous) -> live[(int) (i / copies)].ts().toEpochMilli())).setParallelism(1);
            }
            org.apache.flink.streaming.api.datastream.KeyedStream<Long, String> keyed = in.keyBy(i -> keys[home(i)]);
            (path == PerEvent.JOB_HEAP
                    ? keyed.transform("job_heap", org.apache.flink.api.common.typeinfo.Types.INT, new HeapJobPath(new JobPath(true, true)))
                    : keyed.process(switch (path) {
                        case REFERENCE -> new Reference();
                        case STATE -> new Detect();
                        case JOB_EAGER -> new JobPath(false);
                        case JOB_KEPT, JOB_HEAP -> new JobPath(true);
                    }).name(path.name().toLowerCase(Locale.ROOT)))
                    .sinkTo(new DiscardingSink<>());
            env.execute(path.label + " p" + parallelism);
            double rate = (total - warmUp) / ((STOPPED.get() - STARTED.get()) / 1e9);
            System.out.printf(Locale.ROOT, "%s p=%d: %,.0f events/s%n", path.label, parallelism, rate);
            return rate;
        } finally {
            TestStreamEnvironment.unsetAsContext();
        }
    }

    static void counted() {
        long n = PROCESSED.incrementAndGet();
        if (n == warmUp) {
            STARTED.set(System.nanoTime());
        } else if (n == total) {
            STOPPED.set(System.nanoTime());
        }
    }

    /** The detector state's per-event path of {@link HomeDetector#onTimer}, on the job's own state ({@link DetectorStore}). */
    static final class Detect extends KeyedProcessFunction<String, Long, Integer> {
        private static final long serialVersionUID = 1L;
        private transient DetectorStore state;
        private transient ValueState<byte[]> baseline;
        private transient org.apache.flink.api.common.state.ListState<byte[]> dayParts;
        private transient Map<String, HomeRules> perHome;

        @Override
        public void open(org.apache.flink.api.common.functions.OpenContext ctx) {
            state = new DetectorStore(getRuntimeContext());
            baseline = getRuntimeContext().getState(DetectorStore.BASELINE);
            dayParts = getRuntimeContext().getListState(DetectorStore.DAY_PARTS);
            perHome = new HashMap<>();
        }

        @Override
        public void processElement(Long index, Context ctx, Collector<Integer> out) throws Exception {
            if (index < 0) { // a paced run's warm-up: seed the home and build its rules, nothing measured
                int template = (int) ((-1 - index) / copies);
                baseline.update(runBaselineSeeds[template]);
                dayParts.update(List.of(runPartSeeds[template]));
                HomeRules own = perHome.computeIfAbsent(ctx.getCurrentKey(), k -> ownRules(template, k));
                state.write(seededState(template, runSeeds[template]), own.kitStrings());
                own.nextDeadline(state.read(own.kitStrings()).rules);
                PREWARMED.incrementAndGet();
                return;
            }
            if (FEED_START.get() != 0 && System.nanoTime() - FEED_START.get() > overrunNanos) {
                // far behind its feed: the run has failed; the rest goes through unprocessed, so it ends in bounded time
                SKIPPED.incrementAndGet();
                counted();
                return;
            }
            int t = liveTemplate[(int) (index / copies)];
            SensorEvent event = live[(int) (index / copies)];
            if (pressEvery != Long.MAX_VALUE && (index - feedFirst) % pressEvery == 0) {
                // A help press rides on this event: raised on arrival, before the state path, as HomeDetector does.
                SensorEvent press = new SensorEvent(ctx.getCurrentKey(), "help", event.ts(), SensorKind.BUTTON, 1, null, null);
                if (HelpPress.urgentRaise(press, rules[t].home().zone()).isPresent()) {
                    int k = PRESSES.getAndIncrement();
                    pressNanos.set(k, System.nanoTime() - due(index));
                    out.collect(-1);
                }
            }
            // One HomeRules per home and subtask, as DetectionSettings keeps them in the job: the rules hold per-home
            // caches (the baseline last decoded, the models built from it), which copies must not share.
            HomeRules r = perHome.computeIfAbsent(ctx.getCurrentKey(), k -> ownRules(t, k));
            DetectorState s = state.read(r.kitStrings());
            if (s == null) {
                // seeding: the 28-day state enters the job's keyed state, the baseline in its own value
                baseline.update(baselineSeeds[t]);
                dayParts.update(List.of(partSeeds[t]));
                state.write(seededState(t, seeds[t]), r.kitStrings());
                s = state.read(r.kitStrings());
            }
            r.enterCareDay(s.rules, event.ts());
            int outcomes = r.onEvent(s.rules, event).size() + r.advanceTo(s.rules, event.ts()).size();
            s.deadlineTimer = r.nextDeadline(s.rules).map(Instant::toEpochMilli).orElse(null);
            if (s.rules.learned.baselineUnsaved()) { // a day learned: its baseline is written to its own value
                CLOSES.incrementAndGet();
            }
            state.write(s, r.kitStrings());
            if (outcomes > 0) {
                out.collect(outcomes);
            }
            counted();
        }
    }

    /**
     * What {@link HomeDetector} does per event around the state path, on the same state: each event buffered, on the
     * operator's heap ({@code heap}: {@link HeapJobPath}, as the job now) or in a keyed list ({@link SensorEventSerializer})
     * with an event-time timer for its timestamp (as before {@link PendingEventsOperator}); at the firing, the
     * due events handed over or taken from the list, the state path ({@link Detect}'s) for each, {@code advanceTo}, the status facts
     * and the deadline timer, moved on every change ({@code kept} false: as before {@link DeadlineTimer}) or kept
     * ahead ({@link DeadlineTimer}). Not the registry look-up, the pre-alert windows (written only on a decision)
     * or the urgent path. Each home is seeded at its first firing (inside the uncounted warm-up fifth).
     */
    static final class JobPath extends KeyedProcessFunction<String, Long, Integer> {
        private static final long serialVersionUID = 1L;
        private final boolean kept;
        private final boolean heap;
        /** The operator's buffer ({@link HeapJobPath}), and the events it hands over for the firing it runs. */
        private transient PendingEvents buffer;
        private transient List<SensorEvent> handedOver;
        private transient DetectorStore state;
        private transient ValueState<byte[]> baseline;
        private transient org.apache.flink.api.common.state.ListState<byte[]> dayParts;
        private transient org.apache.flink.api.common.state.ListState<SensorEvent> pending;
        private transient Map<String, HomeRules> perHome;
        private transient Map<String, Integer> templateOf;
        private transient org.hearth.job.status.StatusFacts facts;

        JobPath(boolean kept) {
            this(kept, false);
        }

        JobPath(boolean kept, boolean heap) {
            this.kept = kept;
            this.heap = heap;
        }

        @Override
        public void open(org.apache.flink.api.common.functions.OpenContext ctx) {
            state = new DetectorStore(getRuntimeContext());
            baseline = getRuntimeContext().getState(DetectorStore.BASELINE);
            dayParts = getRuntimeContext().getListState(DetectorStore.DAY_PARTS);
            pending = getRuntimeContext().getListState(new org.apache.flink.api.common.state.ListStateDescriptor<>("pending",
                    SensorEventSerializer.INSTANCE));
            perHome = new HashMap<>();
            templateOf = new HashMap<>();
            facts = new org.hearth.job.status.StatusFacts();
            handedOver = List.of();
        }

        @Override
        public void processElement(Long index, Context ctx, Collector<Integer> out) throws Exception {
            SensorEvent event = live[(int) (index / copies)];
            templateOf.putIfAbsent(ctx.getCurrentKey(), liveTemplate[(int) (index / copies)]);
            if (heap) { // the home's own event, as the job deserializes one per reading
                buffer.add(new SensorEvent(ctx.getCurrentKey(), event.sensorId(), event.ts(), event.kind(), event.value(),
                        event.battery(), event.linkQuality()));
                return;
            }
            pending.add(event);
            ctx.timerService().registerEventTimeTimer(event.ts().toEpochMilli());
        }

        @Override
        public void onTimer(long timestamp, OnTimerContext ctx, Collector<Integer> out) throws Exception {
            List<SensorEvent> due = new ArrayList<>();
            if (heap) {
                due = handedOver;
                handedOver = List.of();
            } else {
                List<SensorEvent> keep = new ArrayList<>();
                for (SensorEvent e : pending.get()) {
                    (e.ts().toEpochMilli() <= timestamp ? due : keep).add(e);
                }
                if (!due.isEmpty()) {
                    pending.update(keep);
                }
            }
            int t = templateOf.get(ctx.getCurrentKey());
            HomeRules r = perHome.computeIfAbsent(ctx.getCurrentKey(), k -> ownRules(t, k));
            DetectorState s = state.read(r.kitStrings());
            if (s == null) { // seeding, as Detect: the template's deadline timer is not registered here, so none is kept
                baseline.update(baselineSeeds[t]);
                dayParts.update(List.of(partSeeds[t]));
                state.write(seededState(t, seeds[t]), r.kitStrings());
                s = state.read(r.kitStrings());
                s.deadlineTimer = null;
            }
            // The input ended (HomeDetector's EndOfInputOperator): no deadline beyond the data, or every home would
            // advance through deadline after deadline for ever.
            boolean ended = ctx.timerService().currentWatermark() == Long.MAX_VALUE;
            if (ended && due.isEmpty()) {
                return;
            }
            if (due.isEmpty() && kept) {
                Instant deadline = r.nextDeadline(s.rules).orElse(null);
                if (DeadlineTimer.isEarly(s, deadline, timestamp)) {
                    DeadlineTimer.rearm(s, deadline, timestamp, ctx.timerService());
                    state.write(s, r.kitStrings());
                    return;
                }
            }
            int outcomes = 0;
            for (SensorEvent event : due) {
                r.enterCareDay(s.rules, event.ts());
                outcomes += r.onEvent(s.rules, event).size();
            }
            if (!ended) {
                outcomes += r.advanceTo(s.rules, Instant.ofEpochMilli(timestamp)).size();
            }
            Long next = ended ? null : DeadlineTimer.wanted(r.nextDeadline(s.rules).orElse(null), timestamp);
            if (ended) {
                s.deadlineTimer = null;
            } else if (kept) {
                if (heap && !due.isEmpty()) {
                    DeadlineTimer.firesWithEvents(s, timestamp, ctx.timerService());
                }
                DeadlineTimer.schedule(s, next, timestamp, ctx.timerService());
            } else if (next == null || !next.equals(s.deadlineTimer)) { // HomeDetector before DeadlineTimer
                if (s.deadlineTimer != null && s.deadlineTimer > timestamp) {
                    ctx.timerService().deleteEventTimeTimer(s.deadlineTimer);
                }
                if (next != null) {
                    ctx.timerService().registerEventTimeTimer(next);
                }
                s.deadlineTimer = next;
            }
            facts.changed(r, s.rules, Instant.ofEpochMilli(timestamp));
            if (s.rules.learned.baselineUnsaved()) {
                CLOSES.incrementAndGet();
            }
            state.write(s, r.kitStrings());
            if (outcomes > 0) {
                out.collect(outcomes);
            }
            for (int i = 0; i < due.size(); i++) {
                counted();
            }
        }
    }

    /**
     * {@link PendingEventsOperator}'s hand-over for {@link JobPath}: the events wait on the heap and, as the watermark
     * passes them, go to the function as a firing at their millisecond after the timers before it (no checkpointed
     * copy: the bench takes no checkpoint).
     */
    static final class HeapJobPath extends org.apache.flink.streaming.api.operators.KeyedProcessOperator<String, Long, Integer> {
        private static final long serialVersionUID = 1L;
        private transient PendingEvents pending;
        private transient long timersAt;

        HeapJobPath(JobPath path) {
            super(path);
        }

        @Override
        public void open() throws Exception {
            pending = new PendingEvents();
            ((JobPath) userFunction).buffer = pending;
            timersAt = Long.MIN_VALUE;
            super.open();
        }

        @Override
        public void processWatermark(org.apache.flink.streaming.api.watermark.Watermark mark) throws Exception {
            pending.handOver(mark.getTimestamp(), time -> {
                if (time > timersAt) {
                    getTimeServiceManager().orElseThrow().advanceWatermark(new org.apache.flink.streaming.api.watermark.Watermark(time));
                    timersAt = time;
                }
            }, (t, key, home) -> {
                setCurrentKey(key);
                ((JobPath) userFunction).handedOver = home;
                onEventTime(new org.apache.flink.streaming.api.operators.TimerHeapInternalTimer<>(t, key,
                        org.apache.flink.runtime.state.VoidNamespace.INSTANCE));
            });
            super.processWatermark(mark);
            timersAt = Math.max(timersAt, mark.getTimestamp());
        }
    }

    /** One ValueState read and write per event, of the same size as the home's detector state. */
    static final class Reference extends KeyedProcessFunction<String, Long, Integer> {
        private static final long serialVersionUID = 1L;
        private transient ValueState<byte[]> state;

        @Override
        public void open(org.apache.flink.api.common.functions.OpenContext ctx) {
            state = getRuntimeContext().getState(new ValueStateDescriptor<>("reference", BytePrimitiveArraySerializer.INSTANCE));
        }

        @Override
        public void processElement(Long index, Context ctx, Collector<Integer> out) throws Exception {
            byte[] v = state.value();
            if (v == null) {
                v = seeds[liveTemplate[(int) (index / copies)]];
            }
            state.update(v);
            counted();
        }
    }
}
