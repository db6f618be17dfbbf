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

    /**
     * Two care days of the standard home, the second up to mid-morning: two open days, the second without a first
     * morning motion yet. The fixtures below are what main 6995b54 (formats 5 and 6) wrote for them.
     */
    private static DayTracker twoOpenDays() {
        ActivityTracker tracker = new ActivityTracker(TestHomes.standardHome(), ActivityConfig.defaults());
        DayTracker days = new DayTracker(LONDON, DayConfig.defaults());
        List<Activity> all = new ArrayList<>();
        new RoutineEvents(9).day(START, 7 * 60 + 15).forEach(e -> all.addAll(tracker.accept(e)));
        List<org.hearth.models.event.SensorEvent> next = new RoutineEvents(9).day(START.plusDays(1), 7 * 60 + 40);
        next.subList(0, next.size() / 2).forEach(e -> all.addAll(tracker.accept(e)));
        days.acceptAll(all);
        return days;
    }

    /** {@link #twoOpenDays()} as format 5 wrote it (its own string table). */
    private static final String FORMAT_5_DAYS =
            "4405050862617468726f6f6d076b69746368656e066c6f756e676507626564726f6f6d0468616c6c00028cc00204de98"
            + "09d4960ef2a00ec0f61003fe1fcca502ccc8088ebc080102ab04ad090000008082dff7feeb070701ab0403a20305b107"
            + "06d80809e8140af3100bde10080003020001010300020402020102030200010204020201010505010f06020e1209081c"
            + "22202c161a19140a0d181b0b24181711191d0f0d18200b08201c22141a231f12008ec0020002fe1fcca502ffffffffff"
            + "ffffff3f00000000000000808080f4fe010306d80809f3180af310040402020102020204020201020306020e12090135"
            + "0a0c181b0b24181711191d0f0d1800";

    /** {@link #twoOpenDays()} as format 6 wrote it (against the standard home's kit strings). */
    private static final String FORMAT_6_DAYS =
            "44060000028cc00204de9809d4960ef2a00ec0f61003fe1fcca502ccc8088ebc080102ab04ad090000008082dff7feeb"
            + "070729ab042ba20335b10736d80839e8143af3103bde10080a0b020a0d010b0a020c0e020d0e030e0a010e0c020e0d01"
            + "0535010f36020e1239081c22202c161a19143a0d181b0b24181711191d0f0d18203b08201c22141a231f12008ec00200"
            + "02fe1fcca502ffffffffffffffff3f00000000000000808080f4fe010336d80839f3183af310040c0e020d0e020e0c02"
            + "0e0d020336020e123901353a0c181b0b24181711191d0f0d1800";

    @Test
    void openDays_formats5And6StillReadAndFormats7And8KeepTheSameDaysInFewerBytes() {
        DayTracker days = twoOpenDays();
        var kit = new org.hearth.models.rules.HomeRules(TestHomes.standardHome(),
                org.hearth.models.rules.RuleSettings.DEFAULTS).kitStrings();
        byte[] five = java.util.HexFormat.of().parseHex(FORMAT_5_DAYS);
        byte[] six = java.util.HexFormat.of().parseHex(FORMAT_6_DAYS);
        assertThat(five[1]).isEqualTo((byte) 5);
        assertThat(six[1]).isEqualTo((byte) 6);
        byte[] seven = StateCodec.writeDays(days);
        byte[] eight = StateCodec.writeDays(days, kit);
        assertThat(seven[1]).isEqualTo(StateCodec.VERSION).isEqualTo((byte) 7);
        assertThat(eight[1]).isEqualTo(StateCodec.KIT_RELATIVE).isEqualTo((byte) 8);
        System.out.println("two open days, format 5 / 7: " + five.length + " / " + seven.length + ", 6 / 8: " + six.length
                + " / " + eight.length);

        DayTracker fromFive = StateCodec.readDays(five, LONDON, DayConfig.defaults());
        DayTracker fromSix = StateCodec.readDays(six, LONDON, DayConfig.defaults(), kit);
        // the same days: written in this build's formats, each gives the bytes the original does
        assertThat(StateCodec.writeDays(fromFive)).isEqualTo(seven);
        assertThat(StateCodec.writeDays(fromSix, kit)).isEqualTo(eight);
        assertThat(StateCodec.writeDays(StateCodec.readDays(seven, LONDON, DayConfig.defaults()))).isEqualTo(seven);
        assertThat(StateCodec.writeDays(StateCodec.readDays(eight, LONDON, DayConfig.defaults(), kit), kit)).isEqualTo(eight);
        // nine bytes of "no first morning motion" and two of a date gone from the second day, less the parts' mask
        assertThat(seven.length).isLessThanOrEqualTo(five.length - 10);
        assertThat(eight.length).isLessThanOrEqualTo(six.length - 10);
        // and the same profiles when the days close
        List<DayProfile> expected = days.flush();
        assertThat(expected).hasSize(2);
        assertThat(fromFive.flush()).isEqualTo(expected);
        assertThat(fromSix.flush()).isEqualTo(expected);
        assertThat(StateCodec.readDays(seven, LONDON, DayConfig.defaults()).flush()).isEqualTo(expected);
    }

    @Test
    void openDays_anOpenDayThatGatheredNothingIsItsDateAndTwoBytes() {
        DayTracker days = twoOpenDays();
        DayTracker parts = days.spill(); // as the job keeps them apart: each open day left open and empty
        byte[] empty = StateCodec.writeDays(days);
        // kind, version, no strings, no closed day, two days: the first's date from the epoch (3 bytes), the second's
        // one day after it (1), each with a mask of nothing (2)
        assertThat(empty).hasSize(5 + 3 + 2 + 1 + 2);
        DayTracker back = StateCodec.readDays(empty, LONDON, DayConfig.defaults());
        assertThat(StateCodec.writeDays(back)).isEqualTo(empty);
        back.absorb(List.of(StateCodec.readDays(StateCodec.writeDays(parts), LONDON, DayConfig.defaults())));
        assertThat(back.flush()).isEqualTo(twoOpenDays().flush());
    }

    @Test
    void openDays_aMaskNamingAPartThisHearthDoesNotKnowIsRefused() {
        byte[] empty = StateCodec.writeDays(withNothingGathered());
        byte[] bad = empty.clone();
        bad[bad.length - 2] = (byte) 0x80; // the high bit of the last day's mask
        assertThatThrownBy(() -> StateCodec.readDays(bad, LONDON, DayConfig.defaults()))
                .hasMessageContaining("does not know");
    }

    private static DayTracker withNothingGathered() {
        DayTracker days = twoOpenDays();
        days.spill();
        return days;
    }
}
