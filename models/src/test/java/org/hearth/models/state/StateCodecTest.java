package org.hearth.models.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hearth.models.testing.TestHomes.LONDON;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.hearth.models.activity.Activity;
import org.hearth.models.activity.ActivityConfig;
import org.hearth.models.activity.ActivityTracker;
import org.hearth.models.baseline.Anchor;
import org.hearth.models.baseline.Baseline;
import org.hearth.models.baseline.BaselineConfig;
import org.hearth.models.day.DayConfig;
import org.hearth.models.day.DayProfile;
import org.hearth.models.day.DayTracker;
import org.hearth.models.testing.RoutineEvents;
import org.hearth.models.testing.SyntheticDays;
import org.hearth.models.testing.TestHomes;
import org.junit.jupiter.api.Test;

class StateCodecTest {

    private static final LocalDate START = LocalDate.of(2026, 2, 2);

    private static Baseline baselineOf28Days(long seed) {
        Baseline b = new Baseline(BaselineConfig.defaults());
        SyntheticDays gen = new SyntheticDays(seed);
        for (int i = 0; i < 28; i++) {
            b.add(gen.normalDay(START.plusDays(i)));
        }
        return b;
    }

    @Test
    void baseline_roundTripsAndFitsTheBudget() {
        Baseline b = baselineOf28Days(1);

        byte[] bytes = StateCodec.writeBaseline(b);
        Baseline back = StateCodec.readBaseline(bytes);

        System.out.println("baseline bytes at 28 days: " + bytes.length);
        assertThat(bytes.length).isLessThanOrEqualTo(8 * 1024);
        assertThat(back.window()).isEqualTo(b.window());
        assertThat(back.config()).isEqualTo(b.config());
        assertThat(back.anchorQuantile(Anchor.RISE, 0.9)).isEqualTo(b.anchorQuantile(Anchor.RISE, 0.9));
    }

    @Test
    void baseline_fromEventLevelDaysFitsTheBudget() {
        Baseline b = new Baseline(BaselineConfig.defaults());
        ActivityTracker tracker = new ActivityTracker(TestHomes.standardHome(), ActivityConfig.defaults());
        DayTracker days = new DayTracker(LONDON, DayConfig.defaults());
        RoutineEvents routine = new RoutineEvents(5);
        for (int i = 0; i < 30; i++) {
            for (var e : routine.day(START.plusDays(i), 7 * 60)) {
                days.acceptAll(tracker.accept(e));
            }
        }
        days.acceptAll(tracker.flush());
        days.flush().forEach(b::add);

        byte[] bytes = StateCodec.writeBaseline(b);

        System.out.println("baseline bytes at 28 event-level days: " + bytes.length);
        assertThat(b.days()).isEqualTo(28);
        assertThat(bytes.length).isLessThanOrEqualTo(8 * 1024);
        assertThat(StateCodec.readBaseline(bytes).window()).isEqualTo(b.window());
    }

    @Test
    void openDays_roundTripToTheSameProfile() {
        ActivityTracker tracker = new ActivityTracker(TestHomes.standardHome(), ActivityConfig.defaults());
        DayTracker days = new DayTracker(LONDON, DayConfig.defaults());
        List<Activity> all = new ArrayList<>();
        new RoutineEvents(9).day(START, 7 * 60 + 15).forEach(e -> all.addAll(tracker.accept(e)));
        all.addAll(tracker.flush());
        days.acceptAll(all);

        byte[] bytes = StateCodec.writeDays(days);
        DayTracker back = StateCodec.readDays(bytes, LONDON, DayConfig.defaults());

        System.out.println("open day bytes: " + bytes.length);
        List<DayProfile> expected = days.flush();
        assertThat(back.flush()).isEqualTo(expected).isNotEmpty();
    }

    @Test
    void write_sameInputGivesSameBytes() {
        assertThat(StateCodec.writeBaseline(baselineOf28Days(3))).isEqualTo(StateCodec.writeBaseline(baselineOf28Days(3)));
    }

    @Test
    void read_refusesOtherKindsAndNewerVersions() {
        byte[] bytes = StateCodec.writeBaseline(baselineOf28Days(4));
        byte[] newer = bytes.clone();
        newer[1] = (byte) (StateCodec.KIT_RELATIVE + 1); // 4 is the blobs inside a hot value, relative to a kit

        assertThatThrownBy(() -> StateCodec.readDays(bytes, LONDON, DayConfig.defaults()))
                .hasMessageContaining("not a D state blob");
        assertThatThrownBy(() -> StateCodec.readBaseline(newer)).hasMessageContaining("newer than this Hearth");
        assertThatThrownBy(() -> StateCodec.readBaseline(java.util.Arrays.copyOf(bytes, 40)))
                .hasMessageContaining("corrupt");
    }

    @Test
    void tracker_format2StillReadsAndFormat3KeepsTheSameStateInFewerBytes() {
        // a tracker in the middle of a morning: events buffered within the allowed lateness, a room, a bed, a door
        ActivityTracker tracker = new ActivityTracker(TestHomes.standardHome(), ActivityConfig.defaults());
        List<org.hearth.models.event.SensorEvent> day = new RoutineEvents(7).day(START, 7 * 60 + 5);
        day.subList(0, day.size() / 2).forEach(tracker::accept);

        byte[] v2 = StateCodec.writeTracker(tracker, 2);
        byte[] v3 = StateCodec.writeTracker(tracker);
        ActivityTracker fromV2 = StateCodec.readTracker(v2, TestHomes.standardHome(), ActivityConfig.defaults());
        ActivityTracker fromV3 = StateCodec.readTracker(v3, TestHomes.standardHome(), ActivityConfig.defaults());

        System.out.println("tracker bytes, format 2 / 3: " + v2.length + " / " + v3.length);
        assertThat(v2[1]).isEqualTo((byte) 2);
        assertThat(v3[1]).isEqualTo(StateCodec.VERSION);
        // each reads back to a tracker that writes the same bytes in either format, and continues the same
        assertThat(StateCodec.writeTracker(fromV2, 2)).isEqualTo(v2);
        assertThat(StateCodec.writeTracker(fromV2)).isEqualTo(v3);
        assertThat(StateCodec.writeTracker(fromV3)).isEqualTo(v3);
        List<Activity> original = new ArrayList<>();
        List<Activity> afterV2 = new ArrayList<>();
        List<Activity> afterV3 = new ArrayList<>();
        for (var e : day.subList(day.size() / 2, day.size())) {
            original.addAll(tracker.accept(e));
            afterV2.addAll(fromV2.accept(e));
            afterV3.addAll(fromV3.accept(e));
        }
        original.addAll(tracker.flush());
        afterV2.addAll(fromV2.flush());
        afterV3.addAll(fromV3.flush());
        assertThat(original).isNotEmpty();
        assertThat(afterV2).isEqualTo(original);
        assertThat(afterV3).isEqualTo(original);
        assertThat(v3.length).isLessThan(v2.length);
    }
}
