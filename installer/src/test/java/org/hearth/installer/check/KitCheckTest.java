package org.hearth.installer.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hearth.installer.testing.TestHome.H1;
import static org.hearth.installer.testing.TestHome.START;
import static org.hearth.installer.testing.TestHome.nativeJson;

import java.time.Duration;
import java.util.List;
import org.hearth.ingest.deadletter.DeadLetterReason;
import org.hearth.ingest.source.MqttMessage;
import org.hearth.models.testing.TestClock;
import org.hearth.models.registry.SensorRole;
import org.junit.jupiter.api.Test;

class KitCheckTest {

    private static final double KETTLE_ON = 1000;

    private final TestClock clock = new TestClock(START);
    private final KitCheck check = new KitCheck(H1, clock, KETTLE_ON);

    @Test
    void topicFilters_coverOnlyThisHomesTopicsInEveryFormat() {
        assertThat(check.topicFilters()).containsExactly(
                "hearth/h1/+",
                "zigbee2mqtt/h1/#",
                "bathroom/pir/status/+", "bathroom/pir/events/rpc", "bathroom/pir/online", "shellies/bathroom/pir/#",
                "front_door/status/+", "front_door/events/rpc", "front_door/online", "shellies/front_door/#",
                "shellyplus1pm-kettle1/status/+", "shellyplus1pm-kettle1/events/rpc", "shellyplus1pm-kettle1/online",
                "shellies/shellyplus1pm-kettle1/#");
    }

    @Test
    void verdict_requiredSensorSilentFailsAndIsNamedByItsLabel() {
        everyoneButKitchenMotion();

        CheckVerdict verdict = check.verdict();

        assertThat(verdict.line()).isEqualTo("6 of 7 sensors reporting; kitchen motion silent");
        assertThat(verdict.exitCode()).isEqualTo(1);
    }

    @Test
    void verdict_onlyAnInformationalSensorSilentPasses() {
        everyoneButKitchenMotion();
        live("hearth/h1/pir-kitchen", nativeJson(START, "motion", 1, 77));
        // hall-temp reported in everyoneButKitchenMotion; a fresh check where only it is silent:
        KitCheck fresh = new KitCheck(H1, clock, KETTLE_ON);
        for (String[] m : everyMessageBut("hall-temp")) {
            fresh.accept(MqttMessage.of(m[0], m[1], clock.instant()), false);
        }

        assertThat(check.verdict().line()).isEqualTo("7 of 7 sensors reporting");
        assertThat(check.verdict().passed()).isTrue();
        assertThat(fresh.verdict().line()).isEqualTo("6 of 7 sensors reporting; hall temperature silent (not required)");
        assertThat(fresh.verdict().exitCode()).isZero();
    }

    @Test
    void accept_devicesTalkingUnregisteredOnTheHomesTopicsAreListed() {
        live("hearth/h1/pir-loft", nativeJson(START, "motion", 1, null));
        live("zigbee2mqtt/h1/0x00158d00045a1b2c", "{\"occupancy\":true,\"linkquality\":60}");
        live("zigbee2mqtt/h1/0x00158d00045a1b2c/availability", "online");
        live("zigbee2mqtt/h1/bridge/state", "{\"state\":\"online\"}");

        assertThat(check.unregistered()).extracting(UnregisteredDevice::name, UnregisteredDevice::messages)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("pir-loft", 1),
                        org.assertj.core.groups.Tuple.tuple("0x00158d00045a1b2c", 2));
        assertThat(check.verdict().line()).isEqualTo(
                "0 of 7 sensors reporting; bed sensor, kettle plug, kitchen motion, bathroom motion, front door contact"
                        + " and help button silent; hall temperature silent (not required);"
                        + " 2 unregistered devices talking (0x00158d00045a1b2c, pir-loft)");
    }

    @Test
    void accept_badPayloadOfARegisteredSensorIsRejectedNotSeen() {
        List<String> notes = live("hearth/h1/pir-kitchen", nativeJson(START, "contact", 1, null));

        assertThat(notes).containsExactly("rejected kind-mismatch: sensor 'pir-kitchen' is registered as motion but the message says contact");
        assertThat(check.rejected()).containsEntry(DeadLetterReason.KIND_MISMATCH, 1);
        assertThat(sighting("pir-kitchen").seen()).isFalse();
    }

    @Test
    void accept_retainedCopyIsShownButNotCountedAsSeen() {
        check.accept(MqttMessage.of("zigbee2mqtt/h1/front_door", "{\"contact\":true,\"battery\":12}", START), true);

        SensorSighting door = sighting("front-door");
        assertThat(door.seen()).isFalse();
        assertThat(door.retainedOnly()).isTrue();
        assertThat(door.battery()).isEqualTo(12);
        assertThat(CheckTable.render(check, START)).anySatisfy(line ->
                assertThat(line).startsWith("front-door").contains("SILENT (retained only)").contains("closed").contains("12%"));
    }

    @Test
    void accept_aHeartbeatAfterAReadingKeepsTheReadingAsTheLastValue() {
        live("hearth/h1/bed", nativeJson(START, "bed", 1, 80));
        clock.advance(Duration.ofSeconds(4));
        List<String> notes = live("hearth/h1/bed", nativeJson(clock.instant(), "heartbeat", 1, 80));

        assertThat(sighting("bed").readings()).isEqualTo(2);
        assertThat(notes).isEmpty(); // nothing changed for the installer
        assertThat(CheckTable.render(check, clock.instant())).anySatisfy(line ->
                assertThat(line).startsWith("bed").contains("seen").contains("occupied").doesNotContain("alive").endsWith("0s ago"));
    }

    @Test
    void accept_hubFormatsGiveValueBatteryAndLinkQuality() {
        live("zigbee2mqtt/h1/bathroom/pir", "{\"occupancy\":true,\"battery\":91,\"linkquality\":120}");
        clock.advance(Duration.ofSeconds(5));
        live("shellyplus1pm-kettle1/status/switch:0", "{\"id\":0,\"apower\":2150.4,\"output\":true}");
        clock.advance(Duration.ofSeconds(3));

        assertThat(CheckTable.render(check, clock.instant())).contains(
                "SENSOR        WHAT                ROLE         STATUS  LAST VALUE  BATTERY  LINK  LAST HEARD",
                "kitchen-plug  kettle plug         kettle       seen    2150.4 W    -        -     3s ago",
                "pir-bathroom  bathroom motion     bathroom     seen    motion      91%      120   8s ago",
                "pir-kitchen   kitchen motion      -            SILENT  -           -        -     -");
    }

    @Test
    void roleTest_onlyAReactionAfterThePromptConfirms() {
        RoleTest kettle = test(SensorRole.KETTLE);
        live("shellyplus1pm-kettle1/status/switch:0", "{\"id\":0,\"apower\":2150,\"output\":true}");

        check.startTest(kettle, Duration.ofMinutes(2));
        clock.advance(Duration.ofSeconds(3));
        live("shellyplus1pm-kettle1/status/switch:0", "{\"id\":0,\"apower\":40,\"output\":true}");
        assertThat(check.activeTest()).contains(kettle);
        clock.advance(Duration.ofSeconds(9));
        List<String> notes = live("shellyplus1pm-kettle1/status/switch:0", "{\"id\":0,\"apower\":2210,\"output\":true}");

        assertThat(check.activeTest()).isEmpty();
        assertThat(check.outcomes()).singleElement().satisfies(o -> {
            assertThat(o.confirmed()).isTrue();
            assertThat(o.line()).isEqualTo("role kettle confirmed: kitchen-plug above 1000 W after 12s");
        });
        assertThat(notes).containsExactly("kettle plug (kitchen-plug): 2210 W -> role kettle confirmed: kitchen-plug above 1000 W after 12s");
    }

    @Test
    void roleTest_timesOutWithAClearMessageAndFailsTheVerdict() {
        check.startTest(test(SensorRole.FRONT_DOOR), Duration.ofMinutes(2));
        clock.advance(Duration.ofSeconds(119));
        live("zigbee2mqtt/h1/front_door", "{\"contact\":true}");
        assertThat(check.expireTest()).isEmpty();
        clock.advance(Duration.ofSeconds(1));

        RoleOutcome outcome = check.expireTest().orElseThrow();

        assertThat(outcome.line()).isEqualTo("role front-door NOT confirmed: no reaction from front door contact (front-door)"
                + " within 2m; check it is the device on the front door and in range of its hub");
        assertThat(check.verdict().rolesNotConfirmed()).containsExactly("front-door");
        assertThat(check.verdict().exitCode()).isEqualTo(1);
    }

    @Test
    void roleTest_skippedIsNotConfirmed() {
        check.startTest(test(SensorRole.HELP_BUTTON), Duration.ofMinutes(2));

        assertThat(check.skipTest()).map(RoleOutcome::line).contains("role help-button NOT confirmed: skipped by the installer");
        assertThat(check.verdict().line()).endsWith("; roles confirmed 0 of 1 (help-button not confirmed)");
    }

    @Test
    void forHome_promptsEveryRoleInWalkingOrder() {
        assertThat(RoleTest.forHome(H1, KETTLE_ON)).extracting(RoleTest::action).containsExactly(
                "Boil the kettle", "Walk into the bathroom", "Lie on the bed", "Open the front door", "Press the help button");
    }

    private RoleTest test(SensorRole role) {
        return RoleTest.forHome(H1, KETTLE_ON).stream().filter(t -> t.role() == role).findFirst().orElseThrow();
    }

    private SensorSighting sighting(String id) {
        return check.sightings().stream().filter(s -> s.sensor().id().equals(id)).findFirst().orElseThrow();
    }

    private List<String> live(String topic, String payload) {
        return check.accept(MqttMessage.of(topic, payload, clock.instant()), false);
    }

    private void everyoneButKitchenMotion() {
        for (String[] m : everyMessageBut("pir-kitchen")) {
            live(m[0], m[1]);
        }
    }

    private List<String[]> everyMessageBut(String silent) {
        List<String[]> all = List.of(
                new String[] {"bed", "hearth/h1/bed", nativeJson(START, "bed", 0, 80)},
                new String[] {"kitchen-plug", "shellyplus1pm-kettle1/status/switch:0", "{\"id\":0,\"apower\":0,\"output\":false}"},
                new String[] {"pir-kitchen", "hearth/h1/pir-kitchen", nativeJson(START, "motion", 0, 77)},
                new String[] {"pir-bathroom", "zigbee2mqtt/h1/bathroom/pir", "{\"occupancy\":false,\"battery\":91,\"linkquality\":120}"},
                new String[] {"front-door", "zigbee2mqtt/h1/front_door", "{\"contact\":true,\"battery\":64,\"linkquality\":88}"},
                new String[] {"help", "hearth/h1/help", nativeJson(START, "button", 0, 95)},
                new String[] {"hall-temp", "hearth/h1/hall-temp", nativeJson(START, "temperature", 19.5, null)});
        return all.stream().filter(m -> !m[0].equals(silent)).map(m -> new String[] {m[1], m[2]}).toList();
    }
}
