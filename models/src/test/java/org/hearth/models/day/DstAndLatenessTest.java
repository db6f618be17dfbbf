package org.hearth.models.day;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hearth.models.testing.TestHomes.LONDON;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.hearth.models.activity.ActivityConfig;
import org.hearth.models.activity.ActivityTracker;
import org.hearth.models.baseline.Anchor;
import org.hearth.models.baseline.Baseline;
import org.hearth.models.baseline.BaselineConfig;
import org.hearth.models.event.SensorEvent;
import org.hearth.models.testing.RoutineEvents;
import org.hearth.models.testing.TestHomes;
import org.junit.jupiter.api.Test;

class DstAndLatenessTest {

    private static List<DayProfile> profiles(List<SensorEvent> arrivalOrder) {
        ActivityTracker tracker = new ActivityTracker(TestHomes.standardHome(), ActivityConfig.defaults());
        DayTracker days = new DayTracker(LONDON, DayConfig.defaults());
        List<DayProfile> out = new ArrayList<>();
        for (SensorEvent e : arrivalOrder) {
            days.acceptAll(tracker.accept(e));
            if (tracker.watermark() != null) {
                out.addAll(days.advanceTo(tracker.watermark()));
            }
        }
        days.acceptAll(tracker.flush());
        out.addAll(days.flush());
        assertThat(tracker.lateEvents()).isZero();
        assertThat(days.lateActivities()).isZero();
        return out;
    }

    private static List<SensorEvent> history(LocalDate from, int days, int riseMinute, long seed) {
        RoutineEvents routine = new RoutineEvents(seed);
        List<SensorEvent> all = new ArrayList<>();
        for (int i = 0; i < days; i++) {
            all.addAll(routine.day(from.plusDays(i), riseMinute));
        }
        all.sort(Comparator.comparing(SensorEvent::ts));
        return all;
    }

    @Test
    void springForwardWeekend_doesNotMoveUsualRiseTime() {
        // 2026-03-29: clocks go forward at 01:00 GMT
        List<DayProfile> days = profiles(history(LocalDate.of(2026, 3, 16), 21, 7 * 60, 1));
        Baseline b = new Baseline(BaselineConfig.defaults());
        days.forEach(b::add);

        assertThat(days).extracting(DayProfile::riseMinute).containsOnly(7 * 60);
        assertThat(days).filteredOn(d -> d.date().equals(LocalDate.of(2026, 3, 28)))
                .extracting(DayProfile::lengthMinutes).containsExactly(23 * 60);
        assertThat(b.anchorQuantile(Anchor.RISE, 0.1)).hasValue(7 * 60.0);
        assertThat(b.anchorQuantile(Anchor.RISE, 0.9)).hasValue(7 * 60.0);
    }

    @Test
    void fallBackWeekend_doesNotMoveUsualRiseTime() {
        // 2026-10-25: clocks go back at 02:00 BST
        List<DayProfile> days = profiles(history(LocalDate.of(2026, 10, 12), 21, 7 * 60 + 20, 2));
        Baseline b = new Baseline(BaselineConfig.defaults());
        days.forEach(b::add);

        assertThat(days).extracting(DayProfile::riseMinute).containsOnly(7 * 60 + 20);
        assertThat(days).filteredOn(d -> d.date().equals(LocalDate.of(2026, 10, 24)))
                .extracting(DayProfile::lengthMinutes).containsExactly(25 * 60);
        assertThat(b.expect(Anchor.RISE, 0.9, 45).orElseThrow().usualMinute()).isEqualTo(7 * 60 + 20);
    }

    @Test
    void suddenThreeHourLateRise_fromEventsIsPastTheNotUpDeadline() {
        LocalDate from = LocalDate.of(2026, 5, 4);
        Baseline b = new Baseline(BaselineConfig.defaults());
        profiles(history(from, 14, 7 * 60, 3)).forEach(b::add);
        DayProfile late = profiles(new RoutineEvents(4).day(from.plusDays(14), 10 * 60)).get(0);

        assertThat(late.riseMinute()).isEqualTo(10 * 60);
        assertThat(late.riseMinute()).isGreaterThan(b.expect(Anchor.RISE, 0.9, 45).orElseThrow().deadlineMinute());
    }

    /** Arrival order: each event delayed by a random amount below the allowed lateness. */
    @Property(tries = 25)
    void reorderingWithinTheAllowedLateness_leavesDayProfilesUnchanged(
            @ForAll @LongRange(min = 0, max = 1_000_000) long seed) {
        Random random = new Random(seed);
        List<SensorEvent> events = new ArrayList<>(history(LocalDate.of(2026, 3, 27), 3, 7 * 60 + 5, seed));
        // PIR retriggers and a second room firing within seconds: the dense parts that get reordered
        for (SensorEvent e : List.copyOf(events)) {
            if (e.kind() == org.hearth.models.event.SensorKind.MOTION) {
                events.add(TestHomes.event(e.ts().plusSeconds(5 + random.nextInt(60)), e.sensorId(), 1));
                events.add(TestHomes.event(e.ts().plusSeconds(1 + random.nextInt(20)), "pir-hall", 1));
            }
        }
        events.sort(Comparator.comparing(SensorEvent::ts));
        long lateness = ActivityConfig.defaults().allowedLateness().toMillis();
        List<long[]> keyed = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            keyed.add(new long[] {events.get(i).ts().toEpochMilli() + (long) (random.nextDouble() * (lateness - 1)), i});
        }
        keyed.sort(Comparator.<long[]>comparingLong(k -> k[0]).thenComparingLong(k -> k[1]));
        List<SensorEvent> shuffled = keyed.stream().map(k -> events.get((int) k[1])).toList();

        assertThat(shuffled).isNotEqualTo(events);
        assertThat(profiles(shuffled)).isEqualTo(profiles(events)).hasSize(3);
    }

    @Test
    void lateness_isTheDocumentedTwoMinutes() {
        assertThat(ActivityConfig.defaults().allowedLateness()).isEqualTo(Duration.ofMinutes(2));
    }
}
