package org.hearth.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hearth.job.DetectionFixtures.MORNING;
import static org.hearth.job.DetectionFixtures.ms;

import java.time.ZoneId;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.heap.HeapKeyedStateBackend;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.hearth.ingest.control.ConfigState;
import org.hearth.ingest.control.ControlMessage;
import org.hearth.models.alert.Rule;
import org.hearth.models.explain.Explanation;
import org.hearth.models.rules.HelpPress;
import org.hearth.models.rules.RuleOutcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The "I'm OK" gate turns a help press that answered open pre-alerts into one ResidentOk command per
 * answered rule, passes every other decision unchanged, and keeps nothing per home: the windows are
 * the detector's ({@code PreAlertWindows}), so the gate's keyed state and timers stay at zero.
 */
class PreAlertGateTest {

    private KeyedBroadcastOperatorTestHarness<String, RuleDecision, ControlMessage, LifecycleCommand> harness;

    @BeforeEach
    void open() throws Exception {
        harness = new KeyedBroadcastOperatorTestHarness<>(
                new CoBroadcastWithKeyedOperator<>(new PreAlertGate(),
                        List.of(ConfigState.DESCRIPTOR, LifecycleDriver.AWAY_MODES)),
                RuleDecision::homeId, Types.STRING, 1, 1, 0);
        harness.open();
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    @Test
    void shouldTurnAnAnsweringPressIntoResidentOkPerRuleAndKeepNothing() throws Exception {
        RuleOutcome press = HelpPress.raise(MORNING, ZoneId.of("Europe/London"));
        harness.processElement(new RuleDecision("h1", press, false, List.of(Rule.NO_KETTLE, Rule.NOT_UP)), ms(MORNING));

        assertThat(harness.extractOutputValues()).containsExactly(
                new ResidentOkCommand("h1", Rule.NO_KETTLE, MORNING), new ResidentOkCommand("h1", Rule.NOT_UP, MORNING));
        assertThat(keyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
        assertThat(harness.numProcessingTimeTimers()).isZero();
    }

    @Test
    void shouldPassEveryOtherDecisionUnchangedAndKeepNothing() throws Exception {
        RuleDecision press = RuleDecision.urgent("h1", HelpPress.raise(MORNING, ZoneId.of("Europe/London")));
        RuleDecision stillness = new RuleDecision("h2", RuleOutcome.raise(Rule.STILLNESS, MORNING,
                Explanation.of("movement every 12 h", "no movement since 20:00")));
        harness.processElement(press, ms(MORNING));
        harness.processElement(stillness, ms(MORNING));
        harness.watermark(ms(MORNING.plusSeconds(60)));

        assertThat(harness.extractOutputValues()).containsExactly(press, stillness);
        assertThat(keyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    private int keyedStateEntries() {
        AbstractStreamOperator<?> operator = (AbstractStreamOperator<?>) harness.getOperator();
        return ((HeapKeyedStateBackend<?>) operator.getKeyedStateBackend()).numKeyValueStateEntries();
    }
}
