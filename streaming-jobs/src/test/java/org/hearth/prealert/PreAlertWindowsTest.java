package org.hearth.prealert;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.hearth.alerts.config.AlertsConfig;
import org.hearth.alerts.lifecycle.AlertLifecycle;
import org.hearth.alerts.lifecycle.LifecycleEventType;
import org.hearth.alerts.lifecycle.LifecycleInput;
import org.hearth.alerts.render.MessageRenderer;
import org.hearth.alerts.route.AwayKind;
import org.hearth.alerts.route.AwayMode;
import org.hearth.alerts.route.EscalationPolicy;
import org.hearth.models.alert.Rule;
import org.hearth.models.explain.Explanation;
import org.hearth.models.registry.Home;
import org.hearth.models.registry.RegistryLoader;
import org.hearth.models.rules.RuleOutcome;
import org.junit.jupiter.api.Test;

class PreAlertWindowsTest {

    private static final String HOMES = """
            homes:
              - id: h1
                resident: {id: r1, alias: "J.S."}
                hubs: [{format: zigbee2mqtt, base: zigbee2mqtt/h1}]
                sensors:
                  - {id: button, kind: button, room: hall, role: help-button, device: hall_button}
                  - {id: plug, kind: power, room: kitchen, role: kettle}
                carers:
                  - {name: Sam, phone: "+447700900123"}
            """;

    private final Home home = new RegistryLoader().parse("homes.yaml", HOMES).homes().get(0);
    private final EscalationPolicy policy = AlertsConfig.parse("preAlert: 3m").escalationPolicy();
    private final Instant raised = Instant.parse("2026-11-23T10:30:00Z");
    private final RuleOutcome noKettle = RuleOutcome.raise(Rule.NO_KETTLE, raised, Explanation.of("usually by 09:40", "no boil"));

    private static RuleOutcome press(Instant at) {
        return RuleOutcome.raise(Rule.HELP_BUTTON, at, Explanation.of(null, "pressed"));
    }

    /** A home whose only pressable device is a Zigbee remote with role ok-button (no help button). */
    private final Home remoteOnly = new RegistryLoader().parse("homes.yaml", """
            homes:
              - id: h2
                resident: {id: r2, alias: "A.B."}
                hubs: [{format: zigbee2mqtt, base: zigbee2mqtt/h2}]
                sensors:
                  - {id: remote, kind: button, room: lounge, role: ok-button, device: lounge_remote}
                  - {id: plug, kind: power, room: kitchen, role: kettle}
                carers:
                  - {name: Jo, phone: "+447700900456"}
            """).homes().get(0);

    @Test
    void answer_anOkButtonAsksWithoutAHelpButtonAndAnswersOnceInsideTheWindowOnly() {
        PreAlertWindows w = new PreAlertWindows();
        assertThat(w.answer(raised.minusSeconds(60))).as("no window yet: nothing, and no help alert").isEmpty();
        assertThat(w.apply(noKettle, remoteOnly, policy, null)).containsExactly(new PreAlertWindows.Out.Pass(noKettle));
        assertThat(w.waiting(raised.plusSeconds(60))).as("a home with only an ok-button is asked").isTrue();
        Instant pressed = raised.plusSeconds(90);
        assertThat(w.answer(pressed)).containsExactly(new PreAlertWindows.Out.ResidentOk(Rule.NO_KETTLE, pressed));
        assertThat(w.answer(pressed)).as("the other copy of the same press").isEmpty();
        assertThat(w.answer(raised.plusSeconds(120))).as("answered: no window left").isEmpty();

        // A home with neither button is not asked: the lifecycle texts at once, and so does the gate's side.
        Home neither = new RegistryLoader().parse("homes.yaml", HOMES.replace(
                "role: help-button, device: hall_button", "device: hall_button")).homes().get(0);
        PreAlertWindows none = new PreAlertWindows();
        none.apply(noKettle, neither, policy, null);
        assertThat(none.waiting(raised.plusSeconds(60))).isFalse();
    }

    @Test
    void apply_pressInsideTheWindowAnswersItOnceAndIsNotAHelpAlert() {
        PreAlertWindows w = new PreAlertWindows();
        assertThat(w.apply(noKettle, home, policy, null)).containsExactly(new PreAlertWindows.Out.Pass(noKettle));
        assertThat(w.waiting(raised.plusSeconds(60))).isTrue();
        Instant pressed = raised.plusSeconds(90);
        assertThat(w.apply(press(pressed), home, policy, null))
                .containsExactly(new PreAlertWindows.Out.ResidentOk(Rule.NO_KETTLE, pressed));
        assertThat(w.apply(press(pressed), home, policy, null)).as("the event-time copy of the same press").isEmpty();
        // A later press is a help press again.
        Instant later = raised.plusSeconds(600);
        assertThat(w.apply(press(later), home, policy, null)).containsExactly(new PreAlertWindows.Out.Pass(press(later)));
    }

    @Test
    void state_survivesACheckpointAsJson() throws Exception {
        PreAlertWindows w = new PreAlertWindows();
        w.apply(noKettle, home, policy, null);
        var serializer = new org.hearth.job.JsonSerializer<>(PreAlertWindows.class);
        var out = new org.apache.flink.core.memory.DataOutputSerializer(256);
        serializer.serialize(w, out);
        PreAlertWindows restored = serializer.deserialize(new org.apache.flink.core.memory.DataInputDeserializer(out.getCopyOfBuffer()));
        assertThat(restored.waiting(raised.plusSeconds(60))).isTrue();
        assertThat(restored.apply(press(raised.plusSeconds(60)), home, policy, null))
                .containsExactly(new PreAlertWindows.Out.ResidentOk(Rule.NO_KETTLE, raised.plusSeconds(60)));
    }

    @Test
    void apply_pressAfterTheWindowOrWhileAwayOrWithoutWindowIsAHelpPress() {
        PreAlertWindows late = new PreAlertWindows();
        late.apply(noKettle, home, policy, null);
        assertThat(late.apply(press(raised.plus(Duration.ofMinutes(3))), home, policy, null))
                .singleElement().isInstanceOf(PreAlertWindows.Out.Pass.class);

        PreAlertWindows away = new PreAlertWindows();
        AwayMode holiday = new AwayMode("h1", AwayKind.HOLIDAY, raised.minusSeconds(3600), raised.plus(Duration.ofDays(3)), "carer-0");
        away.apply(noKettle, home, policy, holiday); // suppressed by the lifecycle: nobody was asked
        assertThat(away.apply(press(raised.plusSeconds(30)), home, policy, holiday))
                .singleElement().isInstanceOf(PreAlertWindows.Out.Pass.class);

        PreAlertWindows off = new PreAlertWindows();
        off.apply(noKettle, home, EscalationPolicy.defaults(), null);
        assertThat(off.apply(press(raised.plusSeconds(30)), home, EscalationPolicy.defaults(), null))
                .singleElement().isInstanceOf(PreAlertWindows.Out.Pass.class);
    }

    @Test
    void apply_opensAWindowExactlyWhereTheLifecycleAsks() {
        AlertLifecycle lifecycle = new AlertLifecycle(policy, new MessageRenderer());
        for (Rule rule : List.of(Rule.NO_KETTLE, Rule.NOT_UP, Rule.SENSOR_OFFLINE, Rule.BATHROOM_TREND)) {
            PreAlertWindows w = new PreAlertWindows();
            RuleOutcome raise = RuleOutcome.raise(rule, raised, Explanation.of("x", "y"));
            w.apply(raise, home, policy, null);
            boolean lifecycleAsks = lifecycle.apply(null, new LifecycleInput.Raise(rule, raised, raise.explanation()), home, null)
                    .events().stream().anyMatch(e -> e.type() == LifecycleEventType.PRE_ALERT);
            assertThat(w.waiting(raised.plusSeconds(1))).as(rule.wireName()).isEqualTo(lifecycleAsks);
        }
    }

    @Test
    void commands_askTheHomeAndBlinkTheButtonOnItsHub() {
        AlertLifecycle lifecycle = new AlertLifecycle(policy, new MessageRenderer());
        var preAlert = lifecycle.apply(null, new LifecycleInput.Raise(Rule.NO_KETTLE, raised, noKettle.explanation()), home, null)
                .events().stream().filter(e -> e.type() == LifecycleEventType.PRE_ALERT).findFirst().orElseThrow();
        var messages = PreAlertCommands.of(preAlert, home, Duration.ofMinutes(3));
        assertThat(messages).extracting(PreAlertCommands.Message::topic)
                .containsExactly("hearth/cmd/h1/prealert", "zigbee2mqtt/h1/hall_button/set");
        assertThat(new String(messages.get(0).payload())).contains("\"rule\":\"no-kettle\"")
                .contains("\"until\":\"2026-11-23T10:33:00Z\"").doesNotContain("J.S.").doesNotContain("7700");
        assertThat(new String(messages.get(1).payload())).isEqualTo("{\"effect\":\"blink\"}");
    }

    @Test
    void commands_alsoBlinkTheLampsAndChimesTheHubLists() {
        Home lamps = new RegistryLoader().parse("homes.yaml", HOMES.replace("hubs: [{format: zigbee2mqtt, base: zigbee2mqtt/h1}]",
                "hubs: [{format: zigbee2mqtt, base: zigbee2mqtt/h1, ask: [lounge_lamp, hall_button]}, {format: tasmota, ask: [hall_chime]}]"))
                .homes().get(0);
        AlertLifecycle lifecycle = new AlertLifecycle(policy, new MessageRenderer());
        var preAlert = lifecycle.apply(null, new LifecycleInput.Raise(Rule.NO_KETTLE, raised, noKettle.explanation()), lamps, null)
                .events().stream().filter(e -> e.type() == LifecycleEventType.PRE_ALERT).findFirst().orElseThrow();
        var messages = PreAlertCommands.of(preAlert, lamps, Duration.ofMinutes(3));
        // Each device once per hub, in that hub's command form (the help button's device is blinked on every
        // commandable hub of the home, as before: the registry does not say which hub a sensor is on).
        assertThat(messages).extracting(m -> m.topic() + " " + new String(m.payload())).containsExactly(
                "hearth/cmd/h1/prealert " + new String(messages.get(0).payload()),
                "zigbee2mqtt/h1/hall_button/set {\"effect\":\"blink\"}",
                "zigbee2mqtt/h1/lounge_lamp/set {\"effect\":\"blink\"}",
                "cmnd/hall_button/POWER BLINK",
                "cmnd/hall_chime/POWER BLINK");
    }
}
