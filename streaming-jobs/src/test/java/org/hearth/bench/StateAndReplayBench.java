package org.hearth.bench;

import java.io.PrintStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.hearth.job.DetectionJobConfig;
import org.hearth.job.DetectionSettings;
import org.hearth.models.activity.ActivityConfig;
import org.hearth.models.activity.ActivityTracker;
import org.hearth.models.baseline.Baseline;
import org.hearth.models.baseline.BaselineConfig;
import org.hearth.models.day.DayConfig;
import org.hearth.models.day.DayTracker;
import org.hearth.models.event.SensorEvent;
import org.hearth.models.json.HearthJson;
import org.hearth.models.rules.HomeRules;
import org.hearth.models.rules.HomeRulesState;
import org.hearth.models.state.StateCodec;
import org.hearth.replay.ReplayFormat;
import org.hearth.replay.ReplayJob;
import org.hearth.replay.ReplayResult;
import org.hearth.simulator.SimulationConfig;
import org.hearth.simulator.Simulator;
import org.hearth.simulator.home.SimHome;
import org.hearth.simulator.output.EventSink;

/**
 * Size and growth. (a) Keyed state bytes per resident after 7, 14, 28 and 56 simulated days: what the
 * detection job keeps today (the rules' {@link HomeRulesState}, serialized as the job's
 * {@code JsonSerializer} does) plus what the learned rules will keep ({@link StateCodec}'s baseline
 * and open days, fed by {@link ActivityTracker} and {@link DayTracker}). (b) {@code hearth replay}
 * time ({@link ReplayJob}, a fresh local MiniCluster each, as the command runs) for growing homes at
 * a fixed span and growing days for one home, against the time to parse the same events file with
 * Jackson in the same run (the floor of any replay).
 *
 * <p>Not a test: run by {@code streaming-jobs/bench.sh}. Arguments:
 * {@code [results.md] [homes-series e.g. 25,50,100] [month-days] [days-series e.g. 91,182,365]}.
 */
public final class StateAndReplayBench {

    static final int[] STATE_DAYS = {7, 14, 28, 56};
    static final int STATE_HOMES = 20;

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

    /** Per home: trackers, baseline and rule state fed with the home's simulated events. */
    private static final class Resident {
        final ActivityTracker activities;
        final DayTracker days;
        final Baseline baseline = new Baseline(BaselineConfig.defaults());
        final HomeRules rules;
        final HomeRulesState rulesState = new HomeRulesState();

        Resident(SimHome home, DetectionSettings settings) {
            activities = new ActivityTracker(home.registry(), ActivityConfig.defaults());
            days = new DayTracker(home.registry().zone(), DayConfig.defaults());
            rules = settings.rules(home.id()).orElseThrow();
        }

        void accept(SensorEvent e) {
            days.acceptAll(activities.accept(e));
            rules.onEvent(rulesState, e);
        }

        void advanceTo(Instant t) {
            days.acceptAll(activities.advanceTo(t));
            days.advanceTo(t).forEach(baseline::add);
            rules.advanceTo(rulesState, t);
        }
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
        Map<Integer, long[]> sizes = new LinkedHashMap<>(); // day -> {baseline, openDays, rules} summed over homes
        Map<Integer, long[]> maxima = new LinkedHashMap<>();
        int[] next = {0};
        long[] lastAdvance = {start.toEpochMilli()};
        simulator.run(config, new EventSink() {
            @Override
            public void accept(SimHome home, SensorEvent event, long arrivalMs) {
                if (arrivalMs - lastAdvance[0] >= 60_000) { // the watermark moves every simulated minute
                    lastAdvance[0] = arrivalMs;
                    residents.values().forEach(r -> r.advanceTo(Instant.ofEpochMilli(arrivalMs).minus(Duration.ofMinutes(5))));
                }
                while (next[0] < STATE_DAYS.length
                        && arrivalMs >= start.plus(Duration.ofDays(STATE_DAYS[next[0]])).toEpochMilli()) {
                    measure(STATE_DAYS[next[0]++], residents, sizes, maxima);
                }
                residents.get(home.id()).accept(event);
            }

            @Override
            public void close() {}
        }, null, (f, n) -> {});
        while (next[0] < STATE_DAYS.length) {
            measure(STATE_DAYS[next[0]++], residents, sizes, maxima);
        }
        StringBuilder md = new StringBuilder(String.format(Locale.ROOT,
                "### Keyed state per resident (%d simulated homes, bytes: mean / max)%n%n", STATE_HOMES));
        md.append("| days | baseline (StateCodec) | open days (StateCodec) | rule state (job, JSON) | total | baseline days learned |\n");
        md.append("|---:|---:|---:|---:|---:|---:|\n");
        sizes.forEach((day, s) -> {
            long[] m = maxima.get(day);
            md.append(String.format(Locale.ROOT, "| %d | %,d / %,d | %,d / %,d | %,d / %,d | **%,d** / %,d | %d |%n", day,
                    s[0] / STATE_HOMES, m[0], s[1] / STATE_HOMES, m[1], s[2] / STATE_HOMES, m[2],
                    (s[0] + s[1] + s[2]) / STATE_HOMES, m[3], s[3] / STATE_HOMES));
        });
        return md.append('\n').toString();
    }

    private static void measure(int day, Map<String, Resident> residents, Map<Integer, long[]> sums, Map<Integer, long[]> maxima) {
        long[] s = new long[4];
        long[] m = new long[4];
        for (Resident r : residents.values()) {
            long b = StateCodec.writeBaseline(r.baseline).length;
            long d = StateCodec.writeDays(r.days).length;
            long j;
            try {
                j = HearthJson.json().writeValueAsBytes(r.rulesState).length;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            s[0] += b;
            s[1] += d;
            s[2] += j;
            s[3] += r.baseline.days();
            m[0] = Math.max(m[0], b);
            m[1] = Math.max(m[1], d);
            m[2] = Math.max(m[2], j);
            m[3] = Math.max(m[3], b + d + j);
        }
        sums.put(day, s);
        maxima.put(day, m);
        System.out.printf(Locale.ROOT, "state at day %d: %s%n", day, java.util.Arrays.toString(s));
    }

    static String replays(int[] homeSeries, int monthDays, int[] daySeries) throws Exception {
        StringBuilder md = new StringBuilder("### Replay time (`hearth replay`, parallelism 1, local MiniCluster per run)\n\n");
        md.append("| input | events | replay (s) | Jackson parse of the file (s) | ratio replay / parse | replay events/s |\n");
        md.append("|---|---:|---:|---:|---:|---:|\n");
        for (int homes : homeSeries) {
            md.append(replay(homes, monthDays)).append('\n');
        }
        for (int days : daySeries) {
            md.append(replay(1, days)).append('\n');
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
