package org.hearth.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.util.TestStreamEnvironment;
import org.hearth.live.FlinkEnvironments;
import org.hearth.job.Counters;
import org.hearth.job.DetectionJob;
import org.hearth.job.DetectionJobConfig;
import org.hearth.job.DetectionStreams;
import org.hearth.models.event.SensorEvent;
import org.hearth.simulator.SimulationConfig;
import org.hearth.simulator.Simulator;
import org.hearth.simulator.home.SimHome;
import org.hearth.simulator.output.EventSink;

/**
 * Detection job throughput against a Flink pass-through job measured in the same run, on the same
 * input: simulated events of {@code homes} homes held in memory, read by one source reader (as in
 * replay), watermarks trailing the highest event time by 5 minutes (as {@code hearth replay}), then
 * <ul>
 *   <li>pass-through: {@code keyBy(home)} into a discarding sink;</li>
 *   <li>detection: {@link DetectionJob} (home detector, alert lifecycle), every output discarded.</li>
 * </ul>
 * at parallelism 1 and 2 of the keyed operators, on the heap (hashmap) and RocksDB state backends.
 * The clock starts once a fifth of the input has been read, so that job start-up (and parsing the
 * registry in each task) is not counted: the source is back-pressured long before that point. It
 * stops when the sinks see the end of their input, not when the job returns (tearing a job down
 * takes longer than the pass-through takes for the whole input). The pass-through reads the input
 * {@code -Dbench.passThroughRepeat} times (10): once is a few hundred milliseconds, too short to
 * time on a shared machine.
 *
 * <p>Not a test: run by {@code streaming-jobs/bench.sh}. Arguments:
 * {@code [homes] [events] [results.md] [backends, e.g. hashmap,rocksdb; also rocksdb-heap-timers]}.
 */
public final class DetectionBench {

    static final Duration LATENESS = Duration.ofMinutes(5);

    /** The input, read by the source in this JVM (the MiniCluster runs here). */
    static SensorEvent[] events;
    static final AtomicLong CLOCK_STARTED = new AtomicLong();
    /** When the last sink saw the end of its input (not when the job returned: teardown is not throughput). */
    static final AtomicLong CLOCK_STOPPED = new AtomicLong();
    static volatile long warmUpEvents;
    /** How many times the pass-through reads the input: once takes a fraction of a second, too short to time. */
    static final int PASS_THROUGH_REPEAT = Integer.getInteger("bench.passThroughRepeat", 10);

    public static void main(String[] args) throws Exception {
        int homes = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 400_000;
        Path out = args.length > 2 ? Path.of(args[2]) : null;
        List<String> backends = List.of((args.length > 3 ? args[3] : "hashmap,rocksdb").split(","));

        long t0 = System.nanoTime();
        String homesYaml = simulate(homes, n);
        System.out.printf(Locale.ROOT, "simulated %,d events of %,d homes in %.1f s (first %s, last %s)%n", events.length, homes,
                (System.nanoTime() - t0) / 1e9, events[0].ts(), events[events.length - 1].ts());
        DetectionJobConfig config = DetectionJobConfig.of(homesYaml);

        MiniCluster cluster = new MiniCluster(new MiniClusterConfiguration.Builder()
                .setNumTaskManagers(1).setNumSlotsPerTaskManager(4).setConfiguration(new Configuration()).build());
        cluster.start();
        List<String> rows = new ArrayList<>();
        try {
            run(cluster, "hashmap", 1, Boolean.getBoolean("bench.detectionOnly") ? config : null); // JIT warm-up of source, serializers and network stack: not reported
            for (String backend : backends) {
                for (int p : new int[] {1, 2}) {
                    // -Dbench.detectionOnly=true: for profiling the detection job alone (JFR)
                    double pass = Boolean.getBoolean("bench.detectionOnly") ? Double.NaN : run(cluster, backend, p, null);
                    double detect = run(cluster, backend, p, config);
                    String row = String.format(Locale.ROOT, "| %s | %d | %,.0f | %,.0f | **%.3f** |", backend, p, pass, detect, detect / pass);
                    System.out.println(row);
                    rows.add(row);
                }
            }
        } finally {
            cluster.close();
        }
        StringBuilder md = new StringBuilder(String.format(Locale.ROOT,
                "### Detection job vs pass-through (%,d simulated events of %,d homes, %s to %s, in memory)%n%n",
                events.length, homes, events[0].ts(), events[events.length - 1].ts()));
        md.append("| state backend | parallelism | pass-through (events/s) | detection (events/s) | ratio detection / pass-through |\n");
        md.append("|---|---:|---:|---:|---:|\n");
        rows.forEach(r -> md.append(r).append('\n'));
        System.out.println(md);
        if (out != null) {
            Files.writeString(out, md + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
        System.exit(0);
    }

    /** The first {@code n} events (delivery order) of a one-day simulation of {@code homes}; returns homes.yaml. */
    static String simulate(int homes, int n) throws IOException {
        SimulationConfig config = SimulationConfig.of(homes, 1, 42);
        Simulator simulator = new Simulator(Clock.systemUTC());
        List<SensorEvent> taken = new ArrayList<>(n);
        try {
            simulator.run(config, new EventSink() {
                @Override
                public void accept(SimHome home, SensorEvent event, long arrivalMs) {
                    taken.add(event);
                    if (taken.size() >= n) {
                        throw new Enough();
                    }
                }

                @Override
                public void close() {}
            }, null, (fraction, count) -> {});
        } catch (Enough enough) {
            // the input is complete
        }
        events = taken.toArray(new SensorEvent[0]);
        Path yaml = Files.createTempFile("hearth-bench-homes", ".yaml");
        try {
            Simulator.writeHomes(simulator.homes(config), yaml);
            return Files.readString(yaml);
        } finally {
            Files.deleteIfExists(yaml);
        }
    }

    private static final class Enough extends RuntimeException {
        Enough() {
            super(null, null, false, false);
        }
    }

    /** Runs one job to the end; returns events per second after the warm-up fifth. */
    static double run(MiniCluster cluster, String backend, int parallelism, DetectionJobConfig detection) throws Exception {
        Configuration conf = FlinkEnvironments.withRocksDbTuning(new Configuration()); // the live job's RocksDB options
        // "rocksdb-heap-timers": RocksDB for state, timers on the heap (Flink's option; not Hearth's default)
        conf.set(StateBackendOptions.STATE_BACKEND, backend.startsWith("rocksdb") ? "rocksdb" : backend);
        if (backend.equals("rocksdb-heap-timers")) {
            conf.setString("state.backend.rocksdb.timer-service.factory", "HEAP");
        }
        TestStreamEnvironment.setAsContext(cluster, parallelism);
        try {
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
            env.setParallelism(parallelism);
            env.getConfig().enableObjectReuse(); // as hearth replay does
            long total = (long) events.length * (detection == null ? PASS_THROUGH_REPEAT : 1);
            warmUpEvents = total / 5;
            CLOCK_STARTED.set(0);
            CLOCK_STOPPED.set(0);
            DataStream<SensorEvent> input = env.fromSequence(0, total - 1).setParallelism(1).name("in-memory")
                    .map(DetectionBench::event, TypeInformation.of(SensorEvent.class)).setParallelism(1).name("events")
                    .assignTimestampsAndWatermarks(replayWatermarks()).setParallelism(1).name("replay-watermarks");
            String name;
            if (detection == null) {
                input.keyBy(SensorEvent::homeId).sinkTo(new EndOfInputSink<>()).name("discard");
                name = "pass-through";
            } else {
                DetectionStreams s = new DetectionJob(detection).attach(input, null);
                s.lifecycle().sinkTo(new EndOfInputSink<>());
                s.unknownHome().sinkTo(new EndOfInputSink<>());
                s.alerts().sinkTo(new EndOfInputSink<>());
                name = "detection";
            }
            JobExecutionResult result = env.execute(name + " " + backend + " p" + parallelism);
            long end = CLOCK_STOPPED.get() == 0 ? System.nanoTime() : CLOCK_STOPPED.get();
            double rate = (total - warmUpEvents) / ((end - CLOCK_STARTED.get()) / 1e9);
            Object processed = result.getAllAccumulatorResults().get(Counters.EVENTS);
            System.out.printf(Locale.ROOT, "%s %s p=%d: %,.0f events/s%s%n", name, backend, parallelism, rate,
                    processed == null ? "" : ", detector applied " + processed + " events");
            return rate;
        } finally {
            TestStreamEnvironment.unsetAsContext();
        }
    }

    private static SensorEvent event(Long index) {
        if (index == warmUpEvents) {
            CLOCK_STARTED.set(System.nanoTime());
        }
        return events[(int) (index % events.length)];
    }

    /**
     * Discards everything and stops the clock when its input ends: after every upstream operator
     * has processed the last record and the final watermark (the detector's remaining timers fire
     * then), but before the job is torn down.
     */
    static final class EndOfInputSink<T> implements Sink<T> {
        private static final long serialVersionUID = 1L;

        @Override
        public SinkWriter<T> createWriter(WriterInitContext context) {
            return new SinkWriter<>() {
                @Override
                public void write(T element, Context context) {}

                @Override
                public void flush(boolean endOfInput) {
                    if (endOfInput) {
                        CLOCK_STOPPED.accumulateAndGet(System.nanoTime(), Math::max);
                    }
                }

                @Override
                public void close() {}
            };
        }
    }

    /** What {@code ReplayWatermarks} does for replay records: trail the highest event time, in steps of at least 1 s. */
    static WatermarkStrategy<SensorEvent> replayWatermarks() {
        long lateness = LATENESS.toMillis();
        return WatermarkStrategy.<SensorEvent>forGenerator(ctx -> new WatermarkGenerator<>() {
            private long maxTs = Long.MIN_VALUE;
            private long emitted = Long.MIN_VALUE;

            @Override
            public void onEvent(SensorEvent e, long ts, WatermarkOutput output) {
                if (ts <= maxTs) {
                    return;
                }
                maxTs = ts;
                long mark = maxTs - lateness - 1;
                if (emitted == Long.MIN_VALUE || mark - emitted >= 1_000) {
                    emitted = mark;
                    output.emitWatermark(new Watermark(mark));
                }
            }

            @Override
            public void onPeriodicEmit(WatermarkOutput output) {}
        }).withTimestampAssigner((e, previous) -> e.ts().toEpochMilli());
    }
}
