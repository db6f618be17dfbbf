package org.hearth.models.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hearth.models.rules.RuleFixtures.MORNING;
import static org.hearth.models.rules.RuleFixtures.event;

import java.time.Instant;
import org.hearth.models.alert.Rule;
import org.hearth.models.event.SensorEvent;
import org.hearth.models.event.SensorKind;
import org.junit.jupiter.api.Test;

class HelpPressTest {

    private final HomeRules rules = new HomeRules(RuleFixtures.home(), RuleSettings.DEFAULTS);
    private final HomeRulesState state = new HomeRulesState();

    /** The job's urgent path and the rules must raise the very same outcome, or the lifecycle would keep two alerts. */
    @Test
    void shouldGiveTheSameRaiseOnArrivalAsTheRulesGiveInEventTimeOrder() {
        Instant summer = Instant.parse("2026-07-01T09:14:30Z"); // 10:14 in London: the explanation is in local time
        for (Instant at : new Instant[] {MORNING, summer}) {
            SensorEvent press = event("button", SensorKind.BUTTON, at, 1);

            RuleOutcome onArrival = HelpPress.urgentRaise(press, RuleFixtures.home().zone()).orElseThrow();

            assertThat(rules.onEvent(state, press)).filteredOn(o -> o.rule() == Rule.HELP_BUTTON).containsExactly(onArrival);
            rules.advanceTo(state, at.plusSeconds(86_400)); // the episode clears; the next press raises again
        }
        assertThat(HelpPress.urgentRaise(event("button", SensorKind.BUTTON, summer, 1), RuleFixtures.home().zone())
                .orElseThrow().explanation().observed()).isEqualTo("help button pressed at 10:14");
    }

    @Test
    void shouldNotTakeAPressOnAnOkButtonForAHelpPressOnlyForAnAnswer() {
        org.hearth.models.registry.Home home = new org.hearth.models.registry.RegistryLoader().parse("homes.yaml",
                RuleFixtures.HOMES.replace("  - {id: button, kind: button, room: lounge, role: help-button}",
                        "  - {id: button, kind: button, room: lounge, role: help-button}\n"
                                + "      - {id: remote, kind: button, room: lounge, role: ok-button}")).homes().get(0);
        HomeRules withRemote = new HomeRules(home, RuleSettings.DEFAULTS);
        SensorEvent remote = event("remote", SensorKind.BUTTON, MORNING, 1);
        SensorEvent button = event("button", SensorKind.BUTTON, MORNING.plusSeconds(60), 1);

        assertThat(home.canAnswerPreAlert()).isTrue();
        assertThat(HelpPress.isOkPress(remote, home)).isTrue();
        assertThat(HelpPress.urgentRaise(remote, home)).isEmpty();
        assertThat(withRemote.onEvent(state, remote)).noneMatch(o -> o.rule() == Rule.HELP_BUTTON);
        // the help button beside it is a help press as always
        assertThat(HelpPress.isOkPress(button, home)).isFalse();
        assertThat(HelpPress.urgentRaise(button, home)).isPresent();
        assertThat(withRemote.onEvent(state, button)).filteredOn(o -> o.rule() == Rule.HELP_BUTTON).hasSize(1);
    }

    @Test
    void shouldNotTakeTheButtonsReleaseHeartbeatOrBatteryForAPress() {
        assertThat(HelpPress.urgentRaise(event("button", SensorKind.BUTTON, MORNING, 0), RuleFixtures.home().zone())).isEmpty();
        assertThat(HelpPress.urgentRaise(event("button", SensorKind.HEARTBEAT, MORNING, 1), RuleFixtures.home().zone())).isEmpty();
        assertThat(HelpPress.urgentRaise(event("pir-kitchen", SensorKind.MOTION, MORNING, 1), RuleFixtures.home().zone())).isEmpty();
    }
}
