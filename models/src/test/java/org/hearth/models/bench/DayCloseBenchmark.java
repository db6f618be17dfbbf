package org.hearth.models.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.hearth.models.activity.Activity;
import org.hearth.models.activity.ActivityConfig;
import org.hearth.models.activity.ActivityTracker;
import org.hearth.models.baseline.Anchor;
import org.hearth.models.baseline.Baseline;
import org.hearth.models.baseline.BaselineConfig;
import org.hearth.models.day.DayConfig;
import org.hearth.models.day.DayProfile;
import org.hearth.models.day.DayTracker;
import org.hearth.models.day.OpenDay;
import org.hearth.models.event.SensorEvent;
import org.hearth.models.json.HearthJson;
import org.hearth.models.state.StateCodec;
import org.hearth.models.testing.RoutineEvents;
import org.hearth.models.testing.SyntheticDays;
import org.hearth.models.testing.TestHomes;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Cost per resident-day, against a reference measured in the same run: Jackson parsing that day's
 * events from JSONL (work every replay does anyway). Run with the command in the module README;
 * never part of {@code verify}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class DayCloseBenchmark {

    private static final LocalDate START = LocalDate.of(2026, 2, 2);
    private final ObjectMapper json = HearthJson.json();
    private List<SensorEvent> events;
    private List<String> lines;
    private List<Activity> activities;
    private List<DayProfile> history;
    private DayProfile today;

    @Setup
    public void setUp() throws Exception {
        events = new RoutineEvents(1).day(START.plusDays(28), 7 * 60);
        lines = new ArrayList<>();
        for (SensorEvent e : events) {
            lines.add(json.writeValueAsString(e));
        }
        ActivityTracker tracker = new ActivityTracker(TestHomes.standardHome(), ActivityConfig.defaults());
        activities = new ArrayList<>();
        events.forEach(e -> activities.addAll(tracker.accept(e)));
        activities.addAll(tracker.flush());
        SyntheticDays gen = new SyntheticDays(2);
        history = new ArrayList<>();
        for (int i = 0; i < 28; i++) {
            history.add(gen.normalDay(START.plusDays(i)));
        }
        today = gen.normalDay(START.plusDays(28));
    }

    /** Reference: parse the day's events from JSONL. */
    @Benchmark
    public int jacksonParseDay() throws Exception {
        int n = 0;
        for (String line : lines) {
            n += json.readValue(line, SensorEvent.class).sensorId().length();
        }
        return n;
    }

    /** Events to activities to a closed day profile. */
    @Benchmark
    public DayProfile eventsToProfile() {
        ActivityTracker tracker = new ActivityTracker(TestHomes.standardHome(), ActivityConfig.defaults());
        DayTracker days = new DayTracker(TestHomes.LONDON, DayConfig.defaults());
        for (SensorEvent e : events) {
            days.acceptAll(tracker.accept(e));
        }
        days.acceptAll(tracker.flush());
        return days.flush().get(0);
    }

    /**
     * The day close proper: close the open day, learn it into a 28-day baseline read from state,
     * score it (day score and routes with their own-history quantiles, rise expectation) and write
     * the state back.
     */
    @Benchmark
    public byte[] closeDay(Blackhole hole) {
        OpenDay open = new OpenDay(new org.hearth.models.day.CareDay(START.plusDays(28)), TestHomes.LONDON,
                DayConfig.defaults());
        activities.forEach(open::accept);
        open.close();
        Baseline b = new Baseline(BaselineConfig.defaults());
        b.addAll(history);
        double edge = b.dayScoreQuantile(0.95) + b.routeSurpriseQuantile(0.95);
        double s = b.scoreDay(today).score() + b.routeSurprise(today);
        b.expect(Anchor.RISE, 0.9, 45);
        b.add(today);
        hole.consume(s > edge);
        return StateCodec.writeBaseline(b);
    }
}
