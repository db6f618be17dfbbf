package org.hearth.models.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;
import org.hearth.models.alert.Rule;
import org.hearth.models.event.SensorEvent;
import org.hearth.models.event.SensorKind;
import org.hearth.models.registry.Home;
import org.hearth.models.registry.RegistryLoader;
import org.junit.jupiter.api.Test;

/**
 * Dead and near-dead sensors judged in the home's lived-in time ({@link QuietSensors}), each with the smallest
 * story that shows it: a day is 420 readings of someone moving about (every 2 min from 08:00 to 22:00, in turn the
 * living-room PIR, the kitchen PIR, the living-room PIR and the fridge), the hub's heartbeat every 5 min throughout.
 * Built-in settings: judged after 3,000 of the home's readings (about 7 such days).
 */
class QuietSensorsTest {

    private static final Instant DAY0 = Instant.parse("2026-03-02T00:00:00Z"); // London is on UTC until 29 March

    private static final Home HOME = new RegistryLoader().parse("homes.yaml", """
            homes:
              - id: h1
                timezone: Europe/London
                resident: {id: r1, alias: "J.S."}
                sensors:
                  - {id: hub, kind: heartbeat, room: hall}
                  - {id: pir-living, kind: motion, room: living}
                  - {id: pir-kitchen, kind: motion, room: kitchen}
                  - {id: pir-shower, kind: motion, room: bathroom}
                  - {id: fridge, kind: contact, room: kitchen}
                  - {id: front-door, kind: contact, room: hall, role: front-door}
                carers:
                  - {name: Sam, phone: "+447700900123"}
            """).homes().get(0);

    private final SafetyRules rules = new SafetyRules(HOME, SafetySettings.DEFAULTS);
    private SafetyState state = new SafetyState();
    private final List<RuleOutcome> outcomes = new ArrayList<>();
    private Instant lastHeartbeat = DAY0.minusSeconds(300);
    private boolean fridgeOpen;

    @Test
    void deadAfterAnAbsence_isFlaggedAfterTheReturnNotDuringTheDaysAway() {
        days(0, 10, everything());
        int day = 10;
        // The kitchen PIR dies at noon; at 14:00 the resident goes away for twelve days (the hub beats on).
        lived(day, 8 * 60, 12 * 60, everything());
        lived(day, 12 * 60, 14 * 60, kitchenDead());
        Instant out = at(day, 14 * 60 + 1);
        feed(event("front-door", SensorKind.CONTACT, out, 1));
        Instant back = at(day + 12, 10 * 60);
        heartbeatsUntil(back);
        assertThat(raised()).as("twelve days away are not the kitchen PIR's silence").isEmpty();

        feed(event("front-door", SensorKind.CONTACT, back, 0));
        lived(day + 12, 10 * 60 + 2, 22 * 60, kitchenDead());

        assertThat(raised()).hasSize(1);
        RuleOutcome raise = raised().get(0);
        // Its usual gap is 3 readings, so the 200-reading floor decides: 47 readings before it went away and
        // about 155 after the return, 7 hours of this resident's life at home, not 12 days.
        assertThat(raise.at()).isAfter(back).isBefore(back.plus(Duration.ofHours(8)));
        assertThat(raise.explanation().observed())
                .startsWith("pir-kitchen has sent nothing for 2")
                .contains("of the home's readings since 12 Mar 11:54; usually at most 3");
        assertThat(raise.explanation().facts()).containsEntry("sensor", "pir-kitchen");
    }

    @Test
    void nearDead_isFlaggedStaysFlaggedThroughItsStrayReadingsAndClearsWhenItReportsNormallyAgain() {
        days(0, 30, everything());
        // Days 30-37: the kitchen PIR fires twice a day where it fired 105 times (a failing lens): its gaps stay
        // under the 200-reading floor, so only its share can tell. Its recent count (decayed over 600 of the home's
        // readings) falls below a tenth of its usual in 1,600-1,700 readings, 5 of these 317-reading days.
        for (int day = 30; day < 38; day++) {
            lived(day, 8 * 60, 22 * 60, i -> i % 4 != 1 || i % 200 == 1);
        }
        assertThat(raised()).hasSize(1);
        assertThat(raised().get(0).explanation().observed()).startsWith("pir-kitchen has hardly reported: about ");
        assertThat(raised().get(0).at()).isBetween(at(34, 0), at(36, 0));
        assertThat(cleared()).as("its stray readings since are not a recovery").isEmpty();

        days(38, 39, everything());
        assertThat(raised()).hasSize(1);
        assertThat(cleared()).hasSize(1);
        assertThat(cleared().get(0).explanation().observed()).startsWith("pir-kitchen reporting normally again");
        assertThat(SafetyRules.offline(state)).isEmpty();
    }

    @Test
    void aRoomUsedTwiceAWeek_learnsItsLongGapAndIsFlaggedOnlyWhenItsHabitIsBrokenSeveralTimesOver() {
        // The shower PIR fires 20 times in a row every third day at 09:00.
        for (int day = 0; day < 40; day++) {
            if (day % 3 == 0) {
                lived(day, 8 * 60, 9 * 60, everything());
                for (int k = 0; k < 20; k++) {
                    feed(motion("pir-shower", at(day, 9 * 60).plusSeconds(5 * k + 1)));
                }
                lived(day, 9 * 60 + 2, 22 * 60, everything());
            } else {
                lived(day, 8 * 60, 22 * 60, everything());
            }
        }
        assertThat(raised()).as("a shower used every third day is not dead").isEmpty();
        long gap = state.sensors.get("pir-shower").livedGap;
        assertThat(gap).as("its usual gap: three days of the home's readings").isBetween(1200L, 1300L);

        // Then it dies: flagged once three times that many of the home's readings have gone by (about 9 days).
        days(40, 52, everything());
        assertThat(raised()).hasSize(1);
        assertThat(raised().get(0).explanation().observed()).startsWith("pir-shower has sent nothing for 3,");
    }

    @Test
    void restoredFromAVersionSixStateThatKeptNoLivedInClock_firesNothingAndLearnsAgain() throws Exception {
        days(0, 10, everything());
        HomeRulesState home = new HomeRulesState();
        home.safety = state;
        ByteArrayOutputStream v6 = new ByteArrayOutputStream();
        HomeRulesStateCodec.write(home, new DataOutputStream(v6), 6);
        state = HomeRulesStateCodec.read(new DataInputStream(new ByteArrayInputStream(v6.toByteArray()))).safety;
        assertThat(state.lived).isZero();
        assertThat(state.sensors.get("pir-kitchen").onClock).isFalse();

        // The kitchen PIR dies the moment Hearth comes back with the old state: its old wall-clock judgement
        // stays until it is heard again, and the lived-in clock raises nothing before it has learned again.
        days(10, 11, kitchenDead());
        assertThat(raised()).isEmpty();
        ByteArrayOutputStream now = new ByteArrayOutputStream();
        home.safety = state;
        HomeRulesStateCodec.write(home, new DataOutputStream(now));
        SafetyState again = HomeRulesStateCodec.read(new DataInputStream(new ByteArrayInputStream(now.toByteArray()))).safety;
        assertThat(again.lived).isEqualTo(state.lived).isEqualTo(315);
        assertThat(again.sensors.get("pir-living").livedGap).isEqualTo(state.sensors.get("pir-living").livedGap);
        assertThat(again.sensors.get("pir-living").usual).isEqualTo(state.sensors.get("pir-living").usual).isPositive();
    }

    @Test
    void aHealthyKit_isNeverCalledOfflineOverTwoMonthsWithAbsencesAndQuietDays() {
        for (int day = 0; day < 60; day++) {
            if (day % 10 == 7) {
                heartbeatsUntil(at(day + 1, 0)); // a day out visiting family
            } else if (day % 7 == 3) {
                lived(day, 10 * 60, 16 * 60, everything()); // a quiet day in
            } else {
                lived(day, 8 * 60, 22 * 60, everything());
            }
        }
        assertThat(outcomes).filteredOn(o -> o.rule() == Rule.SENSOR_OFFLINE).isEmpty();
        assertThat(state.lived).isGreaterThan(20_000);
    }

    // ---- the story ---------------------------------------------------------------------------

    private void days(int from, int to, IntPredicate keep) {
        for (int day = from; day < to; day++) {
            lived(day, 8 * 60, 22 * 60, keep);
        }
    }

    /** Readings every 2 min in [fromMinute, toMinute) of {@code day}, the i-th of the day kept when {@code keep}. */
    private void lived(int day, int fromMinute, int toMinute, IntPredicate keep) {
        String[] turn = {"pir-living", "pir-kitchen", "pir-living", "fridge"};
        for (int m = fromMinute; m < toMinute; m += 2) {
            int i = (m - 8 * 60) / 2;
            Instant t = at(day, m);
            heartbeatsUntil(t);
            if (keep.test(i)) {
                String id = turn[Math.floorMod(i, 4)];
                // the fridge opened, then closed at its next turn: each reading a change (a repeat is its own report)
                feed(id.equals("fridge") ? event(id, SensorKind.CONTACT, t, (fridgeOpen = !fridgeOpen) ? 1 : 0) : motion(id, t));
            }
        }
    }

    private static IntPredicate everything() {
        return i -> true;
    }

    private static IntPredicate kitchenDead() {
        return i -> Math.floorMod(i, 4) != 1;
    }

    private void heartbeatsUntil(Instant t) {
        for (Instant h = lastHeartbeat.plusSeconds(300); h.isBefore(t); h = h.plusSeconds(300)) {
            feed(event("hub", SensorKind.HEARTBEAT, h, 1));
            lastHeartbeat = h;
        }
    }

    private void feed(SensorEvent e) {
        outcomes.addAll(rules.advanceTo(state, e.ts().minusNanos(1)));
        outcomes.addAll(rules.onEvent(state, e));
    }

    private List<RuleOutcome> raised() {
        return outcomes.stream().filter(o -> o.rule() == Rule.SENSOR_OFFLINE && o.change() == RuleOutcome.Change.RAISE).toList();
    }

    private List<RuleOutcome> cleared() {
        return outcomes.stream().filter(o -> o.rule() == Rule.SENSOR_OFFLINE && o.change() == RuleOutcome.Change.CLEAR).toList();
    }

    private static Instant at(int day, int minute) {
        return DAY0.plus(Duration.ofDays(day)).plus(Duration.ofMinutes(minute)).plusSeconds(7);
    }

    private static SensorEvent motion(String sensor, Instant t) {
        return event(sensor, SensorKind.MOTION, t, 1);
    }

    private static SensorEvent event(String sensor, SensorKind kind, Instant t, double value) {
        return SensorEvent.of("h1", sensor, t, kind, value);
    }
}
