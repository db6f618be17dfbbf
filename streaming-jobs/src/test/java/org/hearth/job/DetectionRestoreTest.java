package org.hearth.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;
import org.hearth.alerts.lifecycle.LifecycleEvent;
import org.hearth.alerts.lifecycle.LifecycleEventType;
import org.hearth.live.FlinkEnvironments;
import org.hearth.models.alert.Rule;
import org.hearth.models.event.SensorEvent;
import org.hearth.models.event.SensorKind;
import org.hearth.models.json.HearthJson;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checkpoint and restore keep the detection state: the detection graph runs on a MiniCluster as
 * {@code hearth run} sets it up ({@link FlinkEnvironments#live}: RocksDB, incremental checkpoints)
 * and is made to fail twice, each time just after a checkpoint that covers a chosen moment; Flink
 * restarts it from that checkpoint, and the source resumes there too (it does not read the history
 * again, which the test checks).
 * <ol>
 *   <li>After nine ordinary days (the resident rises around 07:30) the job fails: the learned
 *   baseline only survives in the checkpoint. The next morning the resident stays in bed, and
 *   {@code not-up} is raised at the learned time (while learning, only the fixed safety rules run).
 *   <li>After that alert is raised the job fails again: the open alert survives. It is not raised a
 *   second time, and when the resident gets up it resolves, with the same alert id.
 * </ol>
 * Outputs are collected through Flink's checkpointed collect sink, which hands out only what a
 * completed checkpoint covers, so what a failure rolls back is not counted twice.
 */
class DetectionRestoreTest {

    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    private static final LocalDate FIRST = LocalDate.of(2026, 11, 1);
    private static final int NORMAL_DAYS = 9;
    private static final LocalDate IN_BED_DAY = FIRST.plusDays(NORMAL_DAYS);
    private static final LocalDate MORNING = IN_BED_DAY.plusDays(1);

    /** Failures injected so far in this JVM's current test (tasks and test share the JVM on a MiniCluster). */
    static final AtomicInteger FAILURES = new AtomicInteger();
    /** The first event each task attempt saw after a restart. */
    static final List<Instant> FIRST_AFTER_RESTART = new CopyOnWriteArrayList<>();

    @TempDir
    Path checkpoints;

    @BeforeEach
    void reset() {
        FAILURES.set(0);
        FIRST_AFTER_RESTART.clear();
    }

    @Test
    void shouldKeepTheBaselineAndTheOpenAlertAcrossFailureAndRestoreFromRocksDbCheckpoints() throws Exception {
        List<SensorEvent> events = scenario();
        Instant baselineLearned = at(MORNING.minusDays(1), "10:00"); // the last ordinary day's last event
        Instant alertOpen = at(MORNING, "09:20");                   // not-up raised, resident still in bed

        StreamExecutionEnvironment env = FlinkEnvironments.live(1, Duration.ofMillis(200), "rocksdb", checkpoints);
        Configuration restarts = new Configuration();
        restarts.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        restarts.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 3);
        restarts.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(200));
        env.configure(restarts);

        DataStream<SensorEvent> source = env.fromSource(source(events),
                WatermarkStrategy.<SensorEvent>forMonotonousTimestamps().withTimestampAssigner((e, t) -> e.ts().toEpochMilli()),
                "events", TypeInformation.of(SensorEvent.class));
        DataStream<SensorEvent> failing = source
                .map(new FailAfterCheckpoint(List.of(baselineLearned, alertOpen)), TypeInformation.of(SensorEvent.class))
                .name("fail-after-checkpoint");
        DetectionStreams out = new DetectionJob(DetectionJobConfig.of(DetectionFixtures.HOMES)).attach(failing, null);

        List<LifecycleEvent> lifecycle = new ArrayList<>();
        try (CloseableIterator<LifecycleEvent> it = out.lifecycle().collectAsync()) {
            env.execute("detection-restore");
            it.forEachRemaining(lifecycle::add);
        }

        assertThat(FAILURES.get()).as("injected failures").isEqualTo(2);
        assertThat(FIRST_AFTER_RESTART).as("where the source resumed after each restart").hasSize(2);
        assertThat(FIRST_AFTER_RESTART.get(0)).as("not from the start: the history is not read again")
                .isAfter(at(MORNING.minusDays(2), "12:00"));
        assertThat(FIRST_AFTER_RESTART.get(1)).isAfter(at(MORNING, "08:45"));

        List<LifecycleEvent> notUp = lifecycle.stream().filter(e -> e.alert().rule() == Rule.NOT_UP).toList();
        List<LifecycleEvent> raised = notUp.stream().filter(e -> e.type() == LifecycleEventType.RAISED).toList();
        assertThat(raised).as("not-up raised once, from the restored baseline").singleElement().satisfies(e -> {
            assertThat(e.at()).isAfter(at(MORNING, "08:10")).isBefore(at(MORNING, "08:40"));
            assertThat(e.alert().expected()).startsWith("usually up by 07:");
        });
        String alertId = raised.get(0).alert().alertId();
        assertThat(notUp).filteredOn(e -> e.type() == LifecycleEventType.RESOLVED).as("resolved after the restore")
                .singleElement().satisfies(e -> {
                    assertThat(e.alert().alertId()).isEqualTo(alertId);
                    assertThat(e.at()).isAfterOrEqualTo(at(MORNING, "09:40"));
                });
    }

    /** Nine ordinary days, a tenth evening into bed, then a morning in bed until 09:40; h2's motion keeps time moving. */
    private static List<SensorEvent> scenario() {
        List<SensorEvent> events = new ArrayList<>();
        for (int i = 0; i < NORMAL_DAYS; i++) {
            events.addAll(day(FIRST.plusDays(i), i % 4 * 4, true));
        }
        events.addAll(day(IN_BED_DAY, 0, false));
        for (Instant t = at(IN_BED_DAY, "13:00"); t.isBefore(at(IN_BED_DAY, "21:00")); t = t.plus(Duration.ofMinutes(10))) {
            events.add(e("h2", t, "pir-kitchen", SensorKind.MOTION, 1));
        }
        for (Instant t = at(MORNING, "06:00"); t.isBefore(at(MORNING, "12:00")); t = t.plus(Duration.ofMinutes(5))) {
            events.add(e("h2", t, "pir-kitchen", SensorKind.MOTION, 1));
        }
        events.add(e("h1", at(MORNING, "09:40"), "bed", SensorKind.BED, 0));
        events.add(e("h1", at(MORNING, "09:45"), "pir-kitchen", SensorKind.MOTION, 1));
        events.add(e("h1", at(MORNING, "10:30"), "pir-kitchen", SensorKind.MOTION, 1));
        events.sort(Comparator.comparing(SensorEvent::ts));
        return events;
    }

    /** Care day {@code d} (noon to noon) of a plain routine, as in {@code HomeDetectorLearnedTest}. */
    private static List<SensorEvent> day(LocalDate d, int riseOffset, boolean rises) {
        LocalDate n = d.plusDays(1);
        List<SensorEvent> out = new ArrayList<>(List.of(
                e("h1", at(d, "12:30"), "pir-kitchen", SensorKind.MOTION, 1),
                e("h1", at(d, "12:31"), "kitchen-plug", SensorKind.POWER, 2100),
                e("h1", at(d, "12:34"), "kitchen-plug", SensorKind.POWER, 0),
                e("h1", at(d, "17:30"), "pir-kitchen", SensorKind.MOTION, 1),
                e("h1", at(d, "22:40"), "pir-bathroom", SensorKind.MOTION, 1),
                e("h1", at(d, "22:50"), "bed", SensorKind.BED, 1)));
        if (rises) {
            Instant up = at(n, "07:30").plusSeconds(60L * riseOffset);
            out.addAll(List.of(
                    e("h1", up, "bed", SensorKind.BED, 0),
                    e("h1", up.plusSeconds(120), "pir-bathroom", SensorKind.MOTION, 1),
                    e("h1", up.plusSeconds(900), "pir-kitchen", SensorKind.MOTION, 1),
                    e("h1", up.plusSeconds(960), "kitchen-plug", SensorKind.POWER, 2200),
                    e("h1", up.plusSeconds(1140), "kitchen-plug", SensorKind.POWER, 0),
                    e("h1", at(n, "10:00"), "pir-kitchen", SensorKind.MOTION, 1)));
        }
        return out;
    }

    private static Instant at(LocalDate d, String time) {
        return LocalDateTime.of(d, LocalTime.parse(time)).atZone(LONDON).toInstant();
    }

    private static SensorEvent e(String home, Instant t, String sensor, SensorKind kind, double value) {
        return SensorEvent.of(home, sensor, t, kind, value);
    }

    /**
     * A checkpointed, resumable source of the events that emits at most ten between two completed
     * checkpoints, so that checkpoints fall between them however loaded the machine is.
     */
    private static DataGeneratorSource<SensorEvent> source(List<SensorEvent> events) {
        ArrayList<String> lines = new ArrayList<>();
        for (SensorEvent e : events) {
            try {
                lines.add(HearthJson.json().writeValueAsString(e));
            } catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        }
        GeneratorFunction<Long, SensorEvent> read = i -> HearthJson.json().readValue(lines.get(i.intValue()), SensorEvent.class);
        return new DataGeneratorSource<>(read, lines.size(), RateLimiterStrategy.perCheckpoint(10), TypeInformation.of(SensorEvent.class));
    }

    /**
     * Passes events through and fails the task once per moment in {@code failAfter}: at the first
     * event after a completed checkpoint that was taken once that moment had been passed, so that
     * the restart restores a state that includes it.
     */
    static final class FailAfterCheckpoint implements MapFunction<SensorEvent, SensorEvent>, CheckpointedFunction,
            CheckpointListener {

        private static final long serialVersionUID = 1L;

        private final List<Instant> failAfter;
        private transient Instant latest;
        private transient Map<Long, Instant> snapshots;
        private transient boolean armed;
        private transient boolean firstSeen;

        FailAfterCheckpoint(List<Instant> failAfter) {
            this.failAfter = List.copyOf(failAfter);
        }

        @Override
        public SensorEvent map(SensorEvent event) {
            if (!firstSeen) {
                firstSeen = true;
                if (FAILURES.get() > 0) {
                    FIRST_AFTER_RESTART.add(event.ts());
                }
            }
            if (armed) {
                FAILURES.incrementAndGet();
                throw new IllegalStateException("injected failure " + FAILURES.get());
            }
            latest = latest == null || event.ts().isAfter(latest) ? event.ts() : latest;
            return event;
        }

        @Override
        public void snapshotState(FunctionSnapshotContext context) {
            snapshots.put(context.getCheckpointId(), latest);
        }

        @Override
        public void initializeState(FunctionInitializationContext context) {
            snapshots = new HashMap<>();
            armed = false;
            firstSeen = false;
        }

        @Override
        public void notifyCheckpointComplete(long checkpointId) {
            Instant covered = snapshots.get(checkpointId);
            int next = FAILURES.get();
            if (next < failAfter.size() && covered != null && !covered.isBefore(failAfter.get(next))) {
                armed = true;
            }
        }
    }
}
