package org.hearth.simulator.emergency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hearth.models.event.SensorEvent;
import org.hearth.models.event.SensorKind;
import org.junit.jupiter.api.Test;

class EmergencyPlannerTest {

    private static final ZoneId TORONTO = ZoneId.of("America/Toronto");
    private static final Map<String, ZoneId> ZONES = Map.of("h1", TORONTO);
    /** Day 0; the clocks go forward on 12 March 2023 in Toronto (day 24). */
    private static final LocalDate DAY0 = LocalDate.of(2023, 2, 16);

    private static Instant local(LocalDate d, int hour, int minute) {
        return ZonedDateTime.of(d, LocalTime.of(hour, minute), TORONTO).toInstant();
    }

    /** A resident who moves every 4 minutes from 07:00 to 22:00 local, and a hub heartbeat every 5 minutes all day. */
    private static List<SensorEvent> busyDays(int days) {
        List<SensorEvent> out = new ArrayList<>();
        for (int d = 0; d < days; d++) {
            LocalDate date = DAY0.plusDays(d);
            for (Instant t = local(date, 0, 0); t.isBefore(local(date.plusDays(1), 0, 0)); t = t.plus(Duration.ofMinutes(5))) {
                out.add(SensorEvent.of("h1", "hub", t, SensorKind.HEARTBEAT, 1));
            }
            for (Instant t = local(date, 7, 0); t.isBefore(local(date, 22, 0)); t = t.plus(Duration.ofMinutes(4))) {
                out.add(SensorEvent.of("h1", "pir-living", t.plusSeconds(7), SensorKind.MOTION, 1));
            }
        }
        out.sort(java.util.Comparator.comparing(SensorEvent::ts));
        return out;
    }

    private static List<CandidateDay> plan(InsertionSettings s, List<SensorEvent> events) {
        Recording r = Recording.of(events);
        return new EmergencyPlanner(s).plan(r, ZONES, r.outages(s.outageGap()), List.of());
    }

    /**
     * A day whose only movement in the window is the way out: lounge 10:00, hall 10:02, the front door
     * 10:03, back in the lounge at 20:00 (the heartbeat goes on, so the recording runs past the six hours).
     */
    private static List<SensorEvent> aTripOut() {
        LocalDate d = DAY0;
        List<SensorEvent> out = new ArrayList<>();
        for (Instant t = local(d, 0, 0); t.isBefore(local(d.plusDays(1), 0, 0)); t = t.plus(Duration.ofMinutes(5))) {
            out.add(SensorEvent.of("h1", "hub", t, SensorKind.HEARTBEAT, 1));
        }
        out.add(SensorEvent.of("h1", "pir-lounge", local(d, 10, 0), SensorKind.MOTION, 1));
        out.add(SensorEvent.of("h1", "pir-hall", local(d, 10, 2), SensorKind.MOTION, 1));
        out.add(SensorEvent.of("h1", "front-door", local(d, 10, 3).plusSeconds(10), SensorKind.CONTACT, 1));
        out.add(SensorEvent.of("h1", "front-door", local(d, 10, 3).plusSeconds(30), SensorKind.CONTACT, 0));
        out.add(SensorEvent.of("h1", "pir-lounge", local(d, 20, 0), SensorKind.MOTION, 1));
        out.sort(java.util.Comparator.comparing(SensorEvent::ts));
        return out;
    }

    private static final Doorways HALL_DOOR = new Doorways(Map.of("h1", java.util.Set.of("front-door")),
            Map.of("h1", java.util.Set.of("pir-lounge")));

    @Test
    void plan_aMinuteJustAfterTheResidentWentOutIsNoCandidate() {
        InsertionSettings s = InsertionSettings.DEFAULTS.withLearnDays(0);
        Recording withKit = Recording.of(aTripOut(), HALL_DOOR);
        Recording withoutKit = Recording.of(aTripOut());

        CandidateDay atHome = new EmergencyPlanner(s).plan(withKit, ZONES, List.of(), List.of()).get(0);
        CandidateDay anyMovement = new EmergencyPlanner(s).plan(withoutKit, ZONES, List.of(), List.of()).get(0);

        // 10:01-10:03 (moved, not yet at the door) against 10:01-10:12 (moved in the 10 min before)
        assertThat(atHome.eligibleMinutes()).isEqualTo(3);
        assertThat(anyMovement.eligibleMinutes()).isEqualTo(12);
        assertThat(atHome.emergency().start()).isBetween(local(DAY0, 10, 1), local(DAY0, 10, 3));
    }

    @Test
    void atTheDoor_movementPastTheHallAfterTheDoorIsHome() {
        List<SensorEvent> events = new ArrayList<>(aTripOut());
        events.add(SensorEvent.of("h1", "pir-lounge", local(DAY0, 10, 5), SensorKind.MOTION, 1)); // let a visitor in, back to the lounge
        events.sort(java.util.Comparator.comparing(SensorEvent::ts));
        Recording.HomeTrace home = Recording.of(events, HALL_DOOR).homes().get("h1");
        Duration tenMinutes = Duration.ofMinutes(10);

        assertThat(home.atTheDoor(local(DAY0, 10, 3), tenMinutes)).isFalse();  // before the door
        assertThat(home.atTheDoor(local(DAY0, 10, 4), tenMinutes)).isTrue();   // at it, nothing past the hall yet
        assertThat(home.atTheDoor(local(DAY0, 10, 6), tenMinutes)).isFalse();  // seen in the lounge since
        assertThat(Recording.of(aTripOut(), HALL_DOOR).homes().get("h1").atTheDoor(local(DAY0, 10, 14), tenMinutes))
                .isFalse();                                                     // the door is over 10 min ago
    }

    @Test
    void plan_isTheSameForTheSameSeedAndChangesWithTheSeed() {
        List<SensorEvent> events = busyDays(60);
        InsertionSettings s = InsertionSettings.DEFAULTS.withSeed(7);

        List<CandidateDay> once = plan(s, events);
        List<CandidateDay> again = plan(s, events);
        List<CandidateDay> other = plan(s.withSeed(8), events);

        assertThat(once).isEqualTo(again);
        assertThat(once.stream().map(CandidateDay::emergency).toList())
                .isNotEqualTo(other.stream().map(CandidateDay::emergency).toList());
    }

    @Test
    void plan_putsOneEmergencyOnEveryDueDayInsideTheLocalWindow() {
        List<CandidateDay> days = plan(InsertionSettings.DEFAULTS, busyDays(60));

        // due days 28, 33, ... 58 (the last event is on day 59)
        assertThat(days).extracting(CandidateDay::dayIndex).containsExactly(28, 33, 38, 43, 48, 53, 58);
        for (CandidateDay d : days) {
            Emergency e = d.emergency();
            assertThat(e).as("day %d", d.dayIndex()).isNotNull();
            ZonedDateTime start = e.start().atZone(TORONTO);
            assertThat(start.toLocalDate()).isEqualTo(DAY0.plusDays(d.dayIndex()));
            assertThat(start.toLocalTime()).isBetween(LocalTime.of(10, 0), LocalTime.of(15, 59));
            assertThat(start.getSecond()).isZero();
            assertThat(Duration.between(e.start(), e.end())).isEqualTo(Duration.ofHours(6));
            assertThat(d.eligibleMinutes()).isEqualTo(360); // moving every 4 min all day: every minute qualifies
        }
    }

    @Test
    void plan_keepsLocalHoursAcrossTheClockChange() {
        // day 24 is 12 March 2023, when Toronto moves from UTC-5 to UTC-4
        InsertionSettings s = InsertionSettings.DEFAULTS.withLearnDays(23).withEveryDays(1);
        List<CandidateDay> days = plan(s, busyDays(27));

        for (CandidateDay d : days) {
            LocalTime t = d.emergency().start().atZone(TORONTO).toLocalTime();
            assertThat(t).as("%s", d.date()).isBetween(LocalTime.of(10, 0), LocalTime.of(15, 59));
        }
        assertThat(days).extracting(CandidateDay::date).contains(LocalDate.of(2023, 3, 12));
    }

    @Test
    void plan_countsEachRealMinuteOnceWhenTheWindowSpansTheSpringForwardGap() {
        // 01:30-03:30 on 12 March in Toronto is 60 real minutes: 02:00-03:00 never happens
        InsertionSettings s = InsertionSettings.DEFAULTS.withLearnDays(24).withEveryDays(100)
                .withWindow(LocalTime.of(1, 30), LocalTime.of(3, 30)).withLength(Duration.ofHours(1));
        List<SensorEvent> events = new ArrayList<>(busyDays(26));
        for (Instant t = local(DAY0.plusDays(24), 1, 0); t.isBefore(local(DAY0.plusDays(24), 4, 0)); t = t.plusSeconds(60)) {
            events.add(SensorEvent.of("h1", "pir-bedroom", t.plusSeconds(1), SensorKind.MOTION, 1));
        }
        events.sort(java.util.Comparator.comparing(SensorEvent::ts));

        CandidateDay day = plan(s, events).get(0);

        assertThat(day.date()).isEqualTo(LocalDate.of(2023, 3, 12));
        assertThat(day.eligibleMinutes()).isEqualTo(60);
    }

    @Test
    void plan_startsOnlyWhereTheResidentMovedInTheTenMinutesBefore() {
        // on the due day the resident moves once in the window, at 11:00:30 local
        List<SensorEvent> events = new ArrayList<>(busyDays(30).stream()
                .filter(e -> e.kind() != SensorKind.MOTION || !e.ts().atZone(TORONTO).toLocalDate().equals(DAY0.plusDays(28))
                        || e.ts().atZone(TORONTO).getHour() < 9 || e.ts().atZone(TORONTO).getHour() >= 17)
                .toList());
        events.add(SensorEvent.of("h1", "pir-kitchen", local(DAY0.plusDays(28), 11, 0).plusSeconds(30), SensorKind.MOTION, 1));
        events.add(SensorEvent.of("h1", "pir-kitchen", local(DAY0.plusDays(28), 11, 2), SensorKind.MOTION, 0)); // "no motion" is not movement
        events.sort(java.util.Comparator.comparing(SensorEvent::ts));

        for (long seed = 1; seed <= 20; seed++) {
            CandidateDay day = plan(InsertionSettings.DEFAULTS.withSeed(seed), events).get(0);
            assertThat(day.eligibleMinutes()).isEqualTo(10); // 11:01 .. 11:10
            assertThat(day.emergency().start()).isBetween(local(DAY0.plusDays(28), 11, 1), local(DAY0.plusDays(28), 11, 10));
        }
    }

    @Test
    void plan_skipsADayWithoutMovementInTheWindowAndSaysWhy() {
        List<SensorEvent> events = busyDays(30).stream()
                .filter(e -> e.kind() != SensorKind.MOTION || !e.ts().atZone(TORONTO).toLocalDate().equals(DAY0.plusDays(28)))
                .toList();

        CandidateDay day = plan(InsertionSettings.DEFAULTS, events).get(0);

        assertThat(day.emergency()).isNull();
        assertThat(day.skip()).isEqualTo(CandidateDay.Skip.NO_MOVEMENT);
    }

    @Test
    void plan_neverTouchesAnOutageOfTheRecording() {
        // every event from day 28 20:00 to day 29 10:00 missing (14 h): an outage
        Instant from = local(DAY0.plusDays(28), 20, 0);
        Instant to = local(DAY0.plusDays(29), 10, 0);
        List<SensorEvent> events = busyDays(31).stream().filter(e -> e.ts().isBefore(from) || e.ts().isAfter(to)).toList();
        Recording r = Recording.of(events);
        List<Outage> outages = r.outages(Duration.ofHours(12));
        assertThat(outages).hasSize(1);

        CandidateDay day = new EmergencyPlanner(InsertionSettings.DEFAULTS).plan(r, ZONES, outages, List.of()).get(0);

        // six hours must end before the last event ahead of the gap (motion at 19:56:07): a start at 13:56 at the latest
        assertThat(day.emergency()).isNotNull();
        assertThat(day.emergency().end()).isBefore(outages.get(0).start());
        assertThat(day.eligibleMinutes()).isEqualTo(13 * 60 + 56 - 10 * 60 + 1);
    }

    @Test
    void plan_skipsADayWhoseWindowMeetsAnOutage() {
        Instant from = local(DAY0.plusDays(28), 12, 0);
        Instant to = local(DAY0.plusDays(29), 10, 0);
        List<SensorEvent> events = busyDays(31).stream().filter(e -> e.ts().isBefore(from) || e.ts().isAfter(to)).toList();

        CandidateDay day = plan(InsertionSettings.DEFAULTS, events).get(0);

        assertThat(day.emergency()).isNull();
        assertThat(day.skip()).isEqualTo(CandidateDay.Skip.OUTAGE);
    }

    @Test
    void plan_skipsADayWhoseEmergencyWouldOutlastTheRecording() {
        List<SensorEvent> events = busyDays(29).stream().filter(e -> e.ts().isBefore(local(DAY0.plusDays(28), 15, 0))).toList();

        CandidateDay day = plan(InsertionSettings.DEFAULTS, events).get(0);

        assertThat(day.emergency()).isNull();
        assertThat(day.skip()).isEqualTo(CandidateDay.Skip.RECORDING_ENDS);
    }

    @Test
    void plan_keepsClearOfEmergenciesAlreadyLabelled() {
        List<SensorEvent> events = busyDays(40);
        Recording r = Recording.of(events);
        Emergency labelled = new Emergency("h1", local(DAY0.plusDays(28), 9, 0), local(DAY0.plusDays(28), 15, 0));

        List<CandidateDay> days = new EmergencyPlanner(InsertionSettings.DEFAULTS.withEveryDays(1))
                .plan(r, ZONES, List.of(), List.of(labelled));

        assertThat(days.get(0).skip()).isEqualTo(CandidateDay.Skip.OVERLAPS_LABEL); // day 28 itself
        // day 29: nothing until 12 h after the labelled one ended (03:00), so any window minute is fine
        assertThat(days.get(1).emergency()).isNotNull();
    }

    @Test
    void plan_refusesAHomeWithoutATimeZone() {
        Recording r = Recording.of(List.of(SensorEvent.of("h9", "hub", Instant.parse("2023-01-01T00:00:00Z"), SensorKind.HEARTBEAT, 1)));

        assertThatThrownBy(() -> new EmergencyPlanner(InsertionSettings.DEFAULTS).plan(r, ZONES, List.of(), List.of()))
                .hasMessageContaining("h9").hasMessageContaining("homes.yaml");
    }

    @Test
    void settings_refuseNonsenseWithAClearMessage() {
        assertThatThrownBy(() -> InsertionSettings.DEFAULTS.withEveryDays(0)).hasMessageContaining("N >= 1");
        assertThatThrownBy(() -> InsertionSettings.parseWindow("10-16")).hasMessageContaining("HH:MM-HH:MM");
        assertThatThrownBy(() -> InsertionSettings.DEFAULTS.withWindow(LocalTime.NOON, LocalTime.NOON)).hasMessageContaining("empty");
        assertThatThrownBy(() -> InsertionSettings.DEFAULTS.withLength(Duration.ZERO)).hasMessageContaining("positive");
    }
}
