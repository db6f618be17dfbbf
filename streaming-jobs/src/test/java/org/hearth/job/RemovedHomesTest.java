package org.hearth.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hearth.job.DetectionFixtures.HOMES;
import static org.hearth.job.DetectionFixtures.MORNING;
import static org.hearth.job.DetectionFixtures.motion;
import static org.hearth.job.DetectionFixtures.ms;

import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.hearth.alerts.ack.AwayCommand;
import org.hearth.alerts.lifecycle.LifecycleEvent;
import org.hearth.alerts.route.AwayKind;
import org.hearth.ingest.control.ConfigState;
import org.hearth.ingest.control.ControlMessage;
import org.hearth.models.alert.Rule;
import org.hearth.models.explain.Explanation;
import org.hearth.models.rules.RuleOutcome;
import org.junit.jupiter.api.Test;

/** A home removed from the registry leaves no keyed state behind in the detector or the alert lifecycle. */
class RemovedHomesTest {

    /** The fixture's registry without h2. */
    private static final String WITHOUT_H2 = HOMES.substring(0, HOMES.indexOf("  - id: h2"));

    /** Keyed state entries (key x state with a value) of the harness's heap backend. */
    private static int entries(KeyedBroadcastOperatorTestHarness<?, ?, ?, ?> harness) {
        return ((org.apache.flink.runtime.state.heap.HeapKeyedStateBackend<?>) harness.getOperator().getKeyedStateBackend())
                .numKeyValueStateEntries();
    }

    @Test
    void detector_removingAHomeClearsItsStateAndKeepsTheOthers() throws Exception {
        try (var harness = new KeyedBroadcastOperatorTestHarness<String, org.hearth.models.event.SensorEvent, ControlMessage, LifecycleCommand>(
                new CoBroadcastWithKeyedOperator<>(new HomeDetector(DetectionJobConfig.of(HOMES)), HomeDetector.BROADCAST),
                org.hearth.models.event.SensorEvent::homeId, Types.STRING, 1, 1, 0)) {
            harness.open();
            for (int m = 0; m < 10; m++) {
                harness.processElement(motion("h1", "pir-kitchen", MORNING.plusSeconds(60L * m)), ms(MORNING));
                harness.processElement(motion("h2", "pir-kitchen", MORNING.plusSeconds(60L * m)), ms(MORNING));
            }
            harness.watermark(ms(MORNING.plus(Duration.ofMinutes(5)))); // half processed, half still buffered
            int both = entries(harness);
            assertThat(both).as("hot detector state, baseline, kit strings and buffered events of two homes").isEqualTo(8);

            harness.processBroadcastElement(ControlMessage.homes(WITHOUT_H2), ms(MORNING.plus(Duration.ofMinutes(5))));

            assertThat(entries(harness)).as("h1's entries only").isEqualTo(4);
            harness.watermark(ms(MORNING.plus(Duration.ofHours(1))));
            assertThat(entries(harness)).as("h2's timers found nothing to bring back").isEqualTo(3);
        }
    }

    @Test
    void lifecycle_removingAHomeClearsItsOpenAlertsPendingStepsAndAwayMode() throws Exception {
        try (var harness = new KeyedBroadcastOperatorTestHarness<String, LifecycleCommand, ControlMessage, LifecycleEvent>(
                new CoBroadcastWithKeyedOperator<>(new LifecycleDriver(DetectionJobConfig.of(HOMES)),
                        List.of(ConfigState.DESCRIPTOR, LifecycleDriver.AWAY_MODES)),
                LifecycleCommand::lifecycleKey, Types.STRING, 1, 1, 0)) {
            harness.open();
            for (String home : List.of("h1", "h2")) {
                harness.processElement(new RuleDecision(home, RuleOutcome.raise(Rule.STILLNESS, MORNING,
                        Explanation.of("movement every 12 h", "no movement since 20:00"))), ms(MORNING));
                harness.processElement(new RuleDecision(home, RuleOutcome.raise(Rule.NIGHT_DOOR, MORNING.plus(Duration.ofHours(2)),
                        Explanation.of("", "front door at 03:00"))), ms(MORNING));
            }
            harness.watermark(ms(MORNING.plus(Duration.ofMinutes(1)))); // stillness open and escalating; the door raise pending
            harness.processBroadcastElement(ControlMessage.away(AwayCommand.away("h2", AwayKind.HOLIDAY,
                    MORNING.plus(Duration.ofDays(3)), "carer-0", MORNING.plus(Duration.ofMinutes(1))).json()), ms(MORNING));
            assertThat(entries(harness)).as("open alert + pending raise, per home").isEqualTo(4);

            harness.processBroadcastElement(ControlMessage.homes(WITHOUT_H2), ms(MORNING.plus(Duration.ofMinutes(1))));

            assertThat(entries(harness)).as("h1's entries only").isEqualTo(2);
            assertThat(harness.getOperator().getOperatorStateBackend().getBroadcastState(LifecycleDriver.AWAY_MODES).contains("h2"))
                    .as("h2's away mode").isFalse();
            int before = harness.extractOutputValues().size();
            harness.watermark(ms(MORNING.plus(Duration.ofHours(3))));
            assertThat(harness.extractOutputValues().subList(before, harness.extractOutputValues().size()))
                    .as("no escalation or raise for the removed home").allSatisfy(e -> assertThat(e.alert().homeId()).isEqualTo("h1"));
        }
    }
}
