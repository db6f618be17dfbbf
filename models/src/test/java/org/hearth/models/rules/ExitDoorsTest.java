package org.hearth.models.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hearth.models.rules.RulesDriver.local;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.hearth.models.activity.Activity;
import org.hearth.models.activity.ActivityConfig;
import org.hearth.models.activity.ActivityTracker;
import org.hearth.models.activity.ContactSilence;
import org.hearth.models.activity.LeftHome;
import org.hearth.models.activity.ReturnedHome;
import org.hearth.models.activity.Stillness;
import org.hearth.models.alert.Rule;
import org.hearth.models.event.SensorEvent;
import org.hearth.models.event.SensorKind;
import org.hearth.models.registry.Home;
import org.hearth.models.registry.Sensor;
import org.hearth.models.state.StateCodec;
import org.hearth.models.testing.RoutineEvents;
import org.hearth.models.testing.TestHomes;
import org.junit.jupiter.api.Test;

/**
 * A plain contact becomes an exit door when the person's own days show it (issue 15): out through it,
 * the home silent, back in through it. A fridge or a bathroom door never does.
 */
class ExitDoorsTest {

    private static final LocalDate FIRST = LocalDate.of(2026, 6, 1);

    /** The standard home (its front door has the role) with a back door, a fridge and a bathroom door, all plain. */
    private static Home home() {
        Home h = TestHomes.standardHome();
        List<Sensor> sensors = new ArrayList<>(h.sensors());
        sensors.add(new Sensor("back-door", SensorKind.CONTACT, "kitchen", null, null));
        sensors.add(new Sensor("fridge", SensorKind.CONTACT, "kitchen", null, null));
        sensors.add(new Sensor("bathroom-door", SensorKind.CONTACT, "bathroom", null, null));
        return new Home(h.id(), h.timezone(), h.resident(), h.hubs(), sensors, h.carers(), h.installer(), h.cohort(),
                h.overrides());
    }

    private static SensorEvent contact(Instant t, String sensor, int open) {
        return SensorEvent.of("h1", sensor, t, SensorKind.CONTACT, open);
    }

    /** {@code events} without those from {@code from} to {@code to}, plus {@code added}, in time order. */
    private static List<SensorEvent> replacing(List<SensorEvent> events, Instant from, Instant to, List<SensorEvent> added) {
        List<SensorEvent> out = new ArrayList<>(events.stream().filter(e -> e.ts().isBefore(from) || e.ts().isAfter(to)).toList());
        out.addAll(added);
        out.sort(Comparator.comparing(SensorEvent::ts));
        return out;
    }

    /** Seen in the kitchen, out through the back door at {@code out}, back in through it {@code minutes} later. */
    private static List<SensorEvent> backDoorOuting(LocalDate d, String out, int minutes) {
        Instant go = local(d, out);
        Instant back = go.plus(Duration.ofMinutes(minutes));
        return List.of(TestHomes.event(go.minusSeconds(40), "pir-kitchen", 1), contact(go, "back-door", 1),
                contact(go.plusSeconds(5), "back-door", 0), contact(back, "back-door", 1),
                contact(back.plusSeconds(5), "back-door", 0), TestHomes.event(back.plusSeconds(20), "pir-kitchen", 1));
    }

    @Test
    void theTracker_takesASilenceEndedByALearnedDoorForAnOutingNotForStillness() {
        LocalDate d = FIRST;
        List<SensorEvent> events = backDoorOuting(d, "10:00", 120);

        List<Activity> plain = track(new ActivityTracker(home(), ActivityConfig.defaults()), events);
        assertThat(plain).filteredOn(a -> a instanceof Stillness).hasSize(1); // two hours still in the kitchen
        assertThat(plain).filteredOn(a -> a instanceof LeftHome).isEmpty();
        assertThat(plain).filteredOn(a -> a instanceof ContactSilence)
                .containsExactly(new ContactSilence(local(d, "10:00").plusSeconds(5), local(d, "12:00"), "back-door", true));

        ActivityTracker learned = new ActivityTracker(home(), ActivityConfig.defaults());
        learned.learnExitDoors(List.of("back-door"));
        List<Activity> door = track(learned, events);
        assertThat(door).filteredOn(a -> a instanceof Stillness).isEmpty();
        assertThat(door).filteredOn(a -> a instanceof LeftHome).extracting(Activity::at)
                .containsExactly(local(d, "10:00").plusSeconds(5));
        assertThat(door).filteredOn(a -> a instanceof ReturnedHome).extracting(Activity::at)
                .containsExactly(local(d, "12:00").plusSeconds(5)); // the door's last event before the movement inside
        // the evidence does not depend on what was learned: the same silence, still a round trip
        assertThat(door).filteredOn(a -> a instanceof ContactSilence).hasSize(1);
    }

    private static List<Activity> track(ActivityTracker tracker, List<SensorEvent> events) {
        List<Activity> out = new ArrayList<>();
        events.forEach(e -> out.addAll(tracker.accept(e)));
        out.addAll(tracker.flush());
        return out;
    }

    /** Days 0 to {@code lastDay} of a routine; from day 8 a morning out through the back door, 09:30-11:10, every day. */
    private static RulesDriver outingsThroughTheBackDoor(RoutineEvents routine, int lastDay, List<Instant[]> outings) {
        RulesDriver driver = new RulesDriver(home(), RuleSettings.DEFAULTS);
        for (int i = 0; i <= lastDay; i++) {
            LocalDate d = FIRST.plusDays(i);
            List<SensorEvent> day = routine.day(d, 7 * 60 + 30);
            if (i >= 8) { // the baseline is ready from day 7; then a morning out through the back door every day
                LocalDate morning = d.plusDays(1);
                day = replacing(day, local(morning, "09:28"), local(morning, "11:12"), backDoorOuting(morning, "09:30", 100));
                outings.add(new Instant[] {local(morning, "09:30"), local(morning, "11:10")});
            }
            driver.feed(day);
        }
        return driver;
    }

    @Test
    void aFallRightAfterTheLearnedDoorIsUsed_isStillFoundWithinThreeHours() {
        RoutineEvents routine = new RoutineEvents(3);
        int lastDay = 22;
        RulesDriver driver = outingsThroughTheBackDoor(routine, lastDay, new ArrayList<>());
        assertThat(driver.rules.learned().exitDoors(driver.state.learned)).containsExactly("back-door");
        // the next morning: up, the back door opened and closed at 09:30 (the bins), then a fall in the kitchen
        LocalDate d = FIRST.plusDays(lastDay + 1);
        LocalDate morning = d.plusDays(1);
        Instant door = local(morning, "09:30");
        List<SensorEvent> day = routine.day(d, 7 * 60 + 30).stream().filter(e -> e.ts().isBefore(door.minusSeconds(120))).toList();
        driver.feed(replacing(day, door.minusSeconds(120), door.plusSeconds(60), List.of(
                TestHomes.event(door.minusSeconds(40), "pir-kitchen", 1), contact(door, "back-door", 1),
                contact(door.plusSeconds(5), "back-door", 0))));
        driver.advanceTo(door.plus(Duration.ofHours(4)));

        // taken for an outing through the door (the 12 h floor does not apply to someone out), so not-home must find it
        assertThat(driver.outcomes).filteredOn(o -> o.change() == RuleOutcome.Change.RAISE && o.at().isAfter(door)
                        && !o.at().isAfter(door.plus(Duration.ofHours(3))))
                .extracting(RuleOutcome::rule).containsAnyOf(Rule.NOT_HOME, Rule.STILLNESS);
    }

    @Test
    void aBackDoorUsedForOutings_isLearnedAndEndsTheFalseStillnessOfItsOutings() {
        RoutineEvents routine = new RoutineEvents(3);
        List<Instant[]> outings = new ArrayList<>();
        int lastDay = 22;
        RulesDriver driver = outingsThroughTheBackDoor(routine, lastDay, outings);
        driver.advanceTo(local(FIRST.plusDays(lastDay + 1), "14:00"));

        List<Instant> stillness = driver.raised(Rule.STILLNESS).stream().map(RuleOutcome::at).toList();
        long raisedInEarlyOutings = outings.subList(0, 3).stream().filter(o -> stillness.stream().anyMatch(t -> within(t, o))).count();
        long raisedInLaterOutings = outings.subList(5, outings.size()).stream()
                .filter(o -> stillness.stream().anyMatch(t -> within(t, o))).count();
        assertThat(raisedInEarlyOutings).as("outings before the door is learned are taken for silences inside").isPositive();
        assertThat(raisedInLaterOutings).as("outings through the learned door").isZero();
        assertThat(driver.rules.learned().exitDoors(driver.state.learned)).containsExactly("back-door");

        // a state whose tracker an older Hearth wrote (format 3, no learned doors) learns them at its next day close,
        // not from its baseline at once (an upgrade would read every home's baseline at its first event)
        LearnedState learned = driver.state.learned;
        byte[] oldTracker = StateCodec.writeTracker(
                StateCodec.readTracker(learned.trackerRaw(), home(), ActivityConfig.defaults()), 3);
        LearnedState upgraded = new LearnedState();
        upgraded.restoreRaw(StateCodec.writeBaseline(driver.rules.learned().baseline(learned)), learned.daysRaw(),
                oldTracker, learned.limitsRaw());
        assertThat(driver.rules.learned().exitDoors(upgraded)).isEmpty();
        HomeRulesState after = new HomeRulesState();
        after.learned = upgraded;
        for (SensorEvent e : routine.day(FIRST.plusDays(lastDay + 1), 7 * 60 + 30)) { // one more day, then it closes
            RulesDriver.step(driver.rules, after, e);
        }
        RulesDriver.step(driver.rules, after, TestHomes.event(local(FIRST.plusDays(lastDay + 3), "14:00"), "pir-kitchen", 1));
        assertThat(driver.rules.learned().exitDoors(upgraded)).containsExactly("back-door");
    }

    private static boolean within(Instant t, Instant[] outing) {
        return !t.isBefore(outing[0]) && !t.isAfter(outing[1]);
    }

    @Test
    void aFridgeAndABathroomDoor_areNeverLearnedAsDoors() {
        RulesDriver driver = new RulesDriver(home(), RuleSettings.DEFAULTS);
        RoutineEvents routine = new RoutineEvents(4);
        for (int i = 0; i < 30; i++) {
            LocalDate d = FIRST.plusDays(i);
            List<SensorEvent> day = routine.day(d, 7 * 60 + 30);
            // the fridge at 19:00, then 40 min sitting where no sensor sees; one evening in three the fridge again
            // ends it (a round trip), else the kitchen's sensor: 10 round trips in 30 days, a third of its silences
            Instant fridge = local(d, "19:00");
            Instant end = fridge.plus(Duration.ofMinutes(40));
            List<SensorEvent> evening = new ArrayList<>(List.of(TestHomes.event(fridge.minusSeconds(30), "pir-kitchen", 1),
                    contact(fridge, "fridge", 1), contact(fridge.plusSeconds(20), "fridge", 0)));
            if (i % 3 == 0) {
                evening.add(contact(end, "fridge", 1));
                evening.add(contact(end.plusSeconds(20), "fridge", 0));
            }
            evening.add(TestHomes.event(end.plusSeconds(40), "pir-kitchen", 1));
            day = replacing(day, fridge.minusSeconds(60), end.plusSeconds(50), evening);
            // a bath every afternoon behind the bathroom door: a long silence it opens and ends, every time
            Instant bath = local(d, "16:00");
            Instant out = bath.plus(Duration.ofMinutes(50));
            day = replacing(day, bath.minusSeconds(60), out.plusSeconds(50), List.of(
                    TestHomes.event(bath.minusSeconds(30), "pir-bathroom", 1), contact(bath, "bathroom-door", 1),
                    contact(bath.plusSeconds(5), "bathroom-door", 0), contact(out, "bathroom-door", 1),
                    contact(out.plusSeconds(5), "bathroom-door", 0), TestHomes.event(out.plusSeconds(40), "pir-hall", 1)));
            driver.feed(day);
            assertThat(driver.rules.learned().exitDoors(driver.state.learned)).as("day %d", i).isEmpty();
        }
        var evidence = ExitDoors.evidence(driver.rules.learned().baseline(driver.state.learned), home());
        assertThat(evidence.get("fridge").roundTrips()).isGreaterThanOrEqualTo(ExitDoors.MIN_ROUND_TRIPS);
        assertThat(evidence.get("fridge").roundTrips()).isLessThan(evidence.get("fridge").opened());
        assertThat(evidence).doesNotContainKey("bathroom-door"); // never a candidate
    }

    /** Four weeks, the back door's long silences each day: {@code opened} and {@code roundTrips} for {@code day}. */
    private static org.hearth.models.baseline.Baseline backDoorSilences(java.util.function.IntFunction<int[]> onDay) {
        return backDoorSilences(28, onDay);
    }

    private static org.hearth.models.baseline.Baseline backDoorSilences(int days, java.util.function.IntFunction<int[]> onDay) {
        var b = new org.hearth.models.baseline.Baseline(org.hearth.models.baseline.BaselineConfig.defaults());
        for (int i = 0; i < days; i++) {
            int[] c = onDay.apply(i);
            b.add(new org.hearth.models.day.DayProfile(FIRST.plusDays(i), 1440, -1, -1, 0, 0, -1, 0, 0, 0, 0, 0, 0, 0, 1L,
                    java.util.Map.of(), java.util.Map.of(), java.util.Map.of(),
                    java.util.Map.of("back-door", new org.hearth.models.day.ContactSilences(c[0], c[1]))));
        }
        return b;
    }

    @Test
    void noDoorIsLearnedWhileTheBaselineIsStillLearning() {
        // Three round trips in the first days would make a door, and a door's use takes the safety rules' 12 h floor
        // off while no learned rule stands behind it yet: a fall right after such a use raised nothing for 14 h.
        var firstDays = backDoorSilences(5, day -> new int[] {1, 1});
        assertThat(firstDays.ready()).isFalse();
        assertThat(ExitDoors.learned(firstDays, home(), List.of())).isEmpty();
        assertThat(ExitDoors.learned(firstDays, home(), List.of("back-door"))).isEmpty();
        assertThat(ExitDoors.learned(backDoorSilences(7, day -> new int[] {1, 1}), home(), List.of())).containsExactly("back-door");
    }

    @Test
    void aLearnedDoor_staysWhileUnusedAndIsForgottenOnlyWhenItsSilencesMostlyEndElsewhere() {
        List<String> before = List.of("back-door");
        var unused = backDoorSilences(day -> new int[] {0, 0}); // four weeks without a long silence through it
        assertThat(ExitDoors.learned(unused, home(), before)).containsExactly("back-door");
        assertThat(ExitDoors.learned(unused, home(), List.of())).isEmpty();
        var aThird = backDoorSilences(day -> new int[] {1, day < 10 ? 1 : 0}); // 10 round trips of 28
        assertThat(ExitDoors.learned(aThird, home(), List.of())).as("not half: not learned").isEmpty();
        assertThat(ExitDoors.learned(aThird, home(), before)).as("a third: kept").containsExactly("back-door");
        var elsewhere = backDoorSilences(day -> new int[] {1, day < 9 ? 1 : 0}); // 9 of 28
        assertThat(ExitDoors.learned(elsewhere, home(), before)).as("under a third: forgotten").isEmpty();
    }

    @Test
    void theLearnedDoors_surviveARestoreAndOlderStateStartsWithNone() {
        ActivityTracker t = new ActivityTracker(home(), ActivityConfig.defaults());
        List<SensorEvent> events = backDoorOuting(FIRST, "10:00", 120);
        events.subList(0, 3).forEach(t::accept);
        t.advanceTo(local(FIRST, "10:05")); // in the silence: the last sign was the back door
        t.learnExitDoors(List.of("back-door", "no-such-sensor", "pir-kitchen"));
        assertThat(t.exitDoors()).containsExactly("back-door");

        ActivityTracker restored = StateCodec.readTracker(StateCodec.writeTracker(t), home(), ActivityConfig.defaults());
        assertThat(restored.exitDoors()).containsExactly("back-door");
        // the silence the back door opened before the restore is still reported when it ends
        List<Activity> after = new ArrayList<>();
        events.subList(3, events.size()).forEach(e -> after.addAll(restored.accept(e)));
        after.addAll(restored.flush());
        assertThat(after).filteredOn(a -> a instanceof ContactSilence).hasSize(1);

        ActivityTracker old = StateCodec.readTracker(StateCodec.writeTracker(t, 3), home(), ActivityConfig.defaults());
        assertThat(old.exitDoors()).as("format 3 did not keep them: none until the next day close").isEmpty();
    }
}
