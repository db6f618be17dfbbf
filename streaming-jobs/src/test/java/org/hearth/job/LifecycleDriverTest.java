package org.hearth.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hearth.job.DetectionFixtures.HOMES;
import static org.hearth.job.DetectionFixtures.MORNING;
import static org.hearth.job.DetectionFixtures.ms;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.hearth.alerts.lifecycle.LifecycleEvent;
import org.hearth.alerts.lifecycle.LifecycleEventType;
import org.hearth.models.alert.Rule;
import org.hearth.models.explain.Explanation;
import org.hearth.models.rules.RuleOutcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class LifecycleDriverTest {

    private KeyedBroadcastOperatorTestHarness<String, RuleDecision, ControlMessage, LifecycleEvent> harness;

    @BeforeEach
    void open() throws Exception {
        harness = new KeyedBroadcastOperatorTestHarness<>(
                new CoBroadcastWithKeyedOperator<>(new LifecycleDriver(DetectionJobConfig.of(HOMES)), List.of(ConfigState.DESCRIPTOR)),
                RuleDecision::lifecycleKey, Types.STRING, 1, 1, 0);
        harness.open();
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    @Test
    void shouldRaiseNotifyEscalateAndResolveInEventTimeOrder() throws Exception {
        Instant cleared = MORNING.plus(Duration.ofMinutes(25));
        harness.processElement(decision(RuleOutcome.raise(Rule.STILLNESS, MORNING, Explanation.of("movement every 12 h", "no movement since 20:00"))), ms(MORNING));
        harness.processElement(decision(RuleOutcome.clear(Rule.STILLNESS, cleared, Explanation.of("", "movement again at 08:25"))), ms(cleared));
        harness.watermark(ms(MORNING.plus(Duration.ofHours(1))));

        // Urgent: first carer at once, the duty line 10 min later (nobody replied), then the resolution.
        List<LifecycleEvent> events = harness.extractOutputValues();
        assertThat(events).extracting(LifecycleEvent::type).containsExactly(LifecycleEventType.RAISED,
                LifecycleEventType.NOTIFIED, LifecycleEventType.ESCALATED, LifecycleEventType.RESOLVED);
        assertThat(events).extracting(LifecycleEvent::at)
                .containsExactly(MORNING, MORNING, MORNING.plus(Duration.ofMinutes(10)), cleared);
        assertThat(events.get(0).alert().message()).contains("J.S.");
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void shouldKeepOneOpenAlertPerResidentAndRule() throws Exception {
        harness.processElement(decision(RuleOutcome.raise(Rule.HELP_BUTTON, MORNING, Explanation.of("", "pressed at 08:00"))), ms(MORNING));
        harness.processElement(decision(RuleOutcome.raise(Rule.HELP_BUTTON, MORNING.plusSeconds(30), Explanation.of("", "pressed at 08:00"))), ms(MORNING));
        harness.watermark(ms(MORNING.plusSeconds(60)));

        assertThat(harness.extractOutputValues()).filteredOn(e -> e.type() == LifecycleEventType.RAISED).hasSize(1);
    }

    /**
     * Rule instants carry nanoseconds (a deadline judged one nanosecond before an event); timers have
     * milliseconds. The escalation must still happen once, and the watermark must move on: a timer
     * set a fraction of a millisecond before the wake-up used to re-fire itself for ever.
     */
    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void shouldEscalateOnceWhenTheRaiseInstantHasSubMillisecondPrecision() throws Exception {
        Instant raised = MORNING.minusNanos(1);
        harness.processElement(decision(RuleOutcome.raise(Rule.STILLNESS, raised, Explanation.of("movement every 12 h", "no movement since 20:00"))), ms(MORNING));
        harness.watermark(ms(MORNING.plus(Duration.ofHours(1))));

        assertThat(harness.extractOutputValues()).extracting(LifecycleEvent::type).containsExactly(
                LifecycleEventType.RAISED, LifecycleEventType.NOTIFIED, LifecycleEventType.ESCALATED);
        assertThat(harness.extractOutputValues()).extracting(LifecycleEvent::at)
                .containsExactly(raised, raised, raised.plus(Duration.ofMinutes(10)));
    }

    private static RuleDecision decision(RuleOutcome outcome) {
        return new RuleDecision("h1", outcome);
    }
}
