package org.hearth.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hearth.job.DetectionFixtures.HOMES;
import static org.hearth.job.DetectionFixtures.MORNING;
import static org.hearth.job.DetectionFixtures.motion;
import static org.hearth.job.DetectionFixtures.ms;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.hearth.alerts.lifecycle.LifecycleEvent;
import org.hearth.alerts.lifecycle.LifecycleEventType;
import org.hearth.ingest.control.ConfigState;
import org.hearth.ingest.control.ControlMessage;
import org.hearth.models.alert.Rule;
import org.hearth.models.event.SensorEvent;
import org.hearth.models.event.SensorKind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The help button's urgent path through both keyed stages, as the job wires them: the detector's
 * decisions are handed to the lifecycle in the order the detector emits them, and each watermark
 * reaches the lifecycle after the decisions emitted before it. A press is texted before any
 * watermark moves, and the same input gives the same lifecycle events as event-time order alone
 * (the urgent path off, as in replay), so live alerts and replay's stay the same.
 */
class UrgentPathTest {

    private static final SensorEvent PRESS = SensorEvent.of("h1", "button", MORNING, SensorKind.BUTTON, 1);

    private Pipeline withUrgent;
    private Pipeline eventTimeOnly;

    @BeforeEach
    void open() throws Exception {
        withUrgent = new Pipeline(true);
        eventTimeOnly = new Pipeline(false);
    }

    @AfterEach
    void close() throws Exception {
        withUrgent.close();
        eventTimeOnly.close();
    }

    @Test
    void shouldTextAPressBeforeAnyWatermarkMovesAndNeverTwice() throws Exception {
        both(p -> p.watermark(ms(MORNING.minusSeconds(30))));
        both(p -> p.send(motion("h1", "pir-kitchen", MORNING.minusSeconds(10))));
        both(p -> p.send(PRESS));

        // The watermark still stands 30 s before the press: texted all the same.
        assertThat(withUrgent.events()).extracting(LifecycleEvent::type)
                .containsExactly(LifecycleEventType.RAISED, LifecycleEventType.NOTIFIED);
        assertThat(withUrgent.events().get(1).alert().rule()).isEqualTo(Rule.HELP_BUTTON);
        assertThat(withUrgent.events().get(1).at()).isEqualTo(MORNING);
        assertThat(eventTimeOnly.events()).isEmpty();
        assertThat(eventTimeOnly.decisions()).isEmpty();

        // The watermark passes the press, then the escalation and the end of the episode (30 min without a press).
        both(p -> p.watermark(ms(MORNING.plusSeconds(1))));
        assertThat(withUrgent.events()).hasSize(2);
        both(p -> p.watermark(ms(MORNING.plus(Duration.ofHours(1)))));

        assertThat(withUrgent.events()).extracting(LifecycleEvent::type).containsExactly(LifecycleEventType.RAISED,
                LifecycleEventType.NOTIFIED, LifecycleEventType.ESCALATED, LifecycleEventType.RESOLVED);
        assertThat(withUrgent.events()).isEqualTo(eventTimeOnly.events());
        assertThat(withUrgent.decisions()).filteredOn(RuleDecision::urgent).hasSize(1);
    }

    @Test
    void shouldTextOnceWhenThePressIsRedeliveredAndPressedAgain() throws Exception {
        both(p -> p.watermark(ms(MORNING.minusSeconds(30))));
        both(p -> p.send(PRESS));
        both(p -> p.send(PRESS)); // redelivered: at least once from the broker
        both(p -> p.send(SensorEvent.of("h1", "button", MORNING.plusSeconds(15), SensorKind.BUTTON, 1))); // pressed again
        assertThat(withUrgent.events()).extracting(LifecycleEvent::type)
                .containsExactly(LifecycleEventType.RAISED, LifecycleEventType.NOTIFIED);

        both(p -> p.watermark(ms(MORNING.plus(Duration.ofMinutes(5)))));

        assertThat(withUrgent.events()).filteredOn(e -> e.type() == LifecycleEventType.NOTIFIED).hasSize(1);
        assertThat(withUrgent.events()).isEqualTo(eventTimeOnly.events());
        assertThat(withUrgent.decisions()).filteredOn(RuleDecision::urgent).hasSize(3); // each was raised; one was kept
    }

    @Test
    void shouldRaiseAgainAtOnceForAPressAfterTheEpisodeEnded() throws Exception {
        Instant next = MORNING.plus(Duration.ofMinutes(45));
        both(p -> p.send(PRESS));
        both(p -> p.watermark(ms(next.minusSeconds(30)))); // the first episode ended at 08:30
        both(p -> p.send(SensorEvent.of("h1", "button", next, SensorKind.BUTTON, 1)));

        assertThat(withUrgent.events()).extracting(LifecycleEvent::type).endsWith(
                LifecycleEventType.RESOLVED, LifecycleEventType.RAISED, LifecycleEventType.NOTIFIED);
        both(p -> p.watermark(ms(next.plus(Duration.ofMinutes(5)))));
        assertThat(withUrgent.events()).isEqualTo(eventTimeOnly.events());
    }

    private interface Step {
        void apply(Pipeline p) throws Exception;
    }

    private void both(Step step) throws Exception {
        step.apply(withUrgent);
        step.apply(eventTimeOnly);
    }

    /** Detector and lifecycle harnesses wired as in {@link DetectionJob}. */
    private static final class Pipeline {
        private final KeyedBroadcastOperatorTestHarness<String, SensorEvent, ControlMessage, LifecycleCommand> detector;
        private final KeyedBroadcastOperatorTestHarness<String, LifecycleCommand, ControlMessage, LifecycleEvent> lifecycle;
        private int forwarded;

        Pipeline(boolean urgent) throws Exception {
            detector = new KeyedBroadcastOperatorTestHarness<>(
                    new CoBroadcastWithKeyedOperator<>(new HomeDetector(DetectionJobConfig.of(HOMES).withUrgentOnArrival(urgent)),
                            HomeDetector.BROADCAST),
                    SensorEvent::homeId, Types.STRING, 1, 1, 0);
            lifecycle = new KeyedBroadcastOperatorTestHarness<>(
                    new CoBroadcastWithKeyedOperator<>(new LifecycleDriver(DetectionJobConfig.of(HOMES)),
                            List.of(ConfigState.DESCRIPTOR, LifecycleDriver.AWAY_MODES)),
                    LifecycleCommand::lifecycleKey, Types.STRING, 1, 1, 0);
            detector.open();
            lifecycle.open();
        }

        void send(SensorEvent event) throws Exception {
            detector.processElement(event, ms(event.ts()));
            forward();
        }

        void watermark(long at) throws Exception {
            detector.watermark(at);
            forward();
            lifecycle.watermark(at);
        }

        private void forward() throws Exception {
            List<LifecycleCommand> out = detector.extractOutputValues();
            for (LifecycleCommand d : out.subList(forwarded, out.size())) {
                lifecycle.processElement(d, ms(d.at()));
            }
            forwarded = out.size();
        }

        List<RuleDecision> decisions() {
            return detector.extractOutputValues().stream().map(RuleDecision.class::cast).toList();
        }

        List<LifecycleEvent> events() {
            return lifecycle.extractOutputValues();
        }

        void close() throws Exception {
            detector.close();
            lifecycle.close();
        }
    }
}
