package org.hearth.replay;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.hearth.ingest.IngestPipeline;
import org.hearth.ingest.TimedEvents;
import org.hearth.ingest.deadletter.DeadLetter;
import org.hearth.ingest.deadletter.DeadLetterReason;
import org.hearth.ingest.time.Deduplicator;
import org.hearth.job.Counters;
import org.hearth.job.DetectionJob;
import org.hearth.job.DetectionJobConfig;
import org.hearth.job.DetectionStreams;
import org.hearth.job.JsonTypeInfo;
import org.hearth.models.alert.Alert;
import org.hearth.models.event.SensorEvent;
import org.hearth.models.json.HearthJson;

/**
 * {@code hearth replay}: the detection graph over files, in event-time replay, on a local
 * MiniCluster. Deterministic: the source is one reader merging the files by event time, watermarks
 * come from the records ({@link ReplayWatermarks}), the detector orders each home's events by event
 * time (the live job's help-button path ahead of the watermark is off), and the alerts are finally
 * sorted by (at, home, rule, id).
 */
public final class ReplayJob {

    static final OutputTag<DeadLetter> DEAD = new OutputTag<>("dead-letters", JsonTypeInfo.of(DeadLetter.class));

    /**
     * @param files replay files, merged by event time
     * @param format their line format
     * @param config homes and thresholds
     * @param lateness how far out of order events may arrive within a file
     * @param parallelism of the detection operators (the source is always one reader)
     */
    public record Options(List<Path> files, ReplayFormat format, DetectionJobConfig config, Duration lateness, int parallelism) {
        public Options {
            files = List.copyOf(files);
            Objects.requireNonNull(format, "format");
            Objects.requireNonNull(config, "config");
            Objects.requireNonNull(lateness, "lateness");
        }
    }

    private final Options options;

    public ReplayJob(Options options) {
        this.options = options;
    }

    /**
     * The replay graph's outputs, typed, for the caller to plug its sinks into ({@link #run} collects
     * them; a test may attach its own).
     *
     * @param alerts one per alert raised
     * @param deadLetters rejected lines, and events for homes the registry does not know
     * @param late events that arrived at or behind the watermark (ingest's late output)
     */
    public record ReplayStreams(DataStream<Alert> alerts, DataStream<DeadLetter> deadLetters, DataStream<SensorEvent> late) {}

    /** Builds the replay graph on {@code env}. */
    public ReplayStreams build(StreamExecutionEnvironment env) {
        env.getConfig().enableObjectReuse(); // records are immutable; saves a copy per chained operator
        DataStream<ReplayRecord> records = env
                .fromSource(new ReplayFileSource(options.files(), options.format(), options.config().homesYaml()),
                        new ReplayWatermarks(options.lateness()), "replay-files", JsonTypeInfo.of(ReplayRecord.class))
                .setParallelism(1);
        SingleOutputStreamOperator<SensorEvent> events = records
                .process(new SplitRecords(), TypeInformation.of(SensorEvent.class)).name("split-dead-letters")
                .setParallelism(1);
        // Late events and redeliveries (a capture's) judged as live ingest judges them, by the same stage.
        TimedEvents timed = IngestPipeline.onTime(events, Deduplicator.replay());
        // Event-time order alone: nobody waits on a replay for a text, and its alerts must not depend on arrival timing.
        DetectionStreams out = new DetectionJob(options.config().withUrgentOnArrival(false)).attach(timed.events(), null);
        DataStream<DeadLetter> unknownHome = out.unknownHome()
                .map(ReplayJob::unknownHome, JsonTypeInfo.of(DeadLetter.class)).name("unknown-home-dead-letters");
        return new ReplayStreams(out.alerts(), events.getSideOutput(DEAD).union(unknownHome), timed.late());
    }

    /**
     * Runs the replay to its end; prints progress to {@code progress} every few seconds on long runs.
     *
     * <p>The three outputs go to JSON-lines files in a scratch folder, read back once the job has
     * finished. Not {@code collectAsync}: its fetchers poll a per-job MiniCluster that shuts down as
     * the job ends, and a fetcher that polls just after assumes the job is over and may drop the
     * rows it had not fetched (CollectResultFetcher: "Some data might be lost"). That made the same
     * files give an empty alerts file now and then.
     */
    public ReplayResult run(PrintStream progress) throws Exception {
        long started = System.nanoTime(); // elapsed time for the summary only, never in logic
        Path scratch = Files.createTempDirectory("hearth-replay-");
        try {
            StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(options.parallelism());
            ReplayStreams out = build(env);
            out.alerts().sinkTo(new JsonlFileSink<>(scratch, "alerts")).name("alerts").setParallelism(1);
            out.deadLetters().sinkTo(new JsonlFileSink<>(scratch, "dead-letters")).name("dead-letters").setParallelism(1);
            out.late().sinkTo(new JsonlFileSink<>(scratch, "late")).name("late").setParallelism(1);
            ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(daemon("replay-progress"));
            JobExecutionResult result;
            try {
                JobClient client = env.executeAsync("hearth replay");
                ticker.scheduleAtFixedRate(() -> reportProgress(client, progress, started), 5, 5, TimeUnit.SECONDS);
                result = client.getJobExecutionResult().get();
            } finally {
                ticker.shutdownNow();
            }
            List<Alert> alerts = new ArrayList<>();
            for (String line : lines(scratch, "alerts")) {
                alerts.add(HearthJson.json().readValue(line, Alert.class));
            }
            alerts.sort(ALERT_ORDER);
            List<String> deadLetters = lines(scratch, "dead-letters");
            deadLetters.sort(Comparator.naturalOrder());
            List<String> late = lines(scratch, "late");
            late.sort(Comparator.naturalOrder());
            return new ReplayResult(alerts, deadLetters, late, counter(result, Counters.EVENTS), counter(result, Counters.HOMES),
                    counter(result, Counters.DAYS), Duration.ofNanos(System.nanoTime() - started))
                    .withDuplicates(counter(result, Counters.DUPLICATES));
        } finally {
            deleteRecursively(scratch);
        }
    }

    /** The lines one sink wrote, from every writer's file ({@code name-0.jsonl}, ...). */
    private static List<String> lines(Path dir, String name) throws IOException {
        List<String> lines = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith(name + "-")).sorted().toList()) {
                lines.addAll(Files.readAllLines(file, StandardCharsets.UTF_8));
            }
        }
        return lines;
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    /** An event for a home the registry does not know, as the dead letter the replay writes for it. */
    private static DeadLetter unknownHome(SensorEvent e) throws JsonProcessingException {
        String raw = HearthJson.json().writeValueAsString(e);
        return new DeadLetter(DeadLetterReason.UNKNOWN_HOME, "home '" + e.homeId() + "' is not in the registry", "replay",
                raw, DeadLetter.UTF_8, raw.length(), Instant.EPOCH);
    }

    /** The order of {@code alerts.jsonl}: by time, then home, then rule, then id. */
    public static final Comparator<Alert> ALERT_ORDER = Comparator.comparing(Alert::at)
            .thenComparing(Alert::homeId)
            .thenComparing(a -> a.rule().wireName())
            .thenComparing(Alert::alertId);

    private static void reportProgress(JobClient client, PrintStream progress, long started) {
        try {
            Map<String, Object> acc = client.getAccumulators().get(2, TimeUnit.SECONDS);
            Object events = acc.get(Counters.EVENTS);
            if (events != null) {
                progress.printf("replay: %,d events so far (%ds)%n", ((Number) events).longValue(),
                        (System.nanoTime() - started) / 1_000_000_000L);
            }
        } catch (Exception e) {
            // progress is best effort: the job may just have finished
        }
    }

    private static long counter(JobExecutionResult result, String name) {
        Object value = result.getAllAccumulatorResults().get(name);
        return value == null ? 0 : ((Number) value).longValue();
    }

    /** Events to the main output, rejected lines to {@link #DEAD}. */
    private static final class SplitRecords extends ProcessFunction<ReplayRecord, SensorEvent> {
        private static final long serialVersionUID = 1L;

        @Override
        public void processElement(ReplayRecord record, Context ctx, Collector<SensorEvent> out) {
            if (record.isEvent()) {
                out.collect(record.event());
            } else {
                ctx.output(DEAD, record.deadLetter());
            }
        }
    }
}
