package org.hearth.models.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hearth.models.rules.RuleFixtures.MORNING;
import static org.hearth.models.rules.RuleFixtures.event;
import static org.hearth.models.rules.RuleFixtures.heartbeat;
import static org.hearth.models.rules.RuleFixtures.motion;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.hearth.models.alert.Rule;
import org.hearth.models.event.SensorEvent;
import org.hearth.models.event.SensorKind;
import org.junit.jupiter.api.Test;

class SafetyRulesTest {

    private final HomeRules rules = new HomeRules(RuleFixtures.home(), RuleSettings.DEFAULTS);
    private final HomeRulesState state = new HomeRulesState();

    @Test
    void shouldRaiseStillnessTwelveHoursAfterLastMovementWithNoFurtherEvent() {
        rules.onEvent(state, motion("pir-kitchen", MORNING));

        assertThat(rules.nextDeadline(state)).contains(MORNING.plus(Duration.ofHours(12)));
        assertThat(rules.advanceTo(state, MORNING.plus(Duration.ofHours(11)))).isEmpty();
        List<RuleOutcome> fired = rules.advanceTo(state, MORNING.plus(Duration.ofHours(13)));

        assertThat(fired).singleElement().satisfies(t -> {
            assertThat(t.rule()).isEqualTo(Rule.STILLNESS);
            assertThat(t.change()).isEqualTo(RuleOutcome.Change.RAISE);
            assertThat(t.at()).isEqualTo(MORNING.plus(Duration.ofHours(12)));
            assertThat(t.explanation().observed()).isEqualTo("no movement since 08:00 (kitchen)");
        });
    }

    @Test
    void shouldResolveStillnessWhenThePersonMovesAgain() {
        rules.onEvent(state, motion("pir-kitchen", MORNING));
        rules.advanceTo(state, MORNING.plus(Duration.ofHours(13)));

        List<RuleOutcome> after = rules.onEvent(state, motion("pir-bathroom", MORNING.plus(Duration.ofHours(14))));

        assertThat(after).singleElement().satisfies(t -> {
            assertThat(t.rule()).isEqualTo(Rule.STILLNESS);
            assertThat(t.change()).isEqualTo(RuleOutcome.Change.CLEAR);
        });
    }

    @Test
    void shouldNotRaiseStillnessWhenThePersonWentOut() {
        rules.onEvent(state, motion("pir-kitchen", MORNING));
        rules.onEvent(state, event("front-door", SensorKind.CONTACT, MORNING.plusSeconds(60), 1));
        rules.onEvent(state, event("front-door", SensorKind.CONTACT, MORNING.plusSeconds(75), 0));

        assertThat(rules.advanceTo(state, MORNING.plus(Duration.ofHours(20)))).isEmpty();
    }

    @Test
    void shouldRaiseHubOfflineAndNoStillnessWhenTheHubFallsSilent() {
        rules.onEvent(state, heartbeat(MORNING.minusSeconds(300)));
        rules.onEvent(state, motion("pir-kitchen", MORNING));

        List<RuleOutcome> fired = rules.advanceTo(state, MORNING.plus(Duration.ofHours(30)));

        assertThat(fired).extracting(RuleOutcome::rule).containsExactly(Rule.HUB_OFFLINE);
        assertThat(fired.get(0).at()).isEqualTo(MORNING.plus(Duration.ofMinutes(30)));
    }

    @Test
    void shouldRaiseHubOfflineAtOnceWhenTheHubReportsItselfOfflineAndNotAgainAfterSilence() {
        // Zigbee2MQTT's bridge/state (or a Tasmota hub's LWT) "offline", decoded as the hub's availability.
        rules.onEvent(state, heartbeat(MORNING.minusSeconds(300)));
        rules.onEvent(state, motion("pir-kitchen", MORNING));

        List<RuleOutcome> atOnce = rules.onEvent(state, event("hub", SensorKind.AVAILABILITY, MORNING.plusSeconds(60), 0));
        List<RuleOutcome> later = rules.advanceTo(state, MORNING.plus(Duration.ofHours(30)));
        List<RuleOutcome> back = rules.onEvent(state, event("hub", SensorKind.AVAILABILITY, MORNING.plus(Duration.ofHours(31)), 1));

        assertThat(atOnce).singleElement().satisfies(t -> {
            assertThat(t.rule()).isEqualTo(Rule.HUB_OFFLINE);
            assertThat(t.change()).isEqualTo(RuleOutcome.Change.RAISE);
            assertThat(t.at()).isEqualTo(MORNING.plusSeconds(60));
        });
        assertThat(later).as("no second raise by silence, no stillness while the hub is down").isEmpty();
        assertThat(back).extracting(RuleOutcome::rule, RuleOutcome::change)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Rule.HUB_OFFLINE, RuleOutcome.Change.CLEAR));
    }

    @Test
    void shouldTakeAnUnregisteredHubsAvailabilityForTheHubNotForAnOfflineSensor() {
        // A home without a registered hub sensor: the bridge's availability comes as sensor "hub".
        List<RuleOutcome> fired = rules.onEvent(state, event("zigbee-bridge", SensorKind.AVAILABILITY, MORNING, 0));

        assertThat(raisedRules(fired)).containsExactly(Rule.HUB_OFFLINE);
        assertThat(SafetyRules.offline(state.safety)).isEmpty();
    }

    @Test
    void shouldRaiseStillnessWhileHeartbeatsContinueAfterAFall() {
        rules.onEvent(state, motion("pir-bathroom", MORNING));
        List<RuleOutcome> fired = new ArrayList<>();
        for (int m = 5; m <= 13 * 60; m += 5) {
            fired.addAll(rules.onEvent(state, heartbeat(MORNING.plus(Duration.ofMinutes(m)))));
        }

        assertThat(fired).extracting(RuleOutcome::rule).containsExactly(Rule.STILLNESS);
    }

    @Test
    void shouldRaiseStillnessWhileTheFrontDoorRepeatsThatItIsClosed() {
        // in through the door, then a fall in the kitchen; the door's contact reports "closed" every
        // 50 min (Zigbee2MQTT republishes `contact` with each check-in): no one used the door
        rules.onEvent(state, event("front-door", SensorKind.CONTACT, MORNING.minusSeconds(1800), 1));
        rules.onEvent(state, event("front-door", SensorKind.CONTACT, MORNING.minusSeconds(1780), 0));
        rules.onEvent(state, motion("pir-kitchen", MORNING));
        List<RuleOutcome> fired = new ArrayList<>();
        for (int m = 50; m <= 13 * 60; m += 50) {
            fired.addAll(rules.advanceTo(state, MORNING.plus(Duration.ofMinutes(m)).minusNanos(1)));
            fired.addAll(rules.onEvent(state, event("front-door", SensorKind.CONTACT, MORNING.plus(Duration.ofMinutes(m)), 0)));
        }

        assertThat(fired).extracting(RuleOutcome::rule).containsExactly(Rule.STILLNESS);
        assertThat(fired.get(0).at()).isEqualTo(MORNING.plus(Duration.ofHours(12)));
    }

    @Test
    void shouldCountStillnessFromTheHubsReturnNotFromTheLastMovement() {
        rules.onEvent(state, heartbeat(MORNING));
        rules.onEvent(state, motion("pir-kitchen", MORNING));
        rules.advanceTo(state, MORNING.plus(Duration.ofHours(11)));
        Instant back = MORNING.plus(Duration.ofHours(11));

        List<RuleOutcome> onReturn = rules.onEvent(state, heartbeat(back));
        List<RuleOutcome> later = rules.advanceTo(state, back.plus(Duration.ofHours(2)));

        assertThat(onReturn).extracting(RuleOutcome::change).containsExactly(RuleOutcome.Change.CLEAR);
        assertThat(later).extracting(RuleOutcome::rule).containsExactly(Rule.HUB_OFFLINE);
    }

    @Test
    void shouldRaiseHelpButtonAtOnceAndOnlyOnceWhilePressedRepeatedly() {
        List<RuleOutcome> first = rules.onEvent(state, event("button", SensorKind.BUTTON, MORNING, 1));
        List<RuleOutcome> second = rules.onEvent(state, event("button", SensorKind.BUTTON, MORNING.plusSeconds(20), 1));

        assertThat(first).singleElement().satisfies(t -> {
            assertThat(t.rule()).isEqualTo(Rule.HELP_BUTTON);
            assertThat(t.at()).isEqualTo(MORNING);
        });
        assertThat(second).isEmpty();
        assertThat(rules.advanceTo(state, MORNING.plus(Duration.ofHours(1))))
                .extracting(RuleOutcome::change).containsExactly(RuleOutcome.Change.CLEAR);
    }

    @Test
    void shouldRaiseBatteryLowOnceAndResolveWhenReplaced() {
        SensorEvent low = new SensorEvent("h1", "pir-kitchen", MORNING, SensorKind.MOTION, 1, 9, null);
        SensorEvent lowAgain = new SensorEvent("h1", "pir-kitchen", MORNING.plusSeconds(60), SensorKind.MOTION, 0, 8, null);
        SensorEvent replaced = new SensorEvent("h1", "pir-kitchen", MORNING.plusSeconds(3600), SensorKind.MOTION, 1, 100, null);

        assertThat(raisedRules(rules.onEvent(state, low))).containsExactly(Rule.BATTERY_LOW);
        assertThat(rules.onEvent(state, lowAgain)).isEmpty();
        assertThat(rules.onEvent(state, replaced)).extracting(RuleOutcome::change)
                .containsExactly(RuleOutcome.Change.CLEAR);
    }

    @Test
    void shouldRaiseSensorOfflineWhenASensorThatChecksInFallsSilentFarBeyondItsUsualGap() {
        Instant t = MORNING;
        for (int i = 0; i < 60; i++) {
            rules.onEvent(state, event("pir-kitchen", SensorKind.HEARTBEAT, t, 1));
            rules.onEvent(state, event("pir-bathroom", SensorKind.HEARTBEAT, t.plusSeconds(60), 1));
            t = t.plus(Duration.ofHours(1));
        }
        // Sensor check-ins alone do not arm hub-offline: only the hub's heartbeat does.
        assertThat(state.safety.heartbeats).isFalse();
        Instant lastKitchen = t.minus(Duration.ofHours(1));
        // pir-kitchen dies; the bathroom sensor keeps proving that the home is fine.
        List<RuleOutcome> fired = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            fired.addAll(rules.onEvent(state, event("pir-bathroom", SensorKind.HEARTBEAT, t.plusSeconds(60), 1)));
            t = t.plus(Duration.ofHours(1));
        }

        assertThat(raisedRules(fired)).containsExactly(Rule.SENSOR_OFFLINE);
        RuleOutcome raised = fired.get(0);
        assertThat(raised.explanation().observed()).startsWith("sensor pir-kitchen silent since");
        assertThat(raised.at()).isEqualTo(lastKitchen.plus(Duration.ofHours(3))); // 3 x its 1 h gap
    }

    @Test
    void shouldCountASensorsReportsOnlyAsFarAsTheyAreReadAndStillJudgeItsSilence() {
        Instant t = MORNING;
        for (int i = 0; i < 200; i++) { // 200 reports, every 20 minutes
            rules.onEvent(state, event("pir-kitchen", SensorKind.HEARTBEAT, t, 1));
            rules.onEvent(state, event("pir-bathroom", SensorKind.HEARTBEAT, t.plusSeconds(60), 1));
            t = t.plus(Duration.ofMinutes(20));
        }
        assertThat(state.safety.sensors.get("pir-kitchen").reports).isEqualTo(SafetyState.REPORTS_KEPT);
        state.safety.sensors.get("pir-bathroom").reports = 5_000; // as a state stored before counted: down at the next
        rules.onEvent(state, event("pir-bathroom", SensorKind.HEARTBEAT, t.plusSeconds(60), 1));
        assertThat(state.safety.sensors.get("pir-bathroom").reports).isEqualTo(SafetyState.REPORTS_KEPT);

        Instant lastKitchen = t.minus(Duration.ofMinutes(20));
        List<RuleOutcome> fired = new ArrayList<>();
        for (int i = 0; i < 6; i++) { // pir-kitchen dies
            t = t.plus(Duration.ofMinutes(20));
            fired.addAll(rules.onEvent(state, event("pir-bathroom", SensorKind.HEARTBEAT, t.plusSeconds(60), 1)));
        }
        assertThat(raisedRules(fired)).containsExactly(Rule.SENSOR_OFFLINE);
        assertThat(fired.get(0).explanation().observed()).startsWith("sensor pir-kitchen silent since");
    }

    @Test
    void shouldRefuseToWaitForMoreReportsThanASensorsCountKeeps() {
        SafetySettings d = SafetySettings.DEFAULTS;
        assertThat(d.sensorMinReports()).isLessThanOrEqualTo((int) SafetyState.REPORTS_KEPT);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new SafetySettings(d.stillness(), d.hubSilence(),
                d.batteryLow(), d.batteryRecovered(), d.sensorSilenceFloor(), d.sensorSilenceFloorRare(), d.sensorGapMargin(),
                128, d.helpButtonClear(), d.doorGrace(), d.quiet()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sensorMinReports (128)");
    }

    @Test
    void shouldJudgeASensorThatNeverChecksInOnTheLongFloor() {
        Instant t = MORNING;
        for (int i = 0; i < 60; i++) {
            rules.onEvent(state, motion("pir-kitchen", t));
            rules.onEvent(state, heartbeat(t));
            t = t.plus(Duration.ofHours(1));
        }
        List<RuleOutcome> fired = new ArrayList<>();
        for (int i = 0; i < 47; i++) {
            fired.addAll(rules.onEvent(state, heartbeat(t)));
            t = t.plus(Duration.ofHours(1));
        }

        assertThat(raisedRules(fired)).doesNotContain(Rule.SENSOR_OFFLINE);
    }

    @Test
    void shouldNotTakeTheHelpButtonsOwnHeartbeatForAPress() {
        assertThat(rules.onEvent(state, event("button", SensorKind.HEARTBEAT, MORNING, 1))).isEmpty();
    }

    @Test
    void shouldRaiseSensorOfflineAtOnceWhenTheDeviceReportsItselfUnavailable() {
        List<RuleOutcome> fired = rules.onEvent(state, event("pir-kitchen", SensorKind.AVAILABILITY, MORNING, 0));
        List<RuleOutcome> back = rules.onEvent(state, event("pir-kitchen", SensorKind.AVAILABILITY, MORNING.plusSeconds(600), 1));

        assertThat(raisedRules(fired)).containsExactly(Rule.SENSOR_OFFLINE);
        assertThat(back).extracting(RuleOutcome::change).containsExactly(RuleOutcome.Change.CLEAR);
    }

    /** A second sensor dying while the first is still silent is news: it raises again, with the count. */
    @Test
    void shouldRaiseSensorOfflineAgainForEachFurtherSensorWhileTheFirstIsStillSilent() {
        List<RuleOutcome> first = rules.onEvent(state, event("pir-kitchen", SensorKind.AVAILABILITY, MORNING, 0));
        List<RuleOutcome> again = rules.onEvent(state, event("pir-kitchen", SensorKind.AVAILABILITY, MORNING.plusSeconds(60), 0));
        List<RuleOutcome> second = rules.onEvent(state, event("pir-bathroom", SensorKind.AVAILABILITY, MORNING.plusSeconds(600), 0));
        List<RuleOutcome> oneBack = rules.onEvent(state, event("pir-kitchen", SensorKind.AVAILABILITY, MORNING.plusSeconds(900), 1));
        List<RuleOutcome> allBack = rules.onEvent(state, event("pir-bathroom", SensorKind.AVAILABILITY, MORNING.plusSeconds(1200), 1));

        assertThat(raisedRules(first)).containsExactly(Rule.SENSOR_OFFLINE);
        assertThat(first.get(0).explanation().facts()).doesNotContainKey("silent");
        assertThat(again).isEmpty();
        assertThat(second).singleElement().satisfies(o -> {
            assertThat(o.change()).isEqualTo(RuleOutcome.Change.RAISE);
            assertThat(o.explanation().observed()).contains("pir-bathroom").endsWith("(2 sensors silent)");
            assertThat(o.explanation().facts()).containsEntry("sensor", "pir-bathroom").containsEntry("silent", "2");
        });
        assertThat(oneBack).isEmpty();
        assertThat(allBack).extracting(RuleOutcome::change).containsExactly(RuleOutcome.Change.CLEAR);
    }

    @Test
    void shouldNotCountAHubOutageAsSilenceOfEverySensor() {
        // The hub checks in every 10 min, two sensors every hour, for 60 hours.
        Instant t = MORNING;
        List<RuleOutcome> fired = new ArrayList<>();
        fired.addAll(checkIns(t, 60, true, true));
        t = t.plus(Duration.ofHours(60));
        // The broadband is down for 5 hours: nothing at all reaches Hearth.
        fired.addAll(rules.advanceTo(state, t.plus(Duration.ofHours(5))));
        t = t.plus(Duration.ofHours(5));
        // Everything reports again; then the kitchen sensor really dies.
        fired.addAll(checkIns(t, 2, true, true));
        t = t.plus(Duration.ofHours(2));
        Instant lastKitchen = t.minus(Duration.ofHours(1));
        fired.addAll(checkIns(t, 10, false, true));

        assertThat(raisedRules(fired)).containsExactly(Rule.HUB_OFFLINE, Rule.SENSOR_OFFLINE);
        RuleOutcome offline = fired.stream().filter(o -> o.rule() == Rule.SENSOR_OFFLINE).findFirst().orElseThrow();
        assertThat(offline.explanation().observed()).startsWith("sensor pir-kitchen silent since");
        // Judged on its usual 1 h gap, not on the 5 h the outage made it look like.
        assertThat(offline.at()).isEqualTo(lastKitchen.plusSeconds(30).plus(Duration.ofHours(3)));
    }

    /** {@code hours} of the hub's 10-minute heartbeat and the sensors' hourly check-ins from {@code from}. */
    private List<RuleOutcome> checkIns(Instant from, int hours, boolean kitchen, boolean bathroom) {
        List<RuleOutcome> fired = new ArrayList<>();
        for (int m = 0; m < hours * 60; m += 10) {
            Instant t = from.plus(Duration.ofMinutes(m));
            fired.addAll(rules.advanceTo(state, t.minusNanos(1)));
            fired.addAll(rules.onEvent(state, heartbeat(t)));
            if (m % 60 == 0 && kitchen) {
                fired.addAll(rules.onEvent(state, event("pir-kitchen", SensorKind.HEARTBEAT, t.plusSeconds(30), 1)));
            }
            if (m % 60 == 0 && bathroom) {
                fired.addAll(rules.onEvent(state, event("pir-bathroom", SensorKind.HEARTBEAT, t.plusSeconds(40), 1)));
            }
        }
        return fired;
    }

    private static List<Rule> raisedRules(List<RuleOutcome> transitions) {
        return transitions.stream().filter(t -> t.change() == RuleOutcome.Change.RAISE).map(RuleOutcome::rule).toList();
    }
}
