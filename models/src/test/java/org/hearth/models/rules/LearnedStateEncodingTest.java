package org.hearth.models.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.hearth.models.activity.ActivityConfig;
import org.hearth.models.activity.ActivityTracker;
import org.hearth.models.baseline.Baseline;
import org.hearth.models.event.SensorEvent;
import org.hearth.models.json.HearthJson;
import org.hearth.models.state.StateCodec;
import org.hearth.models.testing.RoutineEvents;
import org.hearth.models.testing.TestHomes;
import org.junit.jupiter.api.Test;

/**
 * The per-event path reads only the hot state (tracker, open days, the limits computed from the
 * baseline); the baseline is decoded only when a day closes (or the limits must be recomputed), is
 * re-encoded only when it changed, and writes stay byte-identical.
 */
class LearnedStateEncodingTest {

    private static final LocalDate FIRST = LocalDate.of(2026, 6, 1);
    private static final int NORMAL_DAYS = 10;

    private final HomeRules rules = new HomeRules(TestHomes.standardHome(), RuleSettings.DEFAULTS);
    /** The standard kit's rooms, sorted: they name the stillness limits of limits format 3. */
    private static final List<String> ROOMS = TestHomes.standardHome().sensors().stream()
            .map(org.hearth.models.registry.Sensor::room).filter(java.util.Objects::nonNull).distinct().sorted().toList();
    private final RoutineEvents routine = new RoutineEvents(7);

    private void feed(HomeRulesState state, SensorEvent e) {
        RulesDriver.step(rules, state, e);
    }

    /**
     * Feeds {@code events} until one closes a care day (the baseline changes): a home's day closes at its own offset
     * past 12:30 ({@link org.hearth.models.day.CloseSpread}). Returns the index of the next event.
     */
    private int feedUntilADayCloses(HomeRulesState state, java.util.List<SensorEvent> events) {
        String before = state.learned.getBaselineBytes();
        int k = 0;
        while (state.learned.getBaselineBytes().equals(before)) {
            feed(state, events.get(k++));
        }
        return k;
    }

    private HomeRulesState learned() {
        HomeRulesState state = new HomeRulesState();
        for (int i = 0; i < NORMAL_DAYS; i++) {
            routine.day(FIRST.plusDays(i), 7 * 60 + 30).forEach(e -> feed(state, e));
        }
        return state;
    }

    private static HomeRulesState roundTrip(HomeRulesState s) throws Exception {
        return HearthJson.json().readValue(HearthJson.json().writeValueAsBytes(s), HomeRulesState.class);
    }

    private static Baseline decode(String b64) {
        return StateCodec.readBaseline(Base64.getDecoder().decode(b64));
    }

    private static ActivityTracker tracker(String b64) {
        return StateCodec.readTracker(Base64.getDecoder().decode(b64), TestHomes.standardHome(), ActivityConfig.defaults());
    }

    @Test
    void aStateDecodedAndWrittenWithoutChangeGivesTheSameBytesWithoutDecodingTheBaseline() throws Exception {
        HomeRulesState state = roundTrip(learned());
        String json = HearthJson.json().writeValueAsString(state);
        byte[] stored = state.learned.storedBaseline();

        rules.nextDeadline(state); // decodes the hot parts, as every access does
        assertThat(state.learned.live).isNotNull();
        assertThat(state.learned.live.baseline).isNull(); // the cold part stays encoded

        assertThat(state.learned.baselineRaw()).isSameAs(stored);
        assertThat(HearthJson.json().writeValueAsString(state)).isEqualTo(json);
    }

    @Test
    void anEventReEncodesTheTrackerAndKeepsTheBaselineUntilADayCloseChangesIt() throws Exception {
        HomeRulesState state = learned();
        LocalDate day = FIRST.plusDays(NORMAL_DAYS);
        var events = routine.day(day, 7 * 60 + 30);
        int k = feedUntilADayCloses(state, events); // closes the day before: the baseline now holds every normal day
        state = roundTrip(state);
        String baseline = state.learned.getBaselineBytes();
        String tracker = state.learned.getTrackerBytes();
        assertThat(decode(baseline).days()).isEqualTo(NORMAL_DAYS);

        feed(state, events.get(k));
        assertThat(state.learned.live.baseline).isNull(); // an event that closes no day never decodes it
        assertThat(state.learned.getTrackerBytes()).isNotEqualTo(tracker);
        assertThat(tracker(state.learned.getTrackerBytes()).watermark())
                .isEqualTo(state.learned.live.tracker.watermark())
                .isNotEqualTo(tracker(tracker).watermark());
        assertThat(state.learned.baselineRaw()).isSameAs(state.learned.storedBaseline());

        for (SensorEvent e : events.subList(k + 1, events.size())) {
            feed(state, e);
        }
        feedUntilADayCloses(state, routine.day(day.plusDays(1), 7 * 60 + 30)); // closes that day
        String after = state.learned.getBaselineBytes();

        assertThat(after).isNotEqualTo(baseline);
        assertThat(decode(after).days()).isEqualTo(NORMAL_DAYS + 1);
        assertThat(decode(after).window().get(NORMAL_DAYS).date()).isEqualTo(day);
        assertThat(Base64.getDecoder().decode(after)).isEqualTo(StateCodec.writeBaseline(state.learned.live.baseline));
        assertThat(rules.learned().learning(state.learned).days()).isEqualTo(NORMAL_DAYS + 1);
    }

    @Test
    void aStateReadFromStoreOnEveryAccessDecodesTheBaselineOnlyAtDayCloseAndDecidesAndWritesExactlyAsStateKeptInMemory()
            throws Exception {
        // As on RocksDB: every access reads the state anew (here through JSON, as the job's serializer), uses it, writes it.
        HomeRules stored = new HomeRules(TestHomes.standardHome(), RuleSettings.DEFAULTS);
        HomeRulesState inMemory = new HomeRulesState();
        HomeRulesState written = new HomeRulesState();
        List<RuleOutcome> memoryOutcomes = new ArrayList<>();
        List<RuleOutcome> storedOutcomes = new ArrayList<>();
        int withBaseline = 0;
        int withoutBaseline = 0;
        List<SensorEvent> events = new ArrayList<>();
        for (int i = 0; i < NORMAL_DAYS + 3; i++) {
            // a late riser on the last days, so that the learned rules raise and clear from the hot limits too
            events.addAll(routine.day(FIRST.plusDays(i), i < NORMAL_DAYS ? 7 * 60 + 30 + (i % 3) * 5 : 11 * 60));
        }
        for (SensorEvent e : events) {
            memoryOutcomes.addAll(RulesDriver.step(rules, inMemory, e));

            HomeRulesState s = roundTrip(written);
            storedOutcomes.addAll(RulesDriver.step(stored, s, e));
            if (s.learned.live.baseline != null) {
                withBaseline++;
            } else {
                withoutBaseline++;
            }
            written = s;
        }

        assertThat(memoryOutcomes).extracting(RuleOutcome::rule).contains(org.hearth.models.alert.Rule.NOT_UP);
        assertThat(storedOutcomes).isEqualTo(memoryOutcomes);
        assertThat(HearthJson.json().writeValueAsString(written)).isEqualTo(HearthJson.json().writeValueAsString(inMemory));
        // the baseline was needed only by the accesses that closed a day (about once a day) and the very first
        assertThat(withBaseline).isBetween(NORMAL_DAYS, NORMAL_DAYS + 5);
        assertThat(withoutBaseline).isGreaterThan(events.size() - NORMAL_DAYS - 5);
    }

    @Test
    void stateWrittenBeforeTheHotLimitsGetsThemFromItsBaselineAndDecidesAsBefore() throws Exception {
        HomeRulesState withLimits = roundTrip(learned());
        com.fasterxml.jackson.databind.node.ObjectNode tree = HearthJson.json().valueToTree(withLimits);
        assertThat(((com.fasterxml.jackson.databind.node.ObjectNode) tree.get("learned")).remove("limits")).isNotNull();
        HomeRulesState old = HearthJson.json().treeToValue(tree, HomeRulesState.class);
        assertThat(old.learned.limits(ROOMS)).isNull();

        List<RuleOutcome> fromOld = new ArrayList<>();
        List<RuleOutcome> fromNew = new ArrayList<>();
        for (int i = 0; i < 3; i++) { // a late morning: not-up raised and cleared from the limits computed on restore
            for (SensorEvent e : routine.day(FIRST.plusDays(NORMAL_DAYS + i), i == 1 ? 11 * 60 : 7 * 60 + 30)) {
                fromOld.addAll(RulesDriver.step(rules, old, e));
                fromNew.addAll(RulesDriver.step(rules, withLimits, e));
            }
        }
        assertThat(fromOld).extracting(RuleOutcome::rule).contains(org.hearth.models.alert.Rule.NOT_UP);
        assertThat(fromOld).isEqualTo(fromNew);
        assertThat(HearthJson.json().writeValueAsString(old)).isEqualTo(HearthJson.json().writeValueAsString(withLimits));
    }

    @Test
    void otherSettingsRecomputeTheHotLimitsFromTheBaseline() throws Exception {
        HomeRulesState state = roundTrip(learned());
        DayLimits builtIn = rules.learned().limits(state.learned);
        HomeRules legacy = new HomeRules(TestHomes.standardHome(), LegacyThresholds.SETTINGS);

        HomeRulesState again = roundTrip(state);
        DayLimits recomputed = legacy.learned().limits(again.learned);

        assertThat(recomputed.key()).isNotEqualTo(builtIn.key());
        assertThat(recomputed.write())
                .isEqualTo(legacy.learned().computeLimits(again.learned, legacy.learned().baseline(again.learned)).write())
                .isNotEqualTo(builtIn.write());
    }

    @Test
    void theHotLimitsRoundTripToTheSameBytesAndStaySmall() throws Exception {
        HomeRulesState state = learned();
        DayLimits limits = rules.learned().limits(state.learned);
        assertThat(limits.ready()).isTrue();
        assertThat(limits.watch().stillness()).isNotEmpty();
        byte[] bytes = limits.write();

        DayLimits read = DayLimits.read(bytes, ROOMS);
        assertThat(read.write()).isEqualTo(bytes);
        assertThat(read.watch().stillness().keySet()).containsExactlyElementsOf(limits.watch().stillness().keySet());
        for (String room : ROOMS) {
            assertThat(read.watch().stillness().get(room)).as(room).containsExactly(limits.watch().stillness().get(room));
        }
        assertThat(read.rise()).isEqualTo(limits.rise());
        assertThat(read.watch().night()).isEqualTo(limits.watch().night());
        assertThat(bytes.length).isLessThan(400);
    }

    /**
     * The stored stillness limits are decoded per room when looked up (hot-15), but their form is checked when read: a
     * blob whose first band refers to a band before it is refused by the read, as when every room was decoded there.
     */
    @Test
    void storedStillnessLimitsAreCheckedWhenReadAndDecodedOncePerRoom() {
        DayLimits limits = rules.learned().limits(learned().learned);
        byte[] bytes = limits.write();
        DayLimits read = DayLimits.read(bytes, ROOMS);
        String room = ROOMS.get(ROOMS.size() - 1);

        StillnessRule.Limit[] looked = read.watch().stillness().get(room);
        assertThat(looked).containsExactly(limits.watch().stillness().get(room));
        assertThat(read.watch().stillness().get(room)).isSameAs(looked);
        assertThat(read.watch().stillness().get("no such room")).isNull();
        assertThat(read.watch().stillness().containsKey(room)).isTrue();
        assertThat(read.watch().stillness().keySet()).containsExactlyElementsOf(ROOMS); // in their order, a TreeMap's
        assertThat(read.stillness(room, org.hearth.models.day.TimeBand.NIGHT)).isSameAs(looked[org.hearth.models.day.TimeBand.NIGHT.ordinal()]);

        // the first room's first band as "the band before": refused when read, not at the first look-up
        int first = stillnessStart(bytes, limits);
        byte[] corrupt = bytes.clone();
        corrupt[first] = 0;
        assertThatThrownBy(() -> DayLimits.read(corrupt, ROOMS)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("refers to a band before it");
    }

    /** Where the stillness limits' first room starts in {@code bytes}: after the header, anchors and the room count. */
    private static int stillnessStart(byte[] bytes, DayLimits limits) {
        DayLimits noRooms = new DayLimits(limits.key(), limits.ready(), limits.days(), limits.lastLearned(), limits.rise(),
                limits.kettle(), new DayLimits.Watch(new java.util.TreeMap<>(), limits.watch().night()));
        byte[] without = noRooms.write();
        int i = 0;
        while (without[i] == bytes[i]) {
            i++;
        }
        return i + 1; // the room count (one byte for a handful) differs, the first band follows it
    }

    @Test
    void limitsStoredInVersionOneReadAsTheSameLimitsAndVersionTwoIsSmaller() {
        DayLimits limits = rules.learned().limits(learned().learned);
        byte[] v1 = limits.write(1);
        byte[] v2 = limits.write(2);

        assertThat(DayLimits.read(v1, ROOMS).write(2)).isEqualTo(v2);
        assertThat(DayLimits.read(v2, ROOMS).write(1)).isEqualTo(v1);
        assertThat(v2.length).isLessThan(v1.length - 30);
    }

    @Test
    void limitsOfVersionThreeLeaveTheRoomNamesToTheKitAndReadAsVersionTwo() {
        DayLimits limits = rules.learned().limits(learned().learned);
        byte[] v2 = limits.write(2);
        byte[] v3 = limits.write(3);

        assertThat(v3[1]).isEqualTo((byte) 3);
        assertThat(DayLimits.read(v2, ROOMS).write(3)).isEqualTo(v3);
        assertThat(DayLimits.read(v3, ROOMS).write(2)).isEqualTo(v2);
        DayLimits fromV3 = DayLimits.read(v3, ROOMS);
        assertThat(fromV3.watch().night()).isEqualTo(limits.watch().night());
        assertThat(fromV3.rise()).isEqualTo(limits.rise());
        for (String room : ROOMS) {
            assertThat(fromV3.watch().stillness().get(room)).as(room).containsExactly(limits.watch().stillness().get(room));
        }
        int names = ROOMS.stream().mapToInt(r -> 1 + r.length()).sum();
        assertThat(v3.length).isEqualTo(v2.length - names);
    }

    @Test
    void limitsOfVersionFourWriteExactFractionsAsNumeratorAndDenominatorAndReadAsVersionThree() {
        DayLimits learned = rules.learned().limits(learned().learned);
        NightRules.Limits n = learned.watch().night();
        // as at 28 days: the anchors' shares and the mean time out are fractions of the learned days
        DayLimits limits = new DayLimits(learned.key(), learned.ready(), 28, learned.lastLearned(),
                share(learned.rise(), 25.0 / 28), share(learned.kettle(), 26.0 / 28),
                new DayLimits.Watch(learned.watch().stillness(), new NightRules.Limits(n.doorWindow(), n.activityWindow(),
                        n.widestWindow(), n.rareSlots(), n.answeredSlots(), n.usualNightDoors(), n.nightDoorsNeeded(),
                        n.unusualSlotsBeyond(), 28, 559.0 / 28)));
        byte[] v3 = limits.write(3);
        byte[] v4 = limits.write();

        assertThat(v4[1]).isEqualTo((byte) 4);
        assertThat(DayLimits.read(v3, ROOMS).write()).isEqualTo(v4);
        assertThat(DayLimits.read(v4, ROOMS).write(3)).isEqualTo(v3);
        DayLimits fromV4 = DayLimits.read(v4, ROOMS);
        assertThat(fromV4.rise()).isEqualTo(limits.rise());
        assertThat(fromV4.kettle()).isEqualTo(limits.kettle());
        assertThat(fromV4.watch().night()).isEqualTo(limits.watch().night());
        assertThat(v4.length).as("three doubles of 9 bytes in 3 each").isLessThanOrEqualTo(v3.length - 18);
    }

    private static org.hearth.models.baseline.AnchorExpectation share(org.hearth.models.baseline.AnchorExpectation e,
            double share) {
        return new org.hearth.models.baseline.AnchorExpectation(e.anchor(), e.usualMinute(), e.deadlineMinute(), share, 28);
    }

    @Test
    void limitsOfVersionThreeReadForAKitWithOtherRoomsHaveNoStillnessLimitsAndAreRecomputed() throws Exception {
        HomeRulesState state = roundTrip(learned());
        DayLimits limits = rules.learned().limits(state.learned);
        List<String> fewer = ROOMS.subList(1, ROOMS.size());

        DayLimits read = DayLimits.read(limits.write(), fewer);

        assertThat(read.watch().stillness()).isEmpty();
        assertThat(read.watch().night()).isEqualTo(limits.watch().night());
        assertThat(read.key()).isEqualTo(limits.key()); // the kit's key differs: LearnedRules.limits recomputes them
    }

    @Test
    void everyDoubleOfTheLimitsComesBackBitForBit() {
        DayLimits limits = rules.learned().limits(learned().learned);
        NightRules.Limits n = limits.watch().night();
        double[] values = {0.0, -0.0, 1.0, -3.0, 0.5, 19.964285714285715, Double.NaN, Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY, 0x1p53, -0x1p53, 0x1p52, 0x1p63, -0x1p63, Double.MIN_VALUE, Double.MAX_VALUE};
        for (double d : values) {
            NightRules.Limits odd = new NightRules.Limits(n.doorWindow(), n.activityWindow(), n.widestWindow(),
                    0xFFFF_FFFF_FFFFL, 1L << 47, d, d, d, n.baselineDays(), d); // every half-hour slot, the last one
            DayLimits back = DayLimits.read(new DayLimits(limits.key(), limits.ready(), limits.days(), limits.lastLearned(),
                    limits.rise(), limits.kettle(), new DayLimits.Watch(limits.watch().stillness(), odd)).write(), ROOMS);
            assertThat(Double.doubleToRawLongBits(back.watch().night().outOfHomePerDay())).as("%s", d)
                    .isEqualTo(Double.doubleToRawLongBits(d));
            assertThat(back.watch().night()).isEqualTo(odd);
        }
    }

    @Test
    void aLimitsBlobOfAnotherKindOrANewerVersionIsRefused() {
        byte[] bytes = rules.learned().limits(learned().learned).write();
        byte[] newer = bytes.clone();
        newer[1] = (byte) (DayLimits.VERSION + 1);
        byte[] other = bytes.clone();
        other[0] = 'B';
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> DayLimits.read(newer, ROOMS))
                .hasMessageContaining("newer than this Hearth");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> DayLimits.read(other, ROOMS))
                .hasMessageContaining("not a limits state blob");
    }
}
