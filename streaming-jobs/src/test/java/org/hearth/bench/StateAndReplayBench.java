package org.hearth.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.hearth.job.DetectionJobConfig;
import org.hearth.job.DetectorState;
import org.hearth.job.DetectorStateSerializer;
import org.hearth.models.event.SensorEvent;
import org.hearth.models.json.HearthJson;
import org.hearth.models.rules.DetectionSettings;
import org.hearth.models.rules.HomeRules;
import org.hearth.models.rules.HomeRulesState;
import org.hearth.models.rules.HomeRulesStateCodec;
import org.hearth.models.state.StateCodec;
import org.hearth.replay.ReplayFormat;
import org.hearth.replay.ReplayJob;
import org.hearth.replay.ReplayResult;
import org.hearth.simulator.SimulationConfig;
import org.hearth.simulator.Simulator;
import org.hearth.simulator.home.SimHome;
import org.hearth.simulator.output.EventSink;

/**
 * Size and growth. (a) Keyed state bytes per resident after 7, 14, 28 and 56 simulated days: the
 * rules' {@link HomeRulesState} (safety rules, and the learned rules' activity tracker, open days and
 * baseline as {@link StateCodec} bytes) fed as {@code HomeDetector} feeds it and serialized with the
 * serializer the job's keyed state uses, with where those bytes go. (b) {@code hearth replay}
 * time ({@link ReplayJob}, a fresh local MiniCluster each, as the command runs) for growing homes at
 * a fixed span and growing days for one home, against the time to parse the same events file with
 * Jackson in the same run (the floor of any replay).
 *
 * <p>Not a test: run by {@code streaming-jobs/bench.sh}. Arguments:
 * {@code [results.md] [homes-series e.g. 25,50,100] [month-days] [days-series e.g. 91,182,365]}.
 */
public final class StateAndReplayBench {

    static final int[] STATE_DAYS = {7, 14, 28, 42};
    static final int STATE_HOMES = 10;
    /** Simulating the input plus replaying it; {@code -Dbench.replayLimitSeconds} changes it. */
    static final Duration REPLAY_LIMIT = Duration.ofSeconds(Long.getLong("bench.replayLimitSeconds", 180));

    public static void main(String[] args) throws Exception {
        Path out = args.length > 0 ? Path.of(args[0]) : null;
        int[] homeSeries = ints(args.length > 1 ? args[1] : "25,50,100");
        int monthDays = args.length > 2 ? Integer.parseInt(args[2]) : 30;
        int[] daySeries = ints(args.length > 3 ? args[3] : "91,182,365");
        StringBuilder md = new StringBuilder();
        md.append(stateSizes());
        md.append(replays(homeSeries, monthDays, daySeries));
        System.out.println(md);
        if (out != null) {
            Files.writeString(out, md + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
        System.exit(0);
    }

    private static int[] ints(String csv) {
        return java.util.Arrays.stream(csv.split(",")).mapToInt(Integer::parseInt).toArray();
    }

    /** Per home: the rules and the state the detection job keeps for it, fed as {@code HomeDetector} feeds them. */
    private static final class Resident {
        final HomeRules rules;
        final HomeRulesState rulesState = new HomeRulesState();

        Resident(SimHome home, DetectionSettings settings) {
            rules = settings.rules(home.id()).orElseThrow();
        }

        void accept(SensorEvent e) {
            rules.enterCareDay(rulesState, e.ts());
            rules.onEvent(rulesState, e);
        }

        void advanceTo(Instant t) {
            rules.advanceTo(rulesState, t);
        }
    }

    /** The serializer of the detection job's keyed state (see {@code HomeDetector#open}). */
    static TypeSerializer<DetectorState> jobSerializer() {
        return DetectorStateSerializer.INSTANCE;
    }

    static String stateSizes() throws Exception {
        int maxDays = STATE_DAYS[STATE_DAYS.length - 1];
        SimulationConfig config = SimulationConfig.of(STATE_HOMES, maxDays, 11);
        Simulator simulator = new Simulator(Clock.systemUTC());
        List<SimHome> homes = simulator.homes(config);
        Path yaml = Files.createTempFile("hearth-state-homes", ".yaml");
        Simulator.writeHomes(homes, yaml);
        DetectionSettings settings = DetectionSettings.parse(Files.readString(yaml), null);
        Files.delete(yaml);
        Map<String, Resident> residents = new HashMap<>();
        homes.forEach(h -> residents.put(h.id(), new Resident(h, settings)));
        Instant start = config.start().atStartOfDay(homes.get(0).registry().zone()).toInstant();
        Map<Integer, long[][]> sizes = new LinkedHashMap<>(); // day -> {sums, maxima} of the columns below
        int[] next = {0};
        long[] lastAdvance = {start.toEpochMilli()};
        TypeSerializer<DetectorState> serializer = jobSerializer();
        simulator.run(config, new EventSink() {
            @Override
            public void accept(SimHome home, SensorEvent event, long arrivalMs) {
                if (arrivalMs - lastAdvance[0] >= 60_000) { // the watermark moves every simulated minute
                    lastAdvance[0] = arrivalMs;
                    residents.values().forEach(r -> r.advanceTo(Instant.ofEpochMilli(arrivalMs).minus(Duration.ofMinutes(5))));
                }
                while (next[0] < STATE_DAYS.length
                        && arrivalMs >= start.plus(Duration.ofDays(STATE_DAYS[next[0]])).toEpochMilli()) {
                    int day = STATE_DAYS[next[0]++];
                    sizes.put(day, measure(day, residents, serializer));
                }
                residents.get(home.id()).accept(event);
            }

            @Override
            public void close() {}
        }, null, (f, n) -> {});
        while (next[0] < STATE_DAYS.length) {
            int day = STATE_DAYS[next[0]++];
            sizes.put(day, measure(day, residents, serializer));
        }
        StringBuilder md = new StringBuilder(String.format(Locale.ROOT,
                "### Keyed state per resident (%d simulated homes; bytes, mean / max; serialized with the job's %s)%n%n",
                STATE_HOMES, serializer.getClass().getSimpleName()));
        md.append("| days | rule state as the job stores it (hot value + baseline value) | hot value (read and written per event) "
                + "| of which: activity tracker (StateCodec) | open days (StateCodec) | day limits | baseline in its own value "
                + "(StateCodec, read at day close) | baseline days learned |\n");
        md.append("|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        sizes.forEach((day, sm) -> {
            long[] s = sm[0];
            long[] m = sm[1];
            int n = STATE_HOMES;
            md.append(String.format(Locale.ROOT, "| %d | **%,d** / %,d | %,d / %,d | %,d / %,d | %,d / %,d | %,d / %,d | %,d / %,d | %d |%n", day,
                    s[0] / n, m[0], s[1] / n, m[1], s[2] / n, m[2], s[3] / n, m[3], s[4] / n, m[4], s[5] / n, m[5], s[6] / n));
        });
        return md.append('\n').toString();
    }

    /**
     * Per resident: the bytes the job's serializers write for the rule state, and where they go (all binary:
     * the hot value is {@code HomeRulesStateCodec} without the baseline, the baseline its {@code StateCodec} bytes).
     * Columns: total, hot value, tracker, open days, day limits, baseline, baseline days.
     */
    private static long[][] measure(int day, Map<String, Resident> residents, TypeSerializer<DetectorState> serializer) {
        long[] s = new long[7];
        long[] m = new long[7];
        for (Resident r : residents.values()) {
            long[] c = new long[7];
            try {
                // the state as the job keeps it: the baseline moved into its own value, the hot value without it
                java.io.ByteArrayOutputStream copy = new java.io.ByteArrayOutputStream();
                HomeRulesStateCodec.write(r.rulesState, new java.io.DataOutputStream(copy));
                HomeRulesState hot = HomeRulesStateCodec.read(new java.io.DataInputStream(
                        new java.io.ByteArrayInputStream(copy.toByteArray())));
                byte[] baseline = hot.learned.baselineRaw();
                hot.learned.baselineSaved();
                DataOutputSerializer out = new DataOutputSerializer(4096);
                serializer.serialize(new DetectorState(hot, null), out);
                c[1] = out.length();
                c[5] = baseline == null ? 0 : baseline.length;
                c[0] = c[1] + (baseline == null ? 0 : 4 + c[5]); // BaselineSerializer: a length, then the bytes
                c[2] = length(hot.learned.trackerRaw());
                c[3] = length(hot.learned.daysRaw());
                c[4] = length(hot.learned.limitsRaw());
                c[6] = baseline == null ? 0 : StateCodec.readBaseline(baseline).days();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            for (int i = 0; i < c.length; i++) {
                s[i] += c[i];
                m[i] = Math.max(m[i], c[i]);
            }
        }
        System.out.printf(Locale.ROOT, "state at day %d: %s%n", day, java.util.Arrays.toString(s));
        return new long[][] {s, m};
    }

    private static long length(byte[] b) {
        return b == null ? 0 : b.length;
    }

    static String replays(int[] homeSeries, int monthDays, int[] daySeries) throws Exception {
        StringBuilder md = new StringBuilder("### Replay time (`hearth replay`, parallelism 1, local MiniCluster per run)\n\n");
        md.append("| input | events | replay (s) | Jackson parse of the file (s) | ratio replay / parse | replay events/s |\n");
        md.append("|---|---:|---:|---:|---:|---:|\n");
        List<int[]> inputs = new java.util.ArrayList<>();
        for (int homes : homeSeries) {
            inputs.add(new int[] {homes, monthDays});
        }
        for (int days : daySeries) {
            inputs.add(new int[] {1, days});
        }
        // A replay that stalls (it has happened: a timer re-firing for ever) must not hold the whole
        // run; once one overruns, the larger inputs would too and would compete with it for the CPU.
        java.util.concurrent.ExecutorService runner = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "replay-bench");
            t.setDaemon(true);
            return t;
        });
        boolean overran = false;
        for (int[] in : inputs) {
            if (overran) {
                md.append(String.format(Locale.ROOT, "| %d home%s × %d days | skipped: an earlier replay overran | | | | |%n",
                        in[0], in[0] == 1 ? "" : "s", in[1]));
                continue;
            }
            var future = runner.submit(() -> replay(in[0], in[1]));
            try {
                md.append(future.get(REPLAY_LIMIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS)).append('\n');
            } catch (java.util.concurrent.TimeoutException e) {
                overran = true;
                future.cancel(true);
                String row = String.format(Locale.ROOT, "| %d home%s × %d days | **did not finish within %d s** | | | | |",
                        in[0], in[0] == 1 ? "" : "s", in[1], REPLAY_LIMIT.toSeconds());
                System.out.println(row);
                md.append(row).append('\n');
            }
        }
        return md.append('\n').toString();
    }

    private static String replay(int homes, int days) throws Exception {
        Path dir = Files.createTempDirectory("hearth-replay-bench");
        SimulationConfig config = SimulationConfig.of(homes, days, 5);
        new Simulator(Clock.systemUTC()).writeFiles(config, dir, (f, n) -> {});
        Path events = SimulationConfig.eventsFile(dir);
        long p0 = System.nanoTime();
        long lines = 0;
        try (var reader = Files.newBufferedReader(events)) {
            String line;
            while ((line = reader.readLine()) != null) {
                HearthJson.json().readValue(line, SensorEvent.class);
                lines++;
            }
        }
        double parse = (System.nanoTime() - p0) / 1e9;
        DetectionJobConfig detection = DetectionJobConfig.load(SimulationConfig.homesFile(dir), null);
        ReplayResult result = new ReplayJob(new ReplayJob.Options(List.of(events), ReplayFormat.NATIVE, detection,
                Duration.ofMinutes(5), 1)).run(new PrintStream(OutputStream.nullOutputStream()));
        double replay = result.elapsed().toNanos() / 1e9;
        String row = String.format(Locale.ROOT, "| %d home%s × %d days (%d home-days) | %,d | %.1f | %.2f | %.1f | %,.0f |",
                homes, homes == 1 ? "" : "s", days, homes * days, lines, replay, parse, replay / parse, result.events() / replay);
        System.out.println(row + "  " + result.summaryLine());
        deleteTree(dir);
        return row;
    }

    private static void deleteTree(Path dir) throws java.io.IOException {
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
