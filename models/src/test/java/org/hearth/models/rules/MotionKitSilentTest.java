package org.hearth.models.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hearth.models.rules.RuleFixtures.MORNING;
import static org.hearth.models.rules.RuleFixtures.event;
import static org.hearth.models.rules.RuleFixtures.motion;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.hearth.models.alert.Rule;
import org.hearth.models.event.SensorKind;
import org.junit.jupiter.api.Test;

/**
 * The fixed 12 h stillness and a dead motion kit: appliances still switched on but no motion sensor
 * reading for a day is the kit, not the person.
 */
class MotionKitSilentTest {

    private final HomeRules rules = new HomeRules(RuleFixtures.home(), RuleSettings.DEFAULTS);
    private final HomeRulesState state = new HomeRulesState();

    private List<RuleOutcome> stillnessAfter(Instant lastSign) {
        List<RuleOutcome> out = new ArrayList<>(rules.advanceTo(state, lastSign.plus(Duration.ofHours(13))));
        return out.stream().filter(o -> o.rule() == Rule.STILLNESS).toList();
    }

    @Test
    void twelveHoursAfterAKettleUse_whenNoMotionSensorHasReadAnyoneForADay_isNotRaised() {
        rules.onEvent(state, motion("pir-kitchen", MORNING));
        Instant kettle = MORNING.plus(Duration.ofHours(25));
        rules.onEvent(state, event("kitchen-plug", SensorKind.POWER, kettle, 2100));

        assertThat(stillnessAfter(kettle)).isEmpty();
    }

    @Test
    void twelveHoursAfterAKettleUse_withMotionReadTheSameDay_isRaised() {
        rules.onEvent(state, motion("pir-kitchen", MORNING));
        Instant kettle = MORNING.plus(Duration.ofHours(2));
        rules.onEvent(state, event("kitchen-plug", SensorKind.POWER, kettle, 2100));

        assertThat(stillnessAfter(kettle)).extracting(RuleOutcome::change).containsExactly(RuleOutcome.Change.RAISE);
    }
}
