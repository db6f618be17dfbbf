package org.hearth.models.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.hearth.models.alert.Rule;
import org.hearth.models.event.SensorEvent;
import org.hearth.models.json.HearthJson;
import org.hearth.models.testing.RoutineEvents;
import org.hearth.models.testing.TestHomes;
import org.junit.jupiter.api.Test;

/** The binary rule state: every field back, the same decisions after, and no field forgotten. */
class HomeRulesStateCodecTest {

    private final HomeRules rules = new HomeRules(TestHomes.standardHome(), RuleSettings.DEFAULTS);

    static byte[] write(HomeRulesState s) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        HomeRulesStateCodec.write(s, new DataOutputStream(bytes));
        return bytes.toByteArray();
    }

    static HomeRulesState read(byte[] b) throws Exception {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(b));
        HomeRulesState s = HomeRulesStateCodec.read(in);
        assertThat(in.available()).isZero();
        return s;
    }

    private HomeRulesState learned(int days) {
        HomeRulesState state = new HomeRulesState();
        RoutineEvents routine = new RoutineEvents(3);
        for (int i = 0; i < days; i++) {
            // late risers on the last two days: not-up raised and cleared
            for (SensorEvent e : routine.day(LocalDate.of(2026, 6, 1).plusDays(i), i >= days - 2 ? 11 * 60 : 7 * 60 + 30)) {
                RulesDriver.step(rules, state, e);
            }
        }
        return state;
    }

    @Test
    void aLearnedStateComesBackFieldForFieldAndDecidesTheSame() throws Exception {
        HomeRulesState state = learned(12);
        state.learnedFor = "r1";
        state.safety.offline.put("pir-hall", Instant.parse("2026-06-10T03:00:00.000000123Z"));
        state.safety.lowBattery.put("pir-hall", 7);
        state.safety.unavailable.add("plug-kettle");
        state.learned.watch.residentOks.add(new ResidentOk(Rule.NO_KETTLE, Instant.parse("2026-06-11T09:30:00Z")));
        state.learned.watch.unusualSlots.add(5);
        state.learned.watch.outingStarts.add(360); // the morning band, as the rules remember a start (version 10)
        state.learned.watch.outingMinutes.add(45);

        HomeRulesState back = read(write(state));

        assertThat(HearthJson.json().writeValueAsString(back)).isEqualTo(HearthJson.json().writeValueAsString(state));
        assertThat(rules.nextDeadline(back)).isEqualTo(rules.nextDeadline(state));
        assertThat(write(back)).isEqualTo(write(state)); // the same state, the same bytes
        // hot bytes: everything but the cold baseline
        int hot = write(state).length - state.learned.baselineRaw().length;
        assertThat(hot).isLessThan(2_000);
        assertThat(write(state, 3)).hasSize(write(state, 2).length + 1); // version 3 adds only the "kept apart" flag
        assertThat(write(back, 3)).isEqualTo(write(state, 3));
        // version 4: an instant in 5-7 bytes, a date in 3, where 3 wrote 7-11 and 4
        assertThat(write(state, 4).length).isLessThan(write(state, 3).length - 40);
        // version 5: strings in one table, instants and dates relative to one base, booleans as bits
        int blobs = state.learned.baselineRaw().length + state.learned.daysRaw().length
                + state.learned.trackerRaw().length + state.learned.limitsRaw().length;
        assertThat(write(state, 5).length - blobs).isLessThan((write(state, 4).length - blobs) * 3 / 4);
        // version 7: the lived-in clock, 4 more numbers a sensor and 2 more a motion sensor (8 sensors, 5 PIRs)
        assertThat(write(state).length - write(state, 6).length).isBetween(30, 80);
    }

    @Test
    void aVersionFourStateReadsIntoTheCurrentVersionAndDecidesTheSame() throws Exception {
        anOlderStateReadsIntoTheCurrentVersionAndDecidesTheSame(4);
    }

    @Test
    void aVersionFiveStateReadsIntoTheCurrentVersionAndDecidesTheSameInFewerBytes() throws Exception {
        byte[] v5 = anOlderStateReadsIntoTheCurrentVersionAndDecidesTheSame(5);
        HomeRulesState state = read(v5);
        assertThat(write(state, 6).length).isLessThan(v5.length); // version 7 adds the lived-in clock
    }

    @Test
    void aVersionSixStateReadsIntoTheCurrentVersionAndDecidesTheSame() throws Exception {
        anOlderStateReadsIntoTheCurrentVersionAndDecidesTheSame(6);
    }

    /** A rich state written in {@code version}, read and written in the current one: the same fields and decisions. */
    private byte[] anOlderStateReadsIntoTheCurrentVersionAndDecidesTheSame(int version) throws Exception {
        HomeRulesState state = learned(12);
        state.learnedFor = "r1";
        state.safety.offline.put("pir-hall", Instant.parse("2026-06-10T03:00:00.000000123Z"));
        state.safety.lowBattery.put("pir-hall", 7);
        state.safety.lowBattery.put("door-front", 9);
        state.safety.unavailable.add("plug-kettle");
        state.safety.sensors.get("pir-hall").checksIn = true;
        state.learned.watch.residentOks.add(new ResidentOk(Rule.NO_KETTLE, Instant.parse("2026-06-11T09:30:00Z")));
        state.learned.watch.nightDoorRaised = true;
        state.learned.notUpRaised = true;
        for (SafetyState.SensorTrack t : state.safety.sensors.values()) { // sensors report milliseconds
            t.lastSeen = t.lastSeen == null ? null : t.lastSeen.plusMillis(137);
        }
        state.safety.lastMessage = state.safety.lastMessage.plusMillis(421);
        byte[] old = write(state, version);
        assertThat(old[0]).isEqualTo((byte) version);
        forgetLivedClock(state.safety); // kept from version 7 on: an older state's sensors learn it again

        HomeRulesState restored = read(old);
        HomeRulesState back = read(write(restored));

        assertThat(HearthJson.json().writeValueAsString(back)).isEqualTo(HearthJson.json().writeValueAsString(state));
        assertThat(back.safety.sensors.get("pir-hall").checksIn).isTrue();
        assertThat(back.safety.sensors.get("pir-hall").reports).isPositive();
        assertThat(rules.nextDeadline(back)).isEqualTo(rules.nextDeadline(state));
        assertThat(write(back, version)).as("and back to version %d for an older release", version).isEqualTo(old);
        SensorEvent next = new RoutineEvents(3).day(LocalDate.of(2026, 6, 13), 7 * 60 + 30).get(0);
        assertThat(rules.onEvent(back, next)).isEqualTo(rules.onEvent(state, next));
        assertThat(write(back)).isEqualTo(write(state));
        return old;
    }

    @Test
    void instantsAndDatesComeBackWhateverTheBaseTheyAreWrittenFrom() throws Exception {
        Instant[] instants = {Instant.parse("2026-06-10T03:00:00.123Z"), Instant.MIN, Instant.MAX, Instant.EPOCH, null};
        LocalDate[] dates = {LocalDate.of(2026, 6, 10), LocalDate.MIN, LocalDate.MAX, null};
        for (Instant base : instants) {
            for (Instant t : instants) {
                for (LocalDate day : dates) {
                    for (LocalDate d : dates) {
                        HomeRulesState s = new HomeRulesState();
                        s.safety.lastMessage = base;
                        s.safety.lastPress = t;
                        s.safety.sensors.put("pir-hall", new SafetyState.SensorTrack(t, 60, 3));
                        s.lastCareDay = day;
                        s.learned.upDay = d;
                        HomeRulesState back = read(write(s));
                        assertThat(back.safety.lastMessage).isEqualTo(base);
                        assertThat(back.safety.lastPress).as("%s from %s", t, base).isEqualTo(t);
                        assertThat(back.safety.sensors.get("pir-hall").lastSeen).isEqualTo(t);
                        assertThat(back.lastCareDay).isEqualTo(day);
                        assertThat(back.learned.upDay).as("%s from %s", d, day).isEqualTo(d);
                    }
                }
            }
        }
    }

    @Test
    void aStringIndexOutsideTheTableIsACorruptStateNotAnotherSensor() throws Exception {
        HomeRulesState s = new HomeRulesState();
        s.learnedFor = "r1";
        byte[] b = write(s, 7);
        // version, table of one ("r1": count, length, 2 bytes), base instant and day (null), then learnedFor: index + 1
        assertThat(b[7]).isEqualTo((byte) 1);
        b[7] = 2;
        assertThatThrownBy(() -> read(b)).hasMessageContaining("not in the state's table");
    }

    @Test
    void aStringIndexOutsideTheKitAndTheValuesOwnIsACorruptStateInVersion8() throws Exception {
        HomeRulesState s = new HomeRulesState();
        s.learnedFor = "r1";
        byte[] b = write(s);
        // version, length, fingerprint 0 (no kit), own strings (count 1, length 2, "r1"), base instant and day (null),
        // then learnedFor: index + 1
        assertThat(b[12]).isEqualTo((byte) 1);
        b[12] = 2;
        assertThatThrownBy(() -> read(b)).hasMessageContaining("neither in the kit");
    }

    // ---- version 8: relative to the kit ------------------------------------------------------------

    /** The baseline the states read back with {@link #readWithKit} load (the job keeps it in a value of its own). */
    private static byte[] baseline;

    /** The value as the job stores it: written against the home's kit, read back and decoded with it. */
    private byte[] writeWithKit(HomeRulesState s, org.hearth.models.encoding.KitStrings kit) throws Exception {
        HomeRulesStateCodec.writeKit(s, kit);
        return write(s);
    }

    private static HomeRulesState readWithKit(byte[] b, org.hearth.models.encoding.KitStrings kit,
            HomeRulesStateCodec.WrittenKit written) throws Exception {
        HomeRulesState s = read(b);
        assertThat(s.resolved()).isFalse(); // the serializer does not know the home
        HomeRulesStateCodec.resolve(s, kit, written);
        s.learned.useBaselineStore(() -> baseline);
        return s;
    }

    /** The state's JSON once its stored blobs are decoded (the JSON form writes them in their own format). */
    private String decodedJson(HomeRulesState s) throws Exception {
        rules.nextDeadline(s);
        return HearthJson.json().writeValueAsString(s);
    }

    @Test
    void version8WrittenAgainstTheKitComesBackFieldForFieldWithoutTheKitsStrings() throws Exception {
        HomeRulesState state = learned(12);
        state.learnedFor = TestHomes.standardHome().residentId();
        state.safety.offline.put("pir-hall", Instant.parse("2026-06-10T03:00:00.000000123Z"));
        state.safety.unavailable.add("kettle");
        state.learned.watch.residentOks.add(new ResidentOk(Rule.NO_KETTLE, Instant.parse("2026-06-11T09:30:00Z")));
        state.learned.baselineSaved(); // as the job keeps it: the baseline apart
        baseline = state.learned.baselineRaw();
        var kit = rules.kitStrings();

        byte[] eight = writeWithKit(state, kit);
        HomeRulesState back = readWithKit(eight, kit, () -> {
            throw new AssertionError("the kit is the one written against: no other strings are read");
        });

        assertThat(decodedJson(back)).isEqualTo(decodedJson(state));
        assertThat(rules.nextDeadline(back)).isEqualTo(rules.nextDeadline(state));
        String bytes = new String(eight, java.nio.charset.StandardCharsets.ISO_8859_1);
        for (String known : new String[] {"pir-hall", "kettle", "bedroom", state.learnedFor}) {
            assertThat(bytes).as("a string the kit knows is not written").doesNotContain(known);
        }
        HomeRulesState seven = read(write(state, 7));
        seven.learned.baselineKeptApart();
        assertThat(eight.length).isLessThan(write(seven, 7).length - 100);
        assertThat(writeWithKit(back, kit)).isEqualTo(eight); // the same state, the same bytes
    }

    @Test
    void aVersion7ValueReadsIntoVersion8AndDecidesTheSame() throws Exception {
        HomeRulesState original = learned(12);
        original.learned.baselineSaved();
        baseline = original.learned.baselineRaw();
        var kit = rules.kitStrings();
        HomeRulesState fromSeven = read(write(original, 7));
        HomeRulesState throughEight = readWithKit(writeWithKit(read(write(original, 7)), kit), kit, () -> null);
        byte[] first = baseline;
        fromSeven.learned.baselineKeptApart();
        fromSeven.learned.useBaselineStore(() -> first); // in memory: decoded once, then kept live
        // the next four days, both ways: the same outcomes, in the same order, and the same state after
        RoutineEvents routine = new RoutineEvents(3);
        java.util.List<RuleOutcome> a = new java.util.ArrayList<>();
        java.util.List<RuleOutcome> b = new java.util.ArrayList<>();
        for (int i = 12; i < 16; i++) {
            for (SensorEvent e : routine.day(LocalDate.of(2026, 6, 1).plusDays(i), i == 14 ? 11 * 60 : 7 * 60 + 30)) {
                a.addAll(RulesDriver.step(rules, fromSeven, e));
                // the job's round trip on every event (DetectorStore): the baseline to its own value when it changed,
                // the hot value written against the kit, read back, decoded
                if (throughEight.learned.baselineUnsaved()) {
                    baseline = throughEight.learned.baselineRaw();
                    throughEight.learned.baselineSaved();
                }
                throughEight = readWithKit(writeWithKit(throughEight, kit), kit, () -> null);
                b.addAll(RulesDriver.step(rules, throughEight, e));
            }
        }
        assertThat(a).isNotEmpty();
        assertThat(b).isEqualTo(a);
        assertThat(decodedJson(throughEight)).isEqualTo(decodedJson(fromSeven));
    }

    @Test
    void aVersion8ValueReadsIntoVersion9DecidesTheSameAndIsWrittenBackAsReadUntilDecoded() throws Exception {
        HomeRulesState original = learned(12);
        for (SafetyState.SensorTrack t : original.safety.sensors.values()) {
            if (t.onClock) { // as at 28 days: every track as old as the clock keeps (learned)
                t.livedFirst = original.safety.lived - 8191;
            }
        }
        original.learned.baselineSaved();
        baseline = original.learned.baselineRaw();
        var kit = rules.kitStrings();
        HomeRulesStateCodec.writeKit(original, kit);
        byte[] eightBytes = write(original, 8);
        assertThat(eightBytes[0]).isEqualTo((byte) 8);
        HomeRulesState eight = read(eightBytes);
        assertThat(write(eight)).as("not decoded: written back as read, version 8").isEqualTo(eightBytes);
        HomeRulesStateCodec.resolve(eight, kit, () -> null);
        eight.learned.useBaselineStore(() -> baseline);
        assertThat(decodedJson(eight)).isEqualTo(decodedJson(original));

        HomeRulesStateCodec.writeKit(eight, kit);
        byte[] nineBytes = write(eight, 9);
        assertThat(nineBytes[0]).isEqualTo((byte) 9);
        int tracks = original.safety.sensors.size();
        assertThat(nineBytes.length).as("a byte or more less per sensor track (%d tracks)", tracks)
                .isLessThanOrEqualTo(eightBytes.length - tracks);
        HomeRulesState nine = readWithKit(nineBytes, kit, () -> null);
        assertThat(decodedJson(nine)).isEqualTo(decodedJson(original));
        HomeRulesStateCodec.writeKit(nine, kit);
        assertThat(write(nine, 9)).isEqualTo(nineBytes);
    }

    @Test
    void version10KeepsEachOutingsLengthAndTimeBandInAboutTwoBytesAndDecidesTheSame() throws Exception {
        HomeRulesState original = learned(12);
        original.learned.baselineSaved();
        baseline = original.learned.baselineRaw();
        WatchState w = original.learned.watch;
        w.outingStarts.clear();
        w.outingMinutes.clear();
        int[] minutes = {35, 120, 47, 1_000, 61, 29, 240, 15, 90, 75};
        for (int i = 0; i < minutes.length; i++) { // exact start minutes, as stored before version 10
            w.outingStarts.add((7 * 60 + 13 + 300 * i) % 1_440);
            w.outingMinutes.add(minutes[i]);
        }
        var kit = rules.kitStrings();
        HomeRulesStateCodec.writeKit(original, kit);
        byte[] nineBytes = write(original, 9);
        HomeRulesState nine = readWithKit(nineBytes, kit, () -> null);
        assertThat(nine.learned.watch.outingStarts).isEqualTo(w.outingStarts); // version 9 kept the minute

        HomeRulesStateCodec.writeKit(nine, kit);
        byte[] tenBytes = write(nine, 10);
        assertThat(tenBytes[0]).isEqualTo((byte) 10);
        assertThat(tenBytes.length).as("%d outings a byte or more shorter each", minutes.length)
                .isLessThanOrEqualTo(nineBytes.length - minutes.length);
        HomeRulesState ten = readWithKit(tenBytes, kit, () -> null);
        assertThat(ten.learned.watch.outingMinutes).isEqualTo(w.outingMinutes);
        for (int i = 0; i < minutes.length; i++) { // each start as its band's first minute: the band is what is read
            int start = w.outingStarts.get(i);
            assertThat(ten.learned.watch.outingStarts.get(i))
                    .isEqualTo(org.hearth.models.day.TimeBand.ofMinute(start).firstMinute()).isEqualTo(start / 360 * 360);
        }
        // the same not-home limit for an outing begun in each band, and the same decisions on the next events
        assertThat(rules.learned().thresholds(ten.learned)).isNotEmpty().isEqualTo(rules.learned().thresholds(original.learned));
        assertThat(rules.nextDeadline(ten)).isEqualTo(rules.nextDeadline(original));
        for (SensorEvent e : new RoutineEvents(3).day(LocalDate.of(2026, 6, 13), 7 * 60 + 30)) {
            assertThat(RulesDriver.step(rules, ten, e)).isEqualTo(RulesDriver.step(rules, original, e));
        }
        assertThat(writeWithKit(readWithKit(writeWithKit(ten, kit), kit, () -> null), kit)).isEqualTo(writeWithKit(ten, kit));
    }

    @Test
    void version11WritesARepeatedInstantAsAReferenceBackAndTheWatermarksNanosecondsRelative() throws Exception {
        HomeRulesState original = learned(12);
        original.learned.baselineSaved();
        baseline = original.learned.baselineRaw();
        // as in a live home: the last motion is the last movement inside and a sensor's last reading, the tracker's
        // watermark a nanosecond before the last message, a sensor's readings in milliseconds
        Instant last = original.safety.lastMessage.plusMillis(421);
        original.safety.lastMessage = last;
        original.safety.lastInside = last.minusMillis(66_332);
        original.safety.lastMotion = original.safety.lastInside;
        original.learned.lastMovement = original.safety.lastInside;
        original.learned.watch.lastRawSign = original.safety.lastInside;
        original.safety.sensors.get("pir-hall").lastSeen = original.safety.lastInside;
        original.learned.trackerWatermark = last.minusNanos(1);
        original.safety.offline.put("pir-hall", Instant.parse("2026-06-10T03:00:00.000000123Z"));
        var kit = rules.kitStrings();
        HomeRulesStateCodec.writeKit(original, kit);
        byte[] tenBytes = write(original, 10);
        HomeRulesState ten = readWithKit(tenBytes, kit, () -> null);
        assertThat(decodedJson(ten)).isEqualTo(decodedJson(original));

        HomeRulesStateCodec.writeKit(ten, kit);
        byte[] elevenBytes = write(ten, 11);
        assertThat(elevenBytes[0]).isEqualTo((byte) 11);
        // four repeats of a 3-4 byte instant in one byte each, the watermark in two where its nanoseconds took five
        assertThat(elevenBytes.length).isLessThanOrEqualTo(tenBytes.length - 4 * 2 - 3);
        HomeRulesState eleven = readWithKit(elevenBytes, kit, () -> null);
        assertThat(decodedJson(eleven)).isEqualTo(decodedJson(original));
        assertThat(eleven.learned.trackerWatermark).isEqualTo(last.minusNanos(1));
        assertThat(eleven.safety.offline.get("pir-hall")).isEqualTo(Instant.parse("2026-06-10T03:00:00.000000123Z"));
        assertThat(rules.nextDeadline(eleven)).isEqualTo(rules.nextDeadline(original));
        HomeRulesStateCodec.writeKit(eleven, kit);
        assertThat(write(eleven, 11)).isEqualTo(elevenBytes);
        assertThat(write(eleven, 10)).as("and back to version 10 for an older release").isEqualTo(tenBytes);
    }

    @Test
    void version12WritesTheTrackIdsAsOneRunAndASettledTracksReportsAndAgeAsABitAndDecidesTheSame() throws Exception {
        HomeRulesState original = learned(12);
        original.learned.baselineSaved();
        baseline = original.learned.baselineRaw();
        int tracks = original.safety.sensors.size();
        int settled = 0;
        for (SafetyState.SensorTrack t : original.safety.sensors.values()) {
            if (t.onClock) { // as at 28 days: every track as old as the clock keeps (learned)
                t.livedFirst = original.safety.lived - CompactRulesState.AGE_CAP;
            }
            long age = Math.min(original.safety.lived - t.livedFirst, CompactRulesState.AGE_CAP);
            if (t.reports == SafetyState.REPORTS_KEPT && age == CompactRulesState.AGE_CAP) {
                settled++;
            }
        }
        assertThat(tracks).isGreaterThan(5);
        assertThat(settled).as("tracks with reports and age at their caps").isPositive();
        var kit = rules.kitStrings();
        HomeRulesStateCodec.writeKit(original, kit);
        byte[] elevenBytes = write(original, 11);
        HomeRulesState eleven = readWithKit(elevenBytes, kit, () -> null);
        assertThat(decodedJson(eleven)).isEqualTo(decodedJson(original));

        byte[] twelveBytes = writeWithKit(eleven, kit);
        assertThat(twelveBytes[0]).isEqualTo((byte) 12);
        // each track's id (one byte) and the count of numbers gone for a run of three bytes; two bytes per settled track
        assertThat(twelveBytes.length).as("%d tracks, %d settled", tracks, settled)
                .isEqualTo(elevenBytes.length - tracks - 1 + 3 - 2 * settled);
        HomeRulesState twelve = readWithKit(twelveBytes, kit, () -> null);
        assertThat(decodedJson(twelve)).isEqualTo(decodedJson(original));
        assertThat(rules.nextDeadline(twelve)).isEqualTo(rules.nextDeadline(original));
        for (SensorEvent e : new RoutineEvents(3).day(LocalDate.of(2026, 6, 13), 7 * 60 + 30)) {
            assertThat(RulesDriver.step(rules, twelve, e)).isEqualTo(RulesDriver.step(rules, original, e));
        }
        assertThat(decodedJson(twelve)).isEqualTo(decodedJson(original));
        assertThat(writeWithKit(readWithKit(writeWithKit(twelve, kit), kit, () -> null), kit))
                .isEqualTo(writeWithKit(twelve, kit));
        HomeRulesStateCodec.writeKit(twelve, kit);
        HomeRulesState back = readWithKit(twelveBytes, kit, () -> null);
        HomeRulesStateCodec.writeKit(back, kit);
        assertThat(write(back, 11)).as("and back to version 11 for an older release").isEqualTo(elevenBytes);
    }

    @Test
    void version12KeepsTrackIdsThatAreNotOneRunAndTracksNotSettled() throws Exception {
        HomeRulesState state = learned(12);
        state.learned.baselineSaved();
        baseline = state.learned.baselineRaw();
        var ids = new java.util.ArrayList<>(state.safety.sensors.keySet());
        state.safety.sensors.remove(ids.get(1)); // a gap in the kit's sensors: two runs
        SafetyState.SensorTrack left = new SafetyState.SensorTrack(state.safety.lastMessage.minusSeconds(90), 3_600, 12);
        state.safety.sensors.put("zz-left-the-kit", left); // a string of the value's own, after the kit's
        SafetyState.SensorTrack young = state.safety.sensors.get(ids.get(0));
        young.reports = 126; // one short of the cap: written
        young.livedFirst = state.safety.lived - 40;
        young.onClock = true;
        var kit = rules.kitStrings();
        assertThat(kit.indexOf("zz-left-the-kit")).isEqualTo(-1);
        HomeRulesState back = readWithKit(writeWithKit(state, kit), kit, () -> null);
        assertThat(back.safety.sensors.keySet()).isEqualTo(state.safety.sensors.keySet());
        assertThat(back.safety.sensors.get(ids.get(0)).reports).isEqualTo(126);
        assertThat(state.safety.lived - back.safety.sensors.get(ids.get(0)).livedFirst).isEqualTo(40);
        assertThat(decodedJson(back)).isEqualTo(decodedJson(state));
        // without a kit: every id a string of the value's own, in one run
        HomeRulesStateCodec.writeKit(state, org.hearth.models.encoding.KitStrings.NONE);
        HomeRulesState own = read(write(state));
        own.learned.useBaselineStore(() -> baseline);
        assertThat(decodedJson(own)).isEqualTo(decodedJson(state));
    }

    @Test
    void version12RefusesRunsOfTrackIdsThatDoNotCoverTheTracks() throws Exception {
        HomeRulesState state = learned(12);
        state.learned.baselineSaved();
        var kit = rules.kitStrings();
        byte[] good = writeWithKit(state, kit);
        int tracks = state.safety.sensors.size();
        // the run's length is the byte after its start: one short of the tracks, then one past them
        int run = indexOfRun(good, tracks);
        for (int delta : new int[] {-1, 1}) {
            byte[] bad = good.clone();
            bad[run] = (byte) (bad[run] + delta);
            assertThatThrownBy(() -> readWithKit(bad, kit, () -> null)).isInstanceOf(java.io.IOException.class)
                    .hasMessageContaining("sensor");
        }
    }

    /** Where the one run's "length less one" byte of {@code tracks} track ids is in a version 12 value (it is unique). */
    private static int indexOfRun(byte[] b, int tracks) {
        int found = -1;
        for (int i = 3; i < b.length; i++) {
            if (i >= 3 && b[i - 3] == tracks && b[i - 2] == 1 && b[i] == tracks - 1) { // tracks, one run, its start, length - 1
                assertThat(found).as("the run is found once").isEqualTo(-1);
                found = i;
            }
        }
        assertThat(found).as("a run of %d ids", tracks).isNotNegative();
        return found;
    }

    @Test
    void version9KeepsATrackWhoseNumbersAreNegativeOrPastTheAgeCap() throws Exception {
        HomeRulesState state = learned(12);
        state.learned.baselineSaved();
        baseline = state.learned.baselineRaw();
        SafetyState.SensorTrack hall = state.safety.sensors.get("pir-hall");
        hall.longestGapSeconds = -5; // not met in practice; kept exactly all the same (zig-zagged)
        hall.livedFirst = state.safety.lived - 20_000; // older than the cap: written as the cap
        var kit = rules.kitStrings();
        HomeRulesState back = readWithKit(writeWithKit(state, kit), kit, () -> null);
        assertThat(back.safety.sensors.get("pir-hall").longestGapSeconds).isEqualTo(-5);
        assertThat(state.safety.lived - back.safety.sensors.get("pir-hall").livedFirst).isEqualTo(8191);
        hall.livedFirst = state.safety.lived - 8191;
        assertThat(decodedJson(back)).isEqualTo(decodedJson(state));
    }

    @Test
    void afterAKitChangeTheValueReadsWithTheStringsKeptForItAndASensorThatLeftKeepsItsTrack() throws Exception {
        HomeRulesState state = learned(12);
        state.safety.lowBattery.put("pir-hall", 7);
        state.learned.baselineSaved();
        baseline = state.learned.baselineRaw();
        var before = rules.kitStrings();
        byte[] stored = writeWithKit(state, before);
        byte[] kept = before.encode(); // what the job keeps beside the value (DetectorStore)
        // the hall's sensor leaves the kit, a new one joins
        var home = TestHomes.standardHome();
        var sensors = new java.util.ArrayList<>(home.sensors());
        sensors.removeIf(x -> x.id().equals("pir-hall"));
        sensors.add(new org.hearth.models.registry.Sensor("pir-landing", org.hearth.models.event.SensorKind.MOTION,
                "landing", null, null));
        HomeRules after = new HomeRules(new org.hearth.models.registry.Home(home.id(), home.timezone(), home.resident(),
                home.hubs(), sensors, home.carers(), home.installer(), home.cohort(), home.overrides()), RuleSettings.DEFAULTS);
        var now = after.kitStrings();
        assertThat(now.fingerprint()).isNotEqualTo(before.fingerprint());

        assertThatThrownBy(() -> readWithKit(stored, now, () -> null)).hasMessageContaining("neither the home's kit");
        HomeRulesState back = readWithKit(stored, now, () -> kept);
        assertThat(decodedJson(back)).isEqualTo(decodedJson(state)); // nothing lost: the hall's track, its battery
        assertThat(back.safety.sensors).containsKey("pir-hall");

        // written against the new kit once decoded: the sensor that left is a string of the value's own
        assertThat(HomeRulesStateCodec.writeKit(back, now)).isEqualTo(now);
        byte[] again = write(back);
        assertThat(new String(again, java.nio.charset.StandardCharsets.ISO_8859_1)).contains("pir-hall");
        HomeRulesState third = readWithKit(again, now, () -> {
            throw new AssertionError("written against the current kit");
        });
        assertThat(decodedJson(third)).isEqualTo(decodedJson(state));
    }

    @Test
    void storedBlobsNotDecodedAreWrittenAgainstTheKitTheyWereReadWith() throws Exception {
        HomeRulesState state = learned(12);
        state.learned.baselineSaved();
        baseline = state.learned.baselineRaw();
        var before = rules.kitStrings();
        var other = org.hearth.models.encoding.KitStrings.of(java.util.List.of("another", "kit"));
        HomeRulesState back = readWithKit(writeWithKit(state, before), other, before::encode);
        // not decoded in this access: their bytes refer to the old kit, so the value stays written against it
        assertThat(HomeRulesStateCodec.writeKit(back, other)).isEqualTo(before);
        rules.nextDeadline(back); // decoded
        assertThat(HomeRulesStateCodec.writeKit(back, other)).isEqualTo(other);
    }

    @Test
    void aVersion8ValueWrittenInAnOlderVersionCarriesBlobsThatReadWithoutTheKit() throws Exception {
        HomeRulesState state = learned(12);
        state.learned.baselineSaved();
        baseline = state.learned.baselineRaw();
        HomeRulesState eight = readWithKit(writeWithKit(state, rules.kitStrings()), rules.kitStrings(), () -> null);
        HomeRulesState seven = read(write(eight, 7)); // the blobs not decoded: their table becomes the kit's and theirs
        seven.learned.baselineKeptApart();
        seven.learned.useBaselineStore(() -> baseline);
        assertThat(decodedJson(seven)).isEqualTo(decodedJson(state));
    }

    @Test
    void aValueNotYetDecodedIsRefusedByTheRulesAndWrittenBackAsItWasRead() throws Exception {
        HomeRulesState state = learned(3);
        state.learned.baselineSaved();
        byte[] stored = writeWithKit(state, rules.kitStrings());
        HomeRulesState unresolved = read(stored);
        assertThatThrownBy(() -> rules.nextDeadline(unresolved)).hasMessageContaining("not decoded");
        assertThatThrownBy(() -> rules.onEvent(unresolved, new RoutineEvents(3).day(LocalDate.of(2026, 6, 4), 450).get(0)))
                .hasMessageContaining("not decoded");
        assertThat(write(unresolved)).isEqualTo(stored);
    }

    static byte[] write(HomeRulesState s, int version) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        HomeRulesStateCodec.write(s, new DataOutputStream(bytes), version);
        return bytes.toByteArray();
    }

    @Test
    void aVersionOneStateReadsWithNoBedExitRemembered() throws Exception {
        HomeRulesState state = learned(8);
        state.learned.watch.bedExitRaw = null;
        state.learned.watch.bedExitFirstMove = null;
        state.learned.watch.bedExitLeftRoom = false;
        byte[] v2 = write(state, 2);
        // version 1 wrote the same fields up to the watch state's last, without the three of version 2
        // (two absent instants and a false: three zero bytes, the last of the state)
        assertThat(v2[0]).isEqualTo((byte) 2);
        assertThat(java.util.Arrays.copyOfRange(v2, v2.length - 3, v2.length)).containsOnly(0);
        byte[] v1 = java.util.Arrays.copyOf(v2, v2.length - 3);
        v1[0] = 1;
        assertThat(write(state, 1)).isEqualTo(v1);
        forgetLivedClock(state.safety); // kept from version 7 on

        HomeRulesState back = read(v1);

        assertThat(HearthJson.json().writeValueAsString(back)).isEqualTo(HearthJson.json().writeValueAsString(state));
        assertThat(write(back, 2)).isEqualTo(v2);
        assertThat(write(back)).isEqualTo(write(state));
    }

    @Test
    void aSingleValueStateOfVersionTwoKeepsItsBaselineInlineUntilSavedThenLeavesItOutAndLoadsItFromItsStore()
            throws Exception {
        HomeRulesState state = learned(12);
        byte[] baseline = state.learned.baselineRaw();
        byte[] v2 = write(state, 2);

        HomeRulesState old = read(v2);
        assertThat(old.learned.baselineApart()).isFalse();
        assertThat(old.learned.baselineUnsaved()).as("not in its own store yet").isTrue();
        assertThat(old.learned.baselineRaw()).isEqualTo(baseline);
        assertThat(write(old).length).as("version 3, still inline").isGreaterThan(baseline.length);

        // what the job does on the first access: the baseline to its own value, the hot state without it
        byte[][] store = {old.learned.baselineRaw()};
        old.learned.baselineSaved();
        byte[] hot = write(old);
        assertThat(hot.length).isLessThan(v2.length - baseline.length + 2);

        HomeRulesState back = read(hot);
        assertThat(back.learned.baselineApart()).isTrue();
        assertThat(back.learned.baselineUnsaved()).isFalse();
        assertThatThrownBy(() -> rules.learned().baseline(back.learned)).as("apart, and no store named")
                .hasMessageContaining("no store");
        int[] loads = {0};
        back.learned.useBaselineStore(() -> {
            loads[0]++;
            return store[0];
        });
        assertThat(rules.nextDeadline(back)).isEqualTo(rules.nextDeadline(state));
        assertThat(loads[0]).as("the hot path does not read the baseline").isZero();
        assertThat(rules.learned().baseline(back.learned).days()).isEqualTo(rules.learned().baseline(state.learned).days());
        assertThat(loads[0]).isEqualTo(1);
        assertThat(back.learned.baselineUnsaved()).as("read, not changed").isFalse();
        assertThat(write(back, 2)).as("the same single value as before").isEqualTo(v2);
    }

    @Test
    void instantsAndDatesComeBackExactlyWhateverTheirPrecisionAndRange() throws Exception {
        Instant[] instants = {Instant.parse("2026-06-10T03:00:00Z"), Instant.parse("2026-06-10T03:00:00.123Z"),
            Instant.parse("2026-06-10T03:00:00.000000123Z"), Instant.parse("2026-06-10T03:00:00.999999999Z"),
            Instant.EPOCH, Instant.parse("1969-12-31T23:59:59.5Z"), Instant.MIN, Instant.MAX, null};
        LocalDate[] dates = {LocalDate.of(2026, 6, 10), LocalDate.of(1969, 12, 31), LocalDate.EPOCH, LocalDate.MIN,
            LocalDate.MAX, null};
        for (int version = 1; version <= HomeRulesStateCodec.VERSION; version++) {
            for (Instant t : instants) {
                for (LocalDate d : dates) {
                    HomeRulesState s = new HomeRulesState();
                    s.safety.lastPress = t;
                    s.learned.watch.nightDoorAt = t;
                    s.lastCareDay = d;
                    s.learned.upDay = d;
                    HomeRulesState back = read(write(s, version));
                    assertThat(back.safety.lastPress).as("v%d %s", version, t).isEqualTo(t);
                    assertThat(back.learned.watch.nightDoorAt).isEqualTo(t);
                    assertThat(back.lastCareDay).as("v%d %s", version, d).isEqualTo(d);
                    assertThat(back.learned.upDay).isEqualTo(d);
                }
            }
        }
    }

    @Test
    void anEmptyStateComesBack() throws Exception {
        HomeRulesState back = read(write(new HomeRulesState()));
        assertThat(HearthJson.json().writeValueAsString(back))
                .isEqualTo(HearthJson.json().writeValueAsString(new HomeRulesState()));
    }

    @Test
    void aNewerVersionIsRefused() throws Exception {
        byte[] b = write(new HomeRulesState());
        b[0] = (byte) (HomeRulesStateCodec.VERSION + 1);
        assertThatThrownBy(() -> read(b)).hasMessageContaining("newer than this Hearth");
    }

    /**
     * The binary form cannot skip what it does not know, as JSON did: a field added to the rule state
     * must be written by the codec (under a new version). This list is what the codec writes.
     */
    @Test
    void theCodecWritesEveryFieldOfTheRuleState() {
        assertThat(fields(HomeRulesState.class)).isEqualTo(Set.of("safety", "learned", "learnedFor", "lastCareDay",
                // version 8: the bytes until the kit is known, the kit written against, the kit strings kept for it
                "unresolved", "unresolvedVersion", "kit", "storedKit"));
        assertThat(fields(SafetyState.class)).isEqualTo(Set.of("lastMessage", "heartbeats", "hubOffline", "resumedAt",
                "lastInside", "lastInsideRoom", "lastDoor", "lastMotion", "stillnessRaised", "lastPress", "helpRaised",
                "sensors", "offline", "lowBattery", "unavailable", "lived"));
        assertThat(fields(SafetyState.SensorTrack.class)).isEqualTo(Set.of("lastSeen", "longestGapSeconds", "reports",
                "checksIn", "onClock", "livedFirst", "livedAt", "livedGap", "quiet", "motion", "recent", "usual",
                "contactKnown", "contactOpen"));
        assertThat(fields(LearnedState.class)).isEqualTo(Set.of("trackerWatermark", "upDay", "kettleDay", "kitchenDay",
                "notUpDecided", "noKettleDecided", "notUpRaised", "noKettleRaised", "notUpRaisedAt", "noKettleRaisedAt",
                "unusualDayRaised", "lastMovement", "stillnessRaisedSince", "watch",
                // stored forms and their live objects, written through baselineRaw/daysRaw/trackerRaw/limitsRaw
                "baselineBytes", "daysBytes", "trackerBytes", "limitsBytes", "live", "limits", "limitsEncoded",
                // where the baseline is when kept apart (the flag is written)
                "baselineApart", "baselineStore",
                // the kit strings the stored blobs refer to (version 8: the value's fingerprint says which)
                "kit",
                // where the open days' parts moved out are kept, and whether this access folded them back (not stored
                // in the value: the parts are the store's, the open days in the value what gathered since)
                "dayParts", "dayPartsFolded"));
        assertThat(fields(WatchState.class)).isEqualTo(Set.of("lastRawSign", "stillnessDecided", "stillnessRaisedFor",
                "unmonitoredUntil", "lastFrontDoorRaw", "outSince", "outingStarts", "outingMinutes", "notHomeDecided",
                "notHomeRaised", "doorNight", "nightDoorOpenings", "nightDoorRaised", "nightDoorAt", "activityNight",
                "unusualSlots", "nightActivityRaised", "residentOks", "routesRaised", "bathroomTrendRaised",
                "kettleTrendRaised", "sleepTrendRaised", "bedExitRaw", "bedExitFirstMove", "bedExitLeftRoom"));
    }

    @Test
    void aVersionSixStateReadsWithNoLivedInClockAndVersionSevenKeepsIt() throws Exception {
        HomeRulesState state = learned(12);
        SafetyState.SensorTrack hall = state.safety.sensors.get("pir-hall");
        assertThat(state.safety.lived).isPositive();
        assertThat(hall.onClock && hall.motion).isTrue();
        hall.quiet = true;

        HomeRulesState seven = read(write(state));
        assertThat(HearthJson.json().writeValueAsString(seven)).isEqualTo(HearthJson.json().writeValueAsString(state));
        assertThat(write(seven)).isEqualTo(write(state));

        HomeRulesState six = read(write(state, 6));
        forgetLivedClock(state.safety);
        assertThat(HearthJson.json().writeValueAsString(six)).isEqualTo(HearthJson.json().writeValueAsString(state));
    }

    /** What a state written before version 7 reads back as: no lived-in clock, every track off it, no contact's state. */
    static void forgetLivedClock(SafetyState s) {
        s.lived = 0;
        for (SafetyState.SensorTrack t : s.sensors.values()) {
            t.onClock = false;
            t.motion = false;
            t.quiet = false;
            t.livedFirst = 0;
            t.livedAt = 0;
            t.livedGap = 0;
            t.recent = 0;
            t.usual = 0;
            t.contactKnown = false;
            t.contactOpen = false;
        }
    }

    private static Set<String> fields(Class<?> type) {
        return Arrays.stream(type.getDeclaredFields()).filter(f -> !Modifier.isStatic(f.getModifiers()))
                .map(Field::getName).collect(Collectors.toSet());
    }
}
