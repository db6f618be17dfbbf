package org.hearth.models.activity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hearth.models.testing.TestHomes.LONDON;
import static org.hearth.models.testing.TestHomes.at;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.hearth.models.event.SensorEvent;
import org.hearth.models.event.SensorKind;
import org.hearth.models.registry.Home;
import org.hearth.models.registry.Sensor;
import org.hearth.models.registry.SensorRole;
import org.hearth.models.testing.TestHomes;
import org.hearth.models.testing.TestHomes.Trace;
import org.junit.jupiter.api.Test;

class ActivityTrackerTest {

    private static final LocalDate DAY = LocalDate.of(2026, 11, 23);

    private static List<Activity> run(List<SensorEvent> events) {
        return run(TestHomes.standardHome(), events);
    }

    private static List<Activity> run(Home home, List<SensorEvent> events) {
        ActivityTracker tracker = new ActivityTracker(home, ActivityConfig.defaults());
        List<Activity> out = new ArrayList<>();
        events.forEach(e -> out.addAll(tracker.accept(e)));
        out.addAll(tracker.flush());
        return out;
    }

    private static <T extends Activity> List<T> only(List<Activity> all, Class<T> type) {
        return all.stream().filter(type::isInstance).map(type::cast).toList();
    }

    private static Instant t(String time) {
        return at(DAY, time, LONDON);
    }

    @Test
    void kettle_sampledEveryFewSecondsWithNoise_isOneBoil() {
        Trace trace = new Trace(DAY).at("07:29:55", "kettle", 0.4);
        Instant start = t("07:30:00");
        double[] noisy = {2150, 1900, 2210, 800, 2050, 2180, 1980, 2200}; // 800 W dip is inside the hysteresis band
        for (int i = 0; i < 36; i++) {
            trace.at(start.plusSeconds(5L * i), "kettle", noisy[i % noisy.length]);
        }
        trace.at(start.plusSeconds(180), "kettle", 3.0).at(start.plusSeconds(185), "kettle", 0.0);

        List<KettleBoil> boils = only(run(trace.events()), KettleBoil.class);

        assertThat(boils).containsExactly(new KettleBoil(start, start.plusSeconds(180), "kettle"));
    }

    @Test
    void kettle_reportedOnlyOnChange_givesTheSameBoil() {
        Trace trace = new Trace(DAY).at("07:30:00", "kettle", 2150).at("07:33:00", "kettle", 0);

        List<KettleBoil> boils = only(run(trace.events()), KettleBoil.class);

        assertThat(boils).containsExactly(new KettleBoil(t("07:30:00"), t("07:33:00"), "kettle"));
    }

    @Test
    void kettle_spikesAndLongLoadsAreNotBoils() {
        Trace trace = new Trace(DAY)
                .at("07:30:00", "kettle", 1800).at("07:30:05", "kettle", 2)      // 5 s spike
                .at("09:00:00", "kettle", 2000).at("09:45:00", "kettle", 0);     // 45 min: not a kettle
        ActivityTracker tracker = new ActivityTracker(TestHomes.standardHome(), ActivityConfig.defaults());
        List<Activity> out = new ArrayList<>();
        trace.events().forEach(e -> out.addAll(tracker.accept(e)));
        out.addAll(tracker.flush());

        assertThat(only(out, KettleBoil.class)).isEmpty();
        assertThat(tracker.rejectedKettleSpells()).isEqualTo(2);
    }

    @Test
    void kettle_onOffPlugWithoutMetering_isReadAsOnOff() {
        Home home = homeWith(new Sensor("plug", SensorKind.CONTACT, "kitchen", SensorRole.KETTLE, null));
        List<SensorEvent> events = List.of(
                SensorEvent.of("h1", "plug", t("08:00:00"), SensorKind.CONTACT, 1),
                SensorEvent.of("h1", "plug", t("08:02:30"), SensorKind.CONTACT, 0));

        assertThat(only(run(home, events), KettleBoil.class))
                .containsExactly(new KettleBoil(t("08:00:00"), t("08:02:30"), "plug"));
    }

    @Test
    void heartbeats_ofTheBedAndKettlePlugAreNotReadings() {
        // The simulator's (and many kits') devices report "alive" hourly with value 1 on their own id.
        List<SensorEvent> events = new ArrayList<>(new Trace(DAY)
                .at("22:30:00", "bed", 1).on(DAY.plusDays(1), "06:55:00", "bed", 0)
                .on(DAY.plusDays(1), "07:23:00", "kettle", 2200).on(DAY.plusDays(1), "07:25:10", "kettle", 0)
                .events());
        events.add(SensorEvent.of("h1", "bed", at(DAY.plusDays(1), "07:00:43", LONDON), SensorKind.HEARTBEAT, 1));
        events.add(SensorEvent.of("h1", "kettle", at(DAY.plusDays(1), "07:07:00", LONDON), SensorKind.HEARTBEAT, 1));
        events.sort(java.util.Comparator.comparing(SensorEvent::ts));

        List<Activity> out = run(events);

        assertThat(only(out, BedEntered.class)).hasSize(1);
        assertThat(only(out, BedExited.class)).singleElement().extracting(BedExited::at)
                .isEqualTo(at(DAY.plusDays(1), "06:55:00", LONDON));
        assertThat(only(out, KettleBoil.class)).containsExactly(new KettleBoil(at(DAY.plusDays(1), "07:23:00", LONDON),
                at(DAY.plusDays(1), "07:25:10", LONDON), "kettle"));
    }

    @Test
    void bed_briefLiftsAreDebounced_realExitIsKept() {
        Trace trace = new Trace(DAY)
                .at("22:30:00", "bed", 1)
                .at("23:10:00", "bed", 0).at("23:10:40", "bed", 1)             // turning over
                .at("02:00:00", "bed", 1)
                .on(DAY.plusDays(1), "03:00:00", "bed", 0).on(DAY.plusDays(1), "03:00:05", "bed", 0)
                .on(DAY.plusDays(1), "03:08:00", "bed", 1)                     // a real night exit
                .on(DAY.plusDays(1), "07:15:00", "bed", 0)
                .on(DAY.plusDays(1), "07:15:20", "bed", 1).on(DAY.plusDays(1), "07:15:30", "bed", 0); // flicker

        List<Activity> bed = run(trace.events()).stream()
                .filter(a -> a instanceof BedEntered || a instanceof BedExited).toList();

        Instant d1 = at(DAY.plusDays(1), "03:00:00", LONDON);
        assertThat(bed).containsExactly(
                new BedEntered(t("22:30:00")),
                new BedExited(d1),
                new BedEntered(at(DAY.plusDays(1), "03:08:00", LONDON)),
                // a flicker back onto the pad restarts the exit: dated from the last reading off the bed
                new BedExited(at(DAY.plusDays(1), "07:15:30", LONDON)));
    }

    @Test
    void bed_sittingOnTheBedBrieflyIsNotGoingToBed() {
        Trace trace = new Trace(DAY).at("20:00:00", "bed", 1).at("20:01:00", "bed", 0);

        assertThat(only(run(trace.events()), BedEntered.class)).isEmpty();
    }

    @Test
    void presence_transitionsFollowMotionAndGlimpsesAreIgnored() {
        Trace trace = new Trace(DAY)
                .at("08:00:00", "pir-bedroom", 1)
                .at("08:01:00", "pir-hall", 1)
                .at("08:01:40", "pir-kitchen", 1)
                .at("08:01:42", "pir-hall", 1)     // hall PIR sees through the doorway: two rooms at once
                .at("08:01:50", "pir-kitchen", 1)
                .at("08:02:00", "pir-kitchen", 0)  // PIR "clear" readings carry no position
                .at("08:05:00", "pir-kitchen", 1); // retrigger after blind time: still kitchen

        List<RoomChanged> moves = only(run(trace.events()), RoomChanged.class);

        assertThat(moves).containsExactly(
                new RoomChanged(t("08:01:00"), "bedroom", "hall"),
                new RoomChanged(t("08:01:50"), "hall", "kitchen")); // the glimpse restarted confirmation
    }

    @Test
    void doors_repeatedReadingsAreOneChange() {
        Trace trace = new Trace(DAY).at("10:00:00", "front-door", 1).at("10:00:02", "front-door", 1)
                .at("10:00:20", "front-door", 0);

        List<Activity> doors = run(trace.events()).stream()
                .filter(a -> a instanceof DoorOpened || a instanceof DoorClosed).toList();

        assertThat(doors).containsExactly(new DoorOpened(t("10:00:00"), "front-door", "hall", true),
                new DoorClosed(t("10:00:20"), "front-door", "hall", true));
    }

    @Test
    void away_frontDoorThenNoMotion_isAnOutingUntilMotionReturns() {
        Trace trace = new Trace(DAY)
                .at("10:00:00", "pir-hall", 1)
                .at("10:01:00", "front-door", 1).at("10:01:20", "front-door", 0)
                .at("10:01:40", "pir-hall", 1)                                  // passing the hall PIR on the way out
                .at("11:30:00", "front-door", 1).at("11:30:15", "front-door", 0)
                .at("11:30:30", "pir-hall", 1);

        List<Activity> out = run(trace.events());

        assertThat(only(out, LeftHome.class)).containsExactly(new LeftHome(t("10:01:20")));
        assertThat(only(out, ReturnedHome.class)).containsExactly(new ReturnedHome(t("11:30:15"), t("10:01:20")));
    }

    @Test
    void away_answeringTheDoorIsNotGoingOut() {
        Trace trace = new Trace(DAY)
                .at("10:01:00", "front-door", 1).at("10:03:00", "front-door", 0)
                .at("10:05:00", "pir-lounge", 1);

        assertThat(only(run(trace.events()), LeftHome.class)).isEmpty();
    }

    @Test
    void away_motionInAnotherRoomRightAfterTheDoor_isNotGoingOut() {
        // in from the garden, straight into the lounge: 30 s after the door, inside the hall PIR's grace
        Trace trace = new Trace(DAY)
                .at("15:00:00", "front-door", 1).at("15:00:10", "front-door", 0)
                .at("15:00:40", "pir-lounge", 1);

        assertThat(only(run(trace.events()), LeftHome.class)).isEmpty();
    }

    @Test
    void away_aFridgeOpenedRightAfterTheDoor_isNotGoingOut() {
        // home through the front door, past the hall PIR (inside its grace), straight to the fridge:
        // the fridge's contact is a hand inside even though no PIR outside the hall has seen them yet
        Home withFridge = withSensor(new Sensor("fridge", SensorKind.CONTACT, "kitchen", null, null));
        List<SensorEvent> events = List.of(
                TestHomes.event(t("14:02:31"), "front-door", 1), TestHomes.event(t("14:03:13"), "front-door", 0),
                TestHomes.event(t("14:03:14"), "pir-hall", 1),
                SensorEvent.of("h1", "fridge", t("14:04:06"), SensorKind.CONTACT, 1),
                SensorEvent.of("h1", "fridge", t("14:04:15"), SensorKind.CONTACT, 0));

        assertThat(only(run(withFridge, events), LeftHome.class)).isEmpty();
    }

    @Test
    void away_aContactsRepeatedClosedStateIsNotSomeoneInside() {
        // contact sensors report "closed" now and then; only an opening is a hand
        Home withFridge = withSensor(new Sensor("fridge", SensorKind.CONTACT, "kitchen", null, null));
        List<SensorEvent> events = List.of(
                TestHomes.event(t("14:02:31"), "front-door", 1), TestHomes.event(t("14:03:13"), "front-door", 0),
                SensorEvent.of("h1", "fridge", t("14:10:00"), SensorKind.CONTACT, 0));

        assertThat(only(run(withFridge, events), LeftHome.class)).containsExactly(new LeftHome(t("14:03:13")));
    }

    @Test
    void away_aWindowLeftOpenRepeatingItsStateDoesNotBringThemHome() {
        // opened before going out; the sensor repeats "open" every hour while they are out
        Home withWindow = withSensor(new Sensor("window", SensorKind.CONTACT, "bedroom", null, null));
        List<SensorEvent> events = List.of(
                SensorEvent.of("h1", "window", t("09:00:00"), SensorKind.CONTACT, 1),
                TestHomes.event(t("10:00:00"), "front-door", 1), TestHomes.event(t("10:00:20"), "front-door", 0),
                TestHomes.event(t("10:00:40"), "pir-hall", 1),
                SensorEvent.of("h1", "window", t("11:00:00"), SensorKind.CONTACT, 1),
                SensorEvent.of("h1", "window", t("12:00:00"), SensorKind.CONTACT, 1),
                TestHomes.event(t("13:00:00"), "front-door", 1), TestHomes.event(t("13:00:10"), "pir-hall", 1));

        List<Activity> out = run(withWindow, events);

        assertThat(only(out, LeftHome.class)).containsExactly(new LeftHome(t("10:00:20")));
        assertThat(only(out, ReturnedHome.class)).containsExactly(new ReturnedHome(t("13:00:00"), t("10:00:20")));
    }

    @Test
    void away_theFrontDoorRepeatingClosedAtNightIsNotGoingOut() {
        // the shared real home: in bed, then a lone "closed" from the front door (it sent 106 such
        // readings, an hour or more after the last); taken as a door use it made the sleeper "out"
        Trace trace = new Trace(DAY)
                .at("00:30:00", "front-door", 1).at("00:30:10", "front-door", 0)
                .at("00:31:00", "pir-bedroom", 1).at("00:32:00", "bed", 1)
                .at("01:39:00", "front-door", 0)
                .at("02:55:00", "pir-bedroom", 1);

        assertThat(only(run(trace.events()), LeftHome.class)).isEmpty();
    }

    @Test
    void stillness_aContactReportingTheStateItIsInIsNoSignOfLife() {
        // Zigbee2MQTT republishes `contact` with every check-in: a cupboard's hourly "closed" must not
        // end the silence of a person who has not moved since 10:00
        Home withCupboard = withSensor(new Sensor("cupboard", SensorKind.CONTACT, "kitchen", null, null));
        List<SensorEvent> events = List.of(
                SensorEvent.of("h1", "cupboard", t("09:58:00"), SensorKind.CONTACT, 1),
                SensorEvent.of("h1", "cupboard", t("09:58:20"), SensorKind.CONTACT, 0),
                TestHomes.event(t("10:00:00"), "pir-kitchen", 1),
                SensorEvent.of("h1", "cupboard", t("10:50:00"), SensorKind.CONTACT, 0),
                SensorEvent.of("h1", "cupboard", t("11:40:00"), SensorKind.CONTACT, 0),
                TestHomes.event(t("12:30:00"), "pir-kitchen", 1));
        ActivityTracker tracker = new ActivityTracker(withCupboard, ActivityConfig.defaults());
        List<Activity> out = new ArrayList<>();
        events.forEach(e -> out.addAll(tracker.accept(e)));
        tracker.advanceTo(t("12:00:00"));

        assertThat(tracker.status().lastSignOfLife()).isEqualTo(t("10:00:00"));
        out.addAll(tracker.flush());
        assertThat(only(out, Stillness.class)).containsExactly(new Stillness(t("10:00:00"), t("12:30:00"), "kitchen"));
    }

    private static Home withSensor(Sensor extra) {
        Home h = TestHomes.standardHome();
        List<Sensor> sensors = new ArrayList<>(h.sensors());
        sensors.add(extra);
        return new Home(h.id(), h.timezone(), h.resident(), h.hubs(), sensors, h.carers(), h.installer(), h.cohort(), h.overrides());
    }

    @Test
    void stillness_aGapEndedByTheFrontDoorIsAnOutingNotStillness() {
        // the door did not show them leaving (left ajar), only coming back
        Trace trace = new Trace(DAY)
                .at("10:00:00", "pir-kitchen", 1)
                .at("11:30:00", "front-door", 1).at("11:30:20", "pir-hall", 1)
                .at("11:31:00", "pir-kitchen", 1)
                .at("13:00:00", "pir-kitchen", 1);

        List<Stillness> still = only(run(trace.events()), Stillness.class);

        assertThat(still).extracting(Stillness::at).containsExactly(t("11:31:00"));
    }

    @Test
    void away_hallMotionRightAfterTheDoor_isStillTheWayOut() {
        Trace trace = new Trace(DAY)
                .at("15:00:00", "front-door", 1).at("15:00:10", "front-door", 0)
                .at("15:00:40", "pir-hall", 1)
                .at("16:00:00", "front-door", 1).at("16:00:05", "pir-hall", 1);

        assertThat(only(run(trace.events()), LeftHome.class)).containsExactly(new LeftHome(t("15:00:10")));
    }

    @Test
    void bathroom_nightVisitFromBedIsFlaggedNight() {
        LocalDate next = DAY.plusDays(1);
        Trace trace = new Trace(DAY)
                .at("22:30:00", "pir-bedroom", 1).at("22:31:00", "bed", 1)
                .on(next, "03:00:00", "bed", 0)
                .on(next, "03:00:30", "pir-bathroom", 1)
                .on(next, "03:04:00", "pir-bathroom", 1)
                .on(next, "03:06:00", "pir-bedroom", 1)
                .on(next, "03:06:30", "bed", 1)
                .on(next, "10:00:00", "bed", 0)
                .on(next, "10:00:30", "pir-bathroom", 1)
                .on(next, "10:05:00", "pir-kitchen", 1);

        List<BathroomVisit> visits = only(run(trace.events()), BathroomVisit.class);

        assertThat(visits).containsExactly(
                new BathroomVisit(at(next, "03:00:30", LONDON), at(next, "03:06:00", LONDON), true),
                new BathroomVisit(at(next, "10:00:30", LONDON), at(next, "10:05:00", LONDON), false));
    }

    @Test
    void bathroom_visitEndedByBedWhenTheBedroomHasNoPir() {
        LocalDate next = DAY.plusDays(1);
        Trace trace = new Trace(DAY)
                .at("22:31:00", "bed", 1)
                .on(next, "02:00:00", "bed", 0).on(next, "02:00:30", "pir-bathroom", 1).on(next, "02:05:00", "bed", 1)
                .on(next, "04:00:00", "bed", 0).on(next, "04:00:30", "pir-bathroom", 1).on(next, "04:03:00", "bed", 1);

        List<BathroomVisit> visits = only(run(trace.events()), BathroomVisit.class);

        assertThat(visits).extracting(BathroomVisit::duration)
                .containsExactly(Duration.ofSeconds(270), Duration.ofSeconds(150));
    }

    @Test
    void stillness_gapsWhileUpAreReported_sleepAndOutingsAreNot() {
        Trace trace = new Trace(DAY)
                .at("13:00:00", "pir-lounge", 1)
                .at("14:30:00", "pir-lounge", 1)          // 90 min still in the lounge (a nap in the chair)
                .at("14:31:00", "pir-hall", 1)
                .at("14:32:00", "front-door", 1).at("14:32:10", "front-door", 0)
                .at("16:00:00", "front-door", 1).at("16:00:05", "front-door", 0)
                .at("16:00:20", "pir-hall", 1)
                .at("22:00:00", "pir-bedroom", 1).at("22:00:30", "bed", 1)
                .on(DAY.plusDays(1), "07:00:00", "bed", 0);

        List<Stillness> spells = only(run(trace.events()), Stillness.class);

        // the outing (14:32-16:00) and the night in bed (22:00-07:00) are not stillness
        assertThat(spells).containsExactly(
                new Stillness(t("13:00:00"), t("14:30:00"), "lounge"),
                new Stillness(t("16:00:20"), t("22:00:00"), "hall"));
    }

    @Test
    void status_showsTheRunningStillnessForLiveRules() {
        ActivityTracker tracker = new ActivityTracker(TestHomes.standardHome(), ActivityConfig.defaults());
        new Trace(DAY).at("09:00:00", "pir-kitchen", 1).at("09:00:40", "pir-bathroom", 1).events()
                .forEach(tracker::accept);
        tracker.advanceTo(t("10:00:00"));

        HomeStatus status = tracker.status();

        assertThat(status.lastSignOfLife()).isEqualTo(t("09:00:40"));
        assertThat(status.currentRoom()).isEqualTo("bathroom");
        assertThat(status.stillFor(t("10:00:00"))).isEqualTo(Duration.ofSeconds(3560));
        assertThat(status.away()).isFalse();
    }

    @Test
    void accept_lateAndUnknownEventsAreCountedAndKept() {
        ActivityTracker tracker = new ActivityTracker(TestHomes.standardHome(), ActivityConfig.defaults());
        tracker.accept(TestHomes.event(t("09:00:00"), "pir-kitchen", 1));
        SensorEvent late = TestHomes.event(t("08:50:00"), "pir-hall", 1);
        SensorEvent unknown = SensorEvent.of("h1", "nope", t("09:00:01"), SensorKind.MOTION, 1);
        SensorEvent implausible = TestHomes.event(t("09:00:02"), "kettle", -5);

        tracker.accept(late);
        tracker.accept(unknown);
        tracker.accept(implausible);

        assertThat(tracker.lateEvents()).isEqualTo(1);
        assertThat(tracker.unknownEvents()).isEqualTo(2);
        assertThat(tracker.drainRejected()).containsExactly(late, unknown, implausible);
        assertThat(tracker.drainRejected()).isEmpty();
    }

    @Test
    void accept_reorderingWithinTheLatenessGivesTheSameActivities() {
        Trace trace = new Trace(DAY)
                .at("08:00:00", "pir-bedroom", 1).at("08:00:30", "pir-hall", 1).at("08:01:00", "pir-kitchen", 1)
                .at("08:01:10", "kettle", 2100).at("08:04:00", "kettle", 0).at("08:05:00", "pir-bathroom", 1);
        List<SensorEvent> ordered = trace.events();
        List<SensorEvent> shuffled = new ArrayList<>(ordered);
        java.util.Collections.swap(shuffled, 0, 2);   // 60 s apart
        java.util.Collections.swap(shuffled, 4, 5);   // 60 s apart; the allowed lateness is 2 min

        assertThat(run(shuffled)).containsExactlyInAnyOrderElementsOf(run(ordered)).isNotEmpty();
    }

    private static Home homeWith(Sensor extra) {
        Home base = TestHomes.standardHome();
        List<Sensor> sensors = new ArrayList<>(base.sensors());
        sensors.removeIf(s -> s.role() == SensorRole.KETTLE);
        sensors.add(extra);
        return new Home(base.id(), base.timezone(), base.resident(), base.hubs(), sensors, base.carers(),
                base.installer(), base.cohort(), base.overrides());
    }

    @Test
    void writeState_aTrackerRestoredAfterEveryEventContinuesExactlyAsOneThatNeverStopped() throws Exception {
        // Four routine days, each event up to two minutes late (so the buffer holds some), with
        // a silent stretch moved by advanceTo now and then, as the learned rules' deadlines do.
        List<SensorEvent> events = new ArrayList<>();
        org.hearth.models.testing.RoutineEvents routine = new org.hearth.models.testing.RoutineEvents(3);
        for (int d = 0; d < 4; d++) {
            events.addAll(routine.day(DAY.plusDays(d), 7 * 60 + 10 * d));
        }
        java.util.Random random = new java.util.Random(11);
        for (int i = 1; i < events.size(); i++) {
            if (random.nextInt(4) == 0) {
                java.util.Collections.swap(events, i - 1, i); // up to one event out of order
            }
        }
        Home home = TestHomes.standardHome();
        ActivityTracker continuous = new ActivityTracker(home, ActivityConfig.defaults());
        ActivityTracker restored = new ActivityTracker(home, ActivityConfig.defaults());
        List<Activity> expected = new ArrayList<>();
        List<Activity> actual = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            SensorEvent e = events.get(i);
            expected.addAll(continuous.accept(e));
            restored = roundTrip(restored, home);
            actual.addAll(restored.accept(e));
            if (i % 7 == 0) {
                expected.addAll(continuous.advanceTo(e.ts().minusSeconds(60)));
                restored = roundTrip(restored, home);
                actual.addAll(restored.advanceTo(e.ts().minusSeconds(60)));
            }
            assertThat(restored.drainRejected()).isEqualTo(continuous.drainRejected()); // as LearnedRules does
            assertThat(restored.status()).isEqualTo(continuous.status());
            assertThat(state(restored)).isEqualTo(state(continuous));
        }
        expected.addAll(continuous.flush());
        actual.addAll(roundTrip(restored, home).flush());

        assertThat(only(expected, BedExited.class)).hasSize(4 + 3); // rises and night trips (first night has none before it)
        assertThat(actual).isEqualTo(expected);
        assertThat(restored.lateEvents()).isEqualTo(continuous.lateEvents()).isPositive();
        assertThat(state(continuous).length).isLessThan(512);
    }

    private static byte[] state(ActivityTracker t) {
        return org.hearth.models.state.StateCodec.writeTracker(t);
    }

    private static ActivityTracker roundTrip(ActivityTracker t, Home home) {
        return org.hearth.models.state.StateCodec.readTracker(state(t), home, t.config());
    }
}
