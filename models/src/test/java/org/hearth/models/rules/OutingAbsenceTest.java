package org.hearth.models.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hearth.models.rules.RulesDriver.local;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hearth.models.alert.Rule;
import org.hearth.models.event.SensorEvent;
import org.hearth.models.event.SensorKind;
import org.hearth.models.testing.RoutineEvents;
import org.hearth.models.testing.TestHomes;
import org.junit.jupiter.api.Test;

/**
 * Not-home after a long absence (a holiday, a hospital stay, a night away) or an outing across a gap in the recording:
 * neither is an outing to learn from. On a real home one 11.7-day absence among seven remembered outings made the
 * limit 13 million minutes, then days for as long as it stayed in memory: for weeks not-home could not have alerted.
 */
class OutingAbsenceTest {

    private static final LocalDate FIRST = LocalDate.of(2026, 6, 1);
    private static final LocalDate AWAY = FIRST.plusDays(14);
    private static final long HOURS_12 = 12 * 60;

    private final RoutineEvents routine = new RoutineEvents(7);
    private final RulesDriver driver = new RulesDriver();

    /** The routine of {@code day} before {@code until}, without its own outing (the front door left out). */
    private List<SensorEvent> dayUntil(LocalDate day, Instant until) {
        return new ArrayList<>(routine.day(day, 7 * 60 + 30).stream()
                .filter(e -> e.ts().isBefore(until) && !e.sensorId().equals("front-door")).toList());
    }

    /** Past the hall and out of the front door at {@code t}. */
    private static List<SensorEvent> goOut(Instant t) {
        return List.of(TestHomes.event(t.minusSeconds(30), "pir-hall", 1), TestHomes.event(t, "front-door", 1),
                TestHomes.event(t.plusSeconds(20), "front-door", 0));
    }

    /** In through the front door at {@code t}, and moving in the hall and the lounge. */
    private static List<SensorEvent> comeBack(Instant t) {
        return List.of(TestHomes.event(t, "front-door", 1), TestHomes.event(t.plusSeconds(20), "front-door", 0),
                TestHomes.event(t.plusSeconds(60), "pir-hall", 1), TestHomes.event(t.plusSeconds(180), "pir-lounge", 1));
    }

    /**
     * A care day of the routine with an afternoon outing from 14:05 of {@code minutes} (the routine's own door events,
     * and any movement while out, left out).
     */
    private List<SensorEvent> dayWithOuting(LocalDate day, int riseMinute, int minutes) {
        Instant out = local(day, "14:05");
        Instant back = out.plus(Duration.ofMinutes(minutes));
        List<SensorEvent> events = new ArrayList<>(routine.day(day, riseMinute).stream()
                .filter(e -> !e.sensorId().equals("front-door"))
                .filter(e -> e.ts().isBefore(out.minusSeconds(60)) || e.ts().isAfter(back.plusSeconds(300))).toList());
        events.addAll(goOut(out));
        events.addAll(comeBack(back));
        events.sort(java.util.Comparator.comparing(SensorEvent::ts));
        return events;
    }

    /** 14 care days from {@link #FIRST}, each with an afternoon outing of 30-100 min; with the hub's heartbeat if asked. */
    private void learn(RulesDriver d, boolean heartbeats) {
        for (int i = 0; i < 14; i++) {
            LocalDate day = FIRST.plusDays(i);
            List<SensorEvent> events = new ArrayList<>(dayWithOuting(day, 7 * 60 + 30 + (i % 3) * 5, 30 + (i * 37) % 71));
            if (heartbeats) {
                events.addAll(heartbeats(local(day, "12:00"), local(day.plusDays(1), "12:00")));
            }
            feedInOrder(d, events);
        }
    }

    private static SensorEvent heartbeat(Instant t) {
        return SensorEvent.of("h1", "hub", t, SensorKind.HEARTBEAT, 1);
    }

    /**
     * The hub's heartbeat every 5 minutes over [from, to), 7 s past each: the driver moves time to each event as it
     * takes it, so a door event at the instant of a heartbeat before it would be late.
     */
    private static List<SensorEvent> heartbeats(Instant from, Instant to) {
        List<SensorEvent> out = new ArrayList<>();
        for (Instant t = from.plusSeconds(7); t.isBefore(to); t = t.plus(Duration.ofMinutes(5))) {
            out.add(heartbeat(t));
        }
        return out;
    }

    private Map<String, Double> notHomeLimits() {
        return driver.rules.learned().thresholds(driver.state.learned).get("not-home").limits();
    }

    private static void feedInOrder(RulesDriver d, List<SensorEvent> events) {
        List<SensorEvent> sorted = new ArrayList<>(events);
        sorted.sort(java.util.Comparator.comparing(SensorEvent::ts));
        d.feed(sorted);
    }

    @Test
    void aFiveDayAbsence_isNotLearnedFromAsAnOuting_andTheNextOutingIsJudgedInHours() {
        learn(driver, false);
        int outings = driver.state.learned.watch.outingMinutes.size();
        assertThat(outings).as("the routine's afternoon outings, learned").isGreaterThanOrEqualTo(3);
        Instant left = local(AWAY, "14:05");
        List<SensorEvent> away = dayUntil(AWAY, left.minusSeconds(600));
        away.addAll(goOut(left));
        driver.feed(away);
        Instant back = local(AWAY.plusDays(5), "11:00");
        driver.advanceTo(back.minusSeconds(1));
        driver.feed(comeBack(back));
        driver.advanceTo(back.plusSeconds(600));

        // remembered (for HabitualAbsences: one absence is no habit), but not learned from as an outing
        assertThat(driver.state.learned.watch.outingMinutes).hasSize(outings + 1).last().isEqualTo(7_015);
        // before eb7f695: the absence was learned from and the tail on the outings' logarithms ran to days
        assertThat(notHomeLimits().values()).allSatisfy(limit -> assertThat(limit).isLessThanOrEqualTo(HOURS_12));

        // the next afternoon's outing raises in hours, at the limit shown
        LocalDate next = AWAY.plusDays(5);
        Instant out = local(next, "14:05");
        driver.feed(dayUntil(next, out.minusSeconds(600)).stream().filter(e -> e.ts().isAfter(back.plusSeconds(180)))
                .toList());
        driver.feed(goOut(out));
        double limit = notHomeLimits().get("afternoon");
        driver.advanceTo(out.plus(Duration.ofHours(13)));

        List<RuleOutcome> raised = driver.raised(Rule.NOT_HOME);
        assertThat(raised).hasSize(2); // the absence itself raised, in hours: a carer is told
        assertThat(Duration.between(left, raised.get(0).at()).toMinutes()).isLessThanOrEqualTo(HOURS_12);
        assertThat(Duration.between(out.plusSeconds(20), raised.get(1).at()).toMinutes()).isEqualTo((long) limit)
                .isLessThanOrEqualTo(HOURS_12);
    }

    @Test
    void anOutingAcrossAGapInTheRecording_isNotLearned_whileTheSameOutingRecordedIsLearned() {
        RulesDriver gap = new RulesDriver();
        RulesDriver recorded = new RulesDriver();
        learn(gap, true);
        learn(recorded, true);
        int outings = gap.state.learned.watch.outingMinutes.size();
        assertThat(recorded.state.learned.watch.outingMinutes).hasSize(outings);
        Instant left = local(AWAY, "14:05");
        Instant back = local(AWAY, "22:05"); // 8 h: an ordinary length, not an absence
        for (RulesDriver d : List.of(gap, recorded)) {
            List<SensorEvent> day = dayUntil(AWAY, left.minusSeconds(600));
            day.addAll(heartbeats(local(AWAY, "12:00"), left.plusSeconds(3600)));
            day.addAll(goOut(left));
            feedInOrder(d, day);
            d.advanceTo(left.plus(Duration.ofMinutes(30)));
            assertThat(d.state.learned.watch.outSince).as("out").isNotNull();
        }
        // recorded: the hub's heartbeat goes on while they are out; gap: nothing at all for 6 h (an outage)
        feedInOrder(recorded, heartbeats(left.plusSeconds(3600), back));
        gap.advanceTo(left.plus(Duration.ofHours(7)));
        assertThat(gap.raised(Rule.HUB_OFFLINE)).as("the gap is seen as the hub offline").hasSize(1);
        feedInOrder(gap, heartbeats(left.plus(Duration.ofHours(7)), back));
        for (RulesDriver d : List.of(gap, recorded)) {
            feedInOrder(d, comeBack(back));
            d.advanceTo(back.plusSeconds(600));
        }

        assertThat(recorded.state.learned.watch.outingMinutes).hasSize(outings + 1).last().isEqualTo(480);
        assertThat(gap.state.learned.watch.outingMinutes).hasSize(outings);
    }

    /**
     * A state stored before the absence rule, with an 11.7-day absence (and a 23-hour outing across an outage) among
     * its remembered outings, as the real home's was for weeks: read back by the codec, in the current version and in
     * version 9 (exact start minutes), its limits are those of its ordinary outings, as if the absence had never been
     * remembered.
     */
    @Test
    void aStateStoredWithAnAbsenceAmongItsOutings_readsBackWithTheLimitsOfItsOrdinaryOutings() throws Exception {
        learn(driver, false);
        Map<String, Double> ordinary = notHomeLimits();
        WatchState w = driver.state.learned.watch;
        w.outingStarts.add(0, 600);
        w.outingMinutes.add(0, 16_818);
        w.outingStarts.add(1200);
        w.outingMinutes.add(1_399);

        for (int version : new int[] {HomeRulesStateCodec.VERSION, 9}) {
            driver.state = read(write(driver.state, version));

            assertThat(driver.state.learned.watch.outingMinutes).contains(16_818, 1_399); // the stored format is unchanged
            assertThat(notHomeLimits()).as("version %d", version).isEqualTo(ordinary);
        }
    }

    /**
     * The tail fitted to the outings' logarithms extrapolates far when they vary by factors: a person out 20-40 min
     * most days and 4-7 h now and then got a limit of 75,174 min (52 days) by day before the ceiling.
     * A limit by day is at most three times the longest ordinary outing (and never below the 4 h fallback).
     */
    @Test
    void aLimitByDay_isAtMostThreeTimesTheLongestOrdinaryOuting() {
        learn(driver, false);
        WatchState w = driver.state.learned.watch;
        w.outingStarts.clear();
        w.outingMinutes.clear();
        for (int i = 0; i < 40; i++) { // afternoon outings: mostly short, a long one every tenth
            w.outingStarts.add(720);
            w.outingMinutes.add(i % 10 == 9 ? 180 + 6 * i : 20 + (i * 7) % 21);
        }
        double longest = w.outingMinutes.stream().mapToInt(Integer::intValue).max().orElseThrow();

        double limit = notHomeLimits().get("afternoon");

        assertThat(limit).isLessThanOrEqualTo(3 * longest).isGreaterThanOrEqualTo(longest);
    }

    /**
     * Two absences begun in the same band (two nights away, a hospital stay and a holiday) are not yet a habit
     * ({@link HabitualAbsences#MIN_ABSENCES}): the limits stay those of the ordinary outings, in hours.
     */
    @Test
    void twoAbsencesBegunInOneBand_areNoHabit_andTheLimitsStayThoseOfTheOrdinaryOutings() {
        learn(driver, false);
        Map<String, Double> ordinary = notHomeLimits();
        WatchState w = driver.state.learned.watch;
        w.outingStarts.add(720);
        w.outingMinutes.add(960);
        w.outingStarts.add(720);
        w.outingMinutes.add(16_818);

        assertThat(notHomeLimits()).isEqualTo(ordinary);
        assertThat(notHomeLimits().values()).allSatisfy(limit -> assertThat(limit).isLessThanOrEqualTo(HOURS_12));
    }

    /**
     * Three nights away begun in the afternoon are a habit there, allowed 1.25 x their length; an 11.7-day holiday begun
     * in the same band among them does not lift the allowance (what three absences reached counts, not the longest),
     * and the other bands keep the ordinary outings' limits.
     */
    @Test
    void aOneOffHolidayAmongAHabitsNightsAway_doesNotLiftTheHabitsAllowance() {
        learn(driver, false);
        Map<String, Double> ordinary = notHomeLimits();
        WatchState w = driver.state.learned.watch;
        for (int nightAway : new int[] {896, 960, 928}) {
            w.outingStarts.add(720);
            w.outingMinutes.add(nightAway);
        }
        assertThat(notHomeLimits().get("afternoon")).isEqualTo(896 * HabitualAbsences.MARGIN);

        w.outingStarts.add(720);
        w.outingMinutes.add(16_818);

        assertThat(notHomeLimits().get("afternoon")).isEqualTo(928 * HabitualAbsences.MARGIN);
        for (String band : List.of("night", "morning", "evening")) {
            assertThat(notHomeLimits().get(band)).as(band).isEqualTo(ordinary.get(band));
        }
    }

    /**
     * A habit of leaving in the night band (a night-shift worker away 13 h from before 06:00) lifts the night's limit,
     * otherwise {@code margin} (an hour), to its allowance; the other bands keep theirs.
     */
    @Test
    void aHabitBegunInTheNightBand_liftsTheNightsMarginToItsAllowance() {
        learn(driver, false);
        Map<String, Double> ordinary = notHomeLimits();
        WatchState w = driver.state.learned.watch;
        for (int shift : new int[] {780, 800, 790}) {
            w.outingStarts.add(0);
            w.outingMinutes.add(shift);
        }

        assertThat(ordinary.get("night")).isLessThan(780);
        assertThat(notHomeLimits().get("night")).isEqualTo(780 * HabitualAbsences.MARGIN);
        assertThat(notHomeLimits().get("afternoon")).isEqualTo(ordinary.get("afternoon"));
    }

    /** Three long hospital stays begun in one band make a "habit" too: allowed at most 48 h, never weeks. */
    @Test
    void aHabitOfLongAbsences_isAllowedAtMost48Hours() {
        learn(driver, false);
        WatchState w = driver.state.learned.watch;
        for (int stay : new int[] {7_000, 9_000, 16_818}) {
            w.outingStarts.add(720);
            w.outingMinutes.add(stay);
        }

        assertThat(notHomeLimits().get("afternoon")).isEqualTo(48 * 60.0);
    }

    private static byte[] write(HomeRulesState s, int version) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        HomeRulesStateCodec.write(s, new DataOutputStream(bytes), version);
        return bytes.toByteArray();
    }

    private static HomeRulesState read(byte[] b) throws Exception {
        return HomeRulesStateCodec.read(new DataInputStream(new ByteArrayInputStream(b)));
    }
}
