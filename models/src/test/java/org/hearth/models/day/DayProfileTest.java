package org.hearth.models.day;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hearth.models.testing.TestHomes.LONDON;
import static org.hearth.models.testing.TestHomes.at;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.hearth.models.activity.Activity;
import org.hearth.models.activity.ActivityConfig;
import org.hearth.models.activity.ActivityTracker;
import org.hearth.models.event.SensorEvent;
import org.hearth.models.testing.TestHomes;
import org.hearth.models.testing.TestHomes.Trace;
import org.junit.jupiter.api.Test;

class DayProfileTest {

    private static final LocalDate D = LocalDate.of(2026, 11, 23);
    private static final LocalDate N = D.plusDays(1);

    /** A plain day: afternoon out, evening in, a night with one bathroom trip, morning tea. */
    static Trace ordinaryDay(LocalDate d) {
        LocalDate n = d.plusDays(1);
        return new Trace(d)
                .on(d, "12:30:00", "pir-kitchen", 1).on(d, "12:31:00", "kettle", 2100).on(d, "12:34:00", "kettle", 0)
                .on(d, "12:40:00", "pir-lounge", 1)
                .on(d, "14:00:00", "pir-hall", 1).on(d, "14:01:00", "front-door", 1).on(d, "14:01:10", "front-door", 0)
                .on(d, "15:30:00", "front-door", 1).on(d, "15:30:10", "front-door", 0).on(d, "15:30:30", "pir-hall", 1)
                .on(d, "15:31:00", "pir-lounge", 1).on(d, "16:00:00", "pir-lounge", 1)
                .on(d, "18:00:00", "pir-kitchen", 1).on(d, "18:10:00", "pir-lounge", 1)
                .on(d, "21:20:00", "pir-bathroom", 1).on(d, "21:25:00", "pir-bedroom", 1)
                .on(d, "22:30:00", "bed", 1)
                .on(n, "03:00:00", "bed", 0).on(n, "03:00:40", "pir-bathroom", 1).on(n, "03:05:00", "pir-bedroom", 1)
                .on(n, "03:06:00", "bed", 1)
                .on(n, "07:10:00", "bed", 0).on(n, "07:11:00", "pir-bedroom", 1)
                .on(n, "07:15:00", "pir-kitchen", 1).on(n, "07:16:00", "kettle", 2200).on(n, "07:19:00", "kettle", 0)
                .on(n, "07:25:00", "pir-lounge", 1).on(n, "10:30:00", "pir-lounge", 1);
    }

    static List<Activity> activities(List<SensorEvent> events) {
        ActivityTracker tracker = new ActivityTracker(TestHomes.standardHome(), ActivityConfig.defaults());
        List<Activity> out = new ArrayList<>();
        events.forEach(e -> out.addAll(tracker.accept(e)));
        out.addAll(tracker.flush());
        return out;
    }

    @Test
    void close_summarisesAnOrdinaryDay() {
        DayTracker days = new DayTracker(LONDON, DayConfig.defaults());
        days.acceptAll(activities(ordinaryDay(D).events()));

        List<DayProfile> closed = days.advanceTo(at(N, "12:30", LONDON));

        assertThat(closed).hasSize(1);
        DayProfile p = closed.get(0);
        assertThat(p.date()).isEqualTo(D);
        assertThat(p.lengthMinutes()).isEqualTo(1440);
        assertThat(p.bedtime()).hasValue(22 * 60 + 30);
        assertThat(p.rise()).hasValue(7 * 60 + 10);
        assertThat(p.nightBedExits()).isEqualTo(1);
        assertThat(p.timeInBedMinutes()).isEqualTo(4 * 60 + 30 + 4 * 60 + 4);
        assertThat(p.firstKettle()).hasValue(7 * 60 + 16);
        assertThat(p.kettleBoils()).isEqualTo(2);
        assertThat(p.bathroomNight()).isEqualTo(1);
        assertThat(p.bathroomDay()).isEqualTo(1);
        assertThat(p.outOfHomeMinutes()).isEqualTo(89);
        assertThat(p.nightDoorOpenings()).isZero();
        assertThat(p.active(25)).isTrue();   // 12:30-13:00
        assertThat(p.active(6)).isTrue();    // 03:00-03:30
        assertThat(p.active(10)).isFalse();  // 05:00-05:30
        assertThat(p.transitions()).containsEntry(new Transition("kitchen", "lounge"), 3);
        assertThat(p.stillness()).containsEntry(new RoomBand("lounge", TimeBand.MORNING), (int) (3 * 3600 + 5 * 60));
    }

    @Test
    void close_withoutABedSensorTakesRiseFromFirstMorningMotion() {
        List<SensorEvent> noBed = ordinaryDay(D).events().stream().filter(e -> !e.sensorId().equals("bed")).toList();
        DayTracker days = new DayTracker(LONDON, DayConfig.defaults());
        days.acceptAll(activities(noBed));

        DayProfile p = days.flush().get(0);

        assertThat(p.rise()).hasValue(7 * 60 + 11);
        assertThat(p.bedtime()).isEmpty();
    }

    @Test
    void close_stillInBedAtTheBoundaryLeavesRiseUnknown() {
        Trace t = new Trace(D).on(D, "22:00:00", "bed", 1);
        OpenDay day = new OpenDay(CareDay.of(D), LONDON, DayConfig.defaults());
        activities(t.events()).forEach(day::accept);

        DayProfile p = day.close();

        assertThat(p.bedtime()).hasValue(22 * 60);
        assertThat(p.rise()).isEmpty();
    }

    @Test
    void advanceTo_activityForAClosedDayIsLateAndKept() {
        DayTracker days = new DayTracker(LONDON, DayConfig.defaults());
        days.advanceTo(at(N, "13:00", LONDON));
        Activity late = new org.hearth.models.activity.Motion(at(N, "08:00", LONDON), "kitchen");

        days.accept(late);

        assertThat(days.lateActivities()).isEqualTo(1);
        assertThat(days.drainLate()).containsExactly(late);
        assertThat(days.openDays()).isEmpty();
    }

    @Test
    void close_fallBackNightKeepsWallClockTimes() {
        LocalDate d = LocalDate.of(2026, 10, 24);
        DayTracker days = new DayTracker(LONDON, DayConfig.defaults());
        days.acceptAll(activities(ordinaryDay(d).events()));

        DayProfile p = days.flush().get(0);

        assertThat(p.lengthMinutes()).isEqualTo(1500);
        assertThat(p.rise()).hasValue(7 * 60 + 10);
        assertThat(p.bedtime()).hasValue(22 * 60 + 30);
        assertThat(p.timeInBedMinutes()).isEqualTo(4 * 60 + 30 + 4 * 60 + 4 + 60);
    }

    @Test
    void instants_areOnTheRightSideOfTheBoundary() {
        Instant noon = at(N, "12:00", LONDON);
        assertThat(CareDay.of(D).end(LONDON, DayConfig.defaults().boundary())).isEqualTo(noon);
    }
}
