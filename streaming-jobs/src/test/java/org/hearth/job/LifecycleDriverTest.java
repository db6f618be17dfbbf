package org.hearth.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hearth.job.DetectionFixtures.HOMES;
import static org.hearth.job.DetectionFixtures.MORNING;
import static org.hearth.job.DetectionFixtures.ms;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.heap.HeapKeyedStateBackend;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.hearth.alerts.ack.Acknowledgement;
import org.hearth.alerts.ack.AwayCommand;
import org.hearth.alerts.lifecycle.LifecycleEvent;
import org.hearth.alerts.lifecycle.LifecycleEventType;
import org.hearth.alerts.route.AwayKind;
import org.hearth.alerts.route.EscalationPolicy;
import org.hearth.ingest.control.ConfigState;
import org.hearth.ingest.control.ControlMessage;
import org.hearth.models.alert.Rule;
import org.hearth.models.explain.Explanation;
import org.hearth.models.rules.HelpPress;
import org.hearth.models.rules.RuleOutcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class LifecycleDriverTest {

    private KeyedBroadcastOperatorTestHarness<String, LifecycleCommand, ControlMessage, LifecycleEvent> harness;

    @BeforeEach
    void open() throws Exception {
        harness = newHarness();
        harness.open();
    }

    private static KeyedBroadcastOperatorTestHarness<String, LifecycleCommand, ControlMessage, LifecycleEvent> newHarness() throws Exception {
        return newHarness(DetectionJobConfig.of(HOMES));
    }

    private static KeyedBroadcastOperatorTestHarness<String, LifecycleCommand, ControlMessage, LifecycleEvent> newHarness(
            DetectionJobConfig config) throws Exception {
        return new KeyedBroadcastOperatorTestHarness<>(
                new CoBroadcastWithKeyedOperator<>(new LifecycleDriver(config),
                        List.of(ConfigState.DESCRIPTOR, LifecycleDriver.AWAY_MODES)),
                LifecycleCommand::lifecycleKey, Types.STRING, 1, 1, 0);
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
        assertThat(keyedStateEntries()).as("the resolved alert and its applied commands are forgotten").isZero();
    }

    @Test
    void shouldAddressEachStepToTheHomeAsRegisteredNowAndDropThePreviousResidentsSteps() throws Exception {
        raiseStillness();
        harness.watermark(ms(MORNING.plusSeconds(60)));
        harness.processBroadcastElement(ControlMessage.homes(HOMES.replace("{id: r1, alias: \"J.S.\"}", "{id: r9, alias: \"K.M.\"}")
                .replace("+447700900123", "+447700900999")), ms(MORNING.plusSeconds(60)));
        Instant offline = MORNING.plus(Duration.ofHours(2));
        harness.processElement(decision(RuleOutcome.raise(Rule.SENSOR_OFFLINE, offline, Explanation.of("", "pir-kitchen silent"))),
                ms(offline));
        harness.watermark(ms(offline.plusSeconds(60)));

        assertThat(harness.extractOutputValues()).filteredOn(e -> e.alert().rule() == Rule.STILLNESS).extracting(LifecycleEvent::type)
                .as("r1's alert goes on in the lifecycle").contains(LifecycleEventType.ESCALATED);
        assertThat(addressed()).extracting(a -> a.event().type() + " " + a.event().alert().rule() + "/"
                        + a.event().alert().residentId() + " to " + a.home().residentId() + " " + a.home().carers().get(0).phone())
                .as("texted while r1 lived there; the kit's alert to the home as registered now")
                .containsExactly("RAISED STILLNESS/r1 to r1 +447700900123", "NOTIFIED STILLNESS/r1 to r1 +447700900123",
                        "RAISED SENSOR_OFFLINE/r9 to r9 +447700900999", "NOTIFIED SENSOR_OFFLINE/r9 to r9 +447700900999");
    }

    @Test
    void shouldKeepOneOpenAlertPerResidentAndRule() throws Exception {
        harness.processElement(decision(RuleOutcome.raise(Rule.HELP_BUTTON, MORNING, Explanation.of("", "pressed at 08:00"))), ms(MORNING));
        harness.processElement(decision(RuleOutcome.raise(Rule.HELP_BUTTON, MORNING.plusSeconds(30), Explanation.of("", "pressed at 08:00"))), ms(MORNING));
        harness.watermark(ms(MORNING.plusSeconds(60)));

        assertThat(harness.extractOutputValues()).filteredOn(e -> e.type() == LifecycleEventType.RAISED).hasSize(1);
    }

    /** A second sensor silent while the first's alert is open reaches whoever was texted, as the same alert. */
    @Test
    void shouldPassTheNewsOfAFurtherSilentSensorToWhoeverWasTexted() throws Exception {
        Instant offline = MORNING.plus(Duration.ofHours(2));
        harness.processElement(decision(RuleOutcome.raise(Rule.SENSOR_OFFLINE, offline,
                new Explanation("", "sensor pir-kitchen silent since 10:00", java.util.Map.of("sensor", "pir-kitchen")))), ms(offline));
        harness.watermark(ms(offline.plusSeconds(60)));
        Instant later = offline.plus(Duration.ofHours(30));
        harness.processElement(decision(RuleOutcome.raise(Rule.SENSOR_OFFLINE, later,
                new Explanation("", "sensor pir-lounge silent since 16:00 (2 sensors silent)", java.util.Map.of("sensor", "pir-lounge")))),
                ms(later));
        harness.watermark(ms(later.plusSeconds(60)));

        List<LifecycleEvent> events = harness.extractOutputValues().stream().filter(e -> e.alert().rule() == Rule.SENSOR_OFFLINE).toList();
        assertThat(events).extracting(LifecycleEvent::type).contains(LifecycleEventType.RAISED, LifecycleEventType.NOTIFIED,
                LifecycleEventType.UPDATED).filteredOn(t -> t == LifecycleEventType.RAISED).hasSize(1);
        LifecycleEvent update = events.stream().filter(e -> e.type() == LifecycleEventType.UPDATED).findFirst().orElseThrow();
        LifecycleEvent notified = events.stream().filter(e -> e.type() == LifecycleEventType.NOTIFIED).findFirst().orElseThrow();
        assertThat(update.recipients()).containsAll(notified.recipients());
        assertThat(update.message()).contains("now also sensor pir-lounge");
        assertThat(update.alert().alertId()).isEqualTo(notified.alert().alertId());
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

    @Test
    void shouldStopEscalatingAndEmitAcknowledgedWhenACarerReplies() throws Exception {
        raiseStillness();
        harness.watermark(ms(MORNING.plusSeconds(60)));
        String code = replyCode();

        ack(code, MORNING.plus(Duration.ofMinutes(4)));
        harness.watermark(ms(MORNING.plus(Duration.ofHours(1))));

        List<LifecycleEvent> events = harness.extractOutputValues();
        assertThat(events).extracting(LifecycleEvent::type).containsExactly(LifecycleEventType.RAISED,
                LifecycleEventType.NOTIFIED, LifecycleEventType.ACKNOWLEDGED);
        LifecycleEvent acknowledged = events.get(2);
        assertThat(acknowledged.at()).isEqualTo(MORNING.plus(Duration.ofMinutes(4)));
        assertThat(acknowledged.reason()).isEqualTo("by:carer-0");
        assertThat(acknowledged.recipients()).extracting(r -> r.id()).containsExactly("carer-0");
        assertThat(harness.numEventTimeTimers()).isZero();
        assertThat(keyedStateEntries()).as("the acknowledged alert, open until its condition clears").isEqualTo(1);

        // Still open until the condition clears; then everyone texted hears the all-clear.
        Instant cleared = MORNING.plus(Duration.ofHours(2));
        harness.processElement(decision(RuleOutcome.clear(Rule.STILLNESS, cleared, Explanation.of("", "movement again"))), ms(cleared));
        harness.watermark(ms(cleared.plusSeconds(1)));
        assertThat(harness.extractOutputValues()).extracting(LifecycleEvent::type).last().isEqualTo(LifecycleEventType.RESOLVED);
        // The reply went to every rule of the home (CarerAck.fanOut): the rules with no alert keep nothing of it either.
        assertThat(keyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void shouldStillEscalateWhenTheReplyHasAnotherCodeOrComesAfterTheEscalation() throws Exception {
        raiseStillness();
        harness.watermark(ms(MORNING.plusSeconds(60)));
        String code = replyCode();
        String other = code.equals("1234") ? "4321" : "1234";

        ack(other, MORNING.plus(Duration.ofMinutes(2)));
        ack(code, MORNING.plus(Duration.ofMinutes(12)));
        harness.watermark(ms(MORNING.plus(Duration.ofHours(1))));

        List<LifecycleEvent> events = harness.extractOutputValues();
        assertThat(events).extracting(LifecycleEvent::type).containsExactly(LifecycleEventType.RAISED,
                LifecycleEventType.NOTIFIED, LifecycleEventType.ESCALATED, LifecycleEventType.ACKNOWLEDGED);
        assertThat(events.get(2).at()).isEqualTo(MORNING.plus(Duration.ofMinutes(10)));
        assertThat(events.get(3).recipients()).extracting(r -> r.id()).containsExactly("carer-0", "duty-line");
    }

    @Test
    void shouldApplyAReplyThatArrivesBeforeItsTimeInEventTimeOrder() throws Exception {
        // The reply reaches the job before the watermark has passed the raise: it waits in state.
        raiseStillness();
        String code = org.hearth.alerts.lifecycle.AlertIds.replyCode(
                org.hearth.alerts.lifecycle.AlertIds.alertId("h1", "r1", Rule.STILLNESS, MORNING));
        ack(code, MORNING.plus(Duration.ofMinutes(3)));
        harness.watermark(ms(MORNING.plus(Duration.ofHours(1))));

        assertThat(harness.extractOutputValues()).extracting(LifecycleEvent::type).containsExactly(
                LifecycleEventType.RAISED, LifecycleEventType.NOTIFIED, LifecycleEventType.ACKNOWLEDGED);
    }

    @Test
    void shouldSuppressBehaviouralRulesButNeverTheHelpButtonWhileAway() throws Exception {
        Instant setAt = MORNING.minus(Duration.ofHours(1));
        harness.processBroadcastElement(ControlMessage.away(AwayCommand.away("h1", AwayKind.HOSPITAL,
                setAt.plus(Duration.ofDays(5)), "carer-0", setAt).json()), ms(setAt));
        raiseStillness();
        harness.processElement(decision(RuleOutcome.raise(Rule.HELP_BUTTON, MORNING, Explanation.of("", "pressed at 08:00"))), ms(MORNING));
        harness.processElement(new RuleDecision("h2", RuleOutcome.raise(Rule.STILLNESS, MORNING,
                Explanation.of("", "no movement"))), ms(MORNING));
        harness.watermark(ms(MORNING.plusSeconds(60)));

        List<LifecycleEvent> events = harness.extractOutputValues();
        assertThat(events).filteredOn(e -> e.alert().homeId().equals("h1") && e.alert().rule() == Rule.STILLNESS)
                .singleElement().satisfies(e -> {
                    assertThat(e.type()).isEqualTo(LifecycleEventType.SUPPRESSED);
                    assertThat(e.reason()).isEqualTo("away:hospital");
                    assertThat(e.recipients()).isEmpty();
                });
        assertThat(events).filteredOn(e -> e.alert().rule() == Rule.HELP_BUTTON).extracting(LifecycleEvent::type)
                .containsExactly(LifecycleEventType.RAISED, LifecycleEventType.NOTIFIED);
        assertThat(events).filteredOn(e -> e.alert().homeId().equals("h2")).extracting(LifecycleEvent::type)
                .startsWith(LifecycleEventType.RAISED, LifecycleEventType.NOTIFIED); // another home is not away
    }

    @Test
    void shouldRaiseAgainOnceACarerSaysBack() throws Exception {
        Instant setAt = MORNING.minus(Duration.ofHours(1));
        harness.processBroadcastElement(ControlMessage.away(AwayCommand.away("h1", AwayKind.HOLIDAY,
                setAt.plus(Duration.ofDays(5)), "carer-0", setAt).json()), ms(setAt));
        Instant back = MORNING.plus(Duration.ofHours(1));
        harness.processBroadcastElement(ControlMessage.away(AwayCommand.back("h1", "carer-0", back).json()), ms(back));
        raiseStillness(); // at 08:00, while still away: suppressed
        Instant later = MORNING.plus(Duration.ofHours(2));
        harness.processElement(decision(RuleOutcome.raise(Rule.NOT_UP, later, Explanation.of("", "not up"))), ms(later));
        harness.processBroadcastElement(ControlMessage.thresholds("not: [valid"), 0); // configuration is unaffected
        harness.watermark(ms(later.plusSeconds(60)));

        List<LifecycleEvent> events = harness.extractOutputValues();
        assertThat(events).filteredOn(e -> e.alert().rule() == Rule.STILLNESS).extracting(LifecycleEvent::type)
                .containsExactly(LifecycleEventType.SUPPRESSED);
        assertThat(events).filteredOn(e -> e.alert().rule() == Rule.NOT_UP).extracting(LifecycleEvent::type)
                .startsWith(LifecycleEventType.RAISED, LifecycleEventType.NOTIFIED);
    }

    @Test
    void shouldTextAnUrgentRaiseAtOnceAndIgnoreTheSamePressWhenTheWatermarkPassesIt() throws Exception {
        RuleOutcome press = helpPress(MORNING);
        harness.processElement(RuleDecision.urgent("h1", press), ms(MORNING));

        // No watermark yet: the alert is open and the first carer texted.
        assertThat(harness.extractOutputValues()).extracting(LifecycleEvent::type)
                .containsExactly(LifecycleEventType.RAISED, LifecycleEventType.NOTIFIED);
        assertThat(harness.extractOutputValues()).extracting(LifecycleEvent::at).containsOnly(MORNING);
        assertThat(harness.getSideOutput(LifecycleDriver.ALERT_FACTS)).extracting(r -> r.getValue().open()).containsExactly(true);

        // The event-time raise of the same press, then the watermark: escalation and resolution as ever, no second text.
        Instant cleared = MORNING.plus(Duration.ofMinutes(30));
        harness.processElement(decision(press), ms(MORNING));
        harness.processElement(decision(RuleOutcome.clear(Rule.HELP_BUTTON, cleared, Explanation.of("", "no further press"))), ms(cleared));
        harness.watermark(ms(MORNING.plus(Duration.ofHours(1))));

        List<LifecycleEvent> events = harness.extractOutputValues();
        assertThat(events).extracting(LifecycleEvent::type).containsExactly(LifecycleEventType.RAISED,
                LifecycleEventType.NOTIFIED, LifecycleEventType.ESCALATED, LifecycleEventType.RESOLVED);
        assertThat(events).isEqualTo(eventTimeOnly(List.of(decision(press),
                decision(RuleOutcome.clear(Rule.HELP_BUTTON, cleared, Explanation.of("", "no further press"))))));
        assertThat(harness.numEventTimeTimers()).isZero();
        assertThat(keyedStateEntries()).isZero();
        assertThat(harness.getSideOutput(LifecycleDriver.ALERT_FACTS)).extracting(r -> r.getValue().open()).containsExactly(true, false);
    }

    @Test
    void shouldNotTextTwiceForARedeliveredPress() throws Exception {
        RuleOutcome press = helpPress(MORNING);
        for (int copy = 0; copy < 2; copy++) { // the same MQTT message delivered twice (at least once)
            harness.processElement(RuleDecision.urgent("h1", press), ms(MORNING));
        }
        harness.processElement(RuleDecision.urgent("h1", helpPress(MORNING.plusSeconds(20))), ms(MORNING)); // pressed again
        harness.processElement(decision(press), ms(MORNING));
        harness.processElement(decision(press), ms(MORNING));
        harness.watermark(ms(MORNING.plusSeconds(60)));

        assertThat(harness.extractOutputValues()).extracting(LifecycleEvent::type)
                .containsExactly(LifecycleEventType.RAISED, LifecycleEventType.NOTIFIED);
    }

    @Test
    void shouldLeaveAnUrgentRaiseToEventTimeWhileTheLastEpisodeMayNotHaveEnded() throws Exception {
        harness.processElement(decision(helpPress(MORNING)), ms(MORNING));
        harness.watermark(ms(MORNING.plusSeconds(1)));
        assertThat(harness.extractOutputValues()).hasSize(2); // raised, notified

        // The last episode's clear (30 min after its press) waits for the watermark; a new press 10 s after it
        // is a new alert only once the clear has happened, so it waits too.
        Instant cleared = MORNING.plus(Duration.ofMinutes(30));
        Instant again = cleared.plusSeconds(10);
        harness.processElement(decision(RuleOutcome.clear(Rule.HELP_BUTTON, cleared, Explanation.of("", "no further press"))), ms(cleared));
        harness.processElement(RuleDecision.urgent("h1", helpPress(again)), ms(again));
        assertThat(harness.extractOutputValues()).hasSize(2);

        harness.processElement(decision(helpPress(again)), ms(again));
        harness.watermark(ms(again.plusSeconds(1)));
        List<LifecycleEvent> events = harness.extractOutputValues();
        assertThat(events).extracting(LifecycleEvent::type).containsExactly(LifecycleEventType.RAISED,
                LifecycleEventType.NOTIFIED, LifecycleEventType.ESCALATED, LifecycleEventType.RESOLVED,
                LifecycleEventType.RAISED, LifecycleEventType.NOTIFIED);
        assertThat(events.get(4).at()).isEqualTo(again);
    }

    @Test
    void shouldKeepAnAlertOpenedAtOnceAcrossCheckpointAndRestore() throws Exception {
        RuleOutcome press = helpPress(MORNING);
        harness.processElement(RuleDecision.urgent("h1", press), ms(MORNING));
        OperatorSubtaskState snapshot = harness.snapshot(1L, ms(MORNING));
        harness.close();

        harness = newHarness();
        harness.initializeState(snapshot);
        harness.open();
        harness.processElement(decision(press), ms(MORNING)); // the event-time raise comes after the restore
        harness.watermark(ms(MORNING.plus(Duration.ofMinutes(15))));

        assertThat(harness.extractOutputValues()).extracting(LifecycleEvent::type)
                .containsExactly(LifecycleEventType.ESCALATED); // no second alert, and the escalation timer survived
    }

    @Test
    void shouldKeepNothingOfAnAlertSuppressedWhileAway() throws Exception {
        Instant setAt = MORNING.minus(Duration.ofHours(1));
        harness.processBroadcastElement(ControlMessage.away(AwayCommand.away("h1", AwayKind.HOSPITAL,
                setAt.plus(Duration.ofDays(5)), "carer-0", setAt).json()), ms(setAt));
        raiseStillness();
        Instant cleared = MORNING.plus(Duration.ofMinutes(20));
        harness.processElement(decision(RuleOutcome.clear(Rule.STILLNESS, cleared, Explanation.of("", "movement again"))), ms(cleared));
        harness.watermark(ms(MORNING.plus(Duration.ofHours(1))));

        assertThat(harness.extractOutputValues()).extracting(LifecycleEvent::type).containsExactly(LifecycleEventType.SUPPRESSED);
        assertThat(keyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void shouldKeepNothingOnceTheResidentAnswersThePreAlert() throws Exception {
        harness.close();
        harness = newHarness(new DetectionJobConfig(HOMES, null, EscalationPolicy.defaults().withPreAlert(Duration.ofMinutes(5))));
        harness.open();
        harness.processElement(decision(RuleOutcome.raise(Rule.NO_KETTLE, MORNING, Explanation.of("kettle by 09:00", "no kettle"))),
                ms(MORNING));
        Instant answered = MORNING.plus(Duration.ofMinutes(2));
        harness.processElement(new ResidentOkCommand("h1", Rule.NO_KETTLE, answered), ms(answered));
        harness.watermark(ms(MORNING.plus(Duration.ofHours(1))));

        List<LifecycleEvent> events = harness.extractOutputValues();
        assertThat(events).extracting(LifecycleEvent::type).containsExactly(LifecycleEventType.RAISED,
                LifecycleEventType.PRE_ALERT, LifecycleEventType.CANCELLED);
        assertThat(events.get(2).reason()).isEqualTo("resident-ok");
        assertThat(keyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero(); // the pre-alert's own wake-up at 08:05 fired and found nothing
    }

    /**
     * Keyed state entries over every (resident, rule) key: the open alert and the commands waiting for the
     * watermark. The harness's default state backend keeps them on the heap, where they can be counted.
     */
    private int keyedStateEntries() {
        AbstractStreamOperator<?> operator = (AbstractStreamOperator<?>) harness.getOperator();
        return ((HeapKeyedStateBackend<?>) operator.getKeyedStateBackend()).numKeyValueStateEntries();
    }

    /** What the lifecycle emits for {@code commands} applied in event-time order only (no urgent raise). */
    private static List<LifecycleEvent> eventTimeOnly(List<LifecycleCommand> commands) throws Exception {
        var plain = newHarness();
        plain.open();
        try {
            for (LifecycleCommand c : commands) {
                plain.processElement(c, ms(c.at()));
            }
            plain.watermark(ms(MORNING.plus(Duration.ofHours(1))));
            return plain.extractOutputValues();
        } finally {
            plain.close();
        }
    }

    private static RuleOutcome helpPress(Instant at) {
        return HelpPress.raise(at, java.time.ZoneId.of("Europe/London"));
    }

    private void raiseStillness() throws Exception {
        harness.processElement(decision(RuleOutcome.raise(Rule.STILLNESS, MORNING,
                Explanation.of("movement every 12 h", "no movement since 20:00"))), ms(MORNING));
    }

    private String replyCode() {
        LifecycleEvent raised = harness.extractOutputValues().get(0);
        assertThat(raised.type()).isEqualTo(LifecycleEventType.RAISED);
        return org.hearth.alerts.lifecycle.AlertIds.replyCode(raised.alert().alertId());
    }

    /** An acknowledgement as the carers' topic delivers it: one copy per rule of the home. */
    private void ack(String code, Instant at) throws Exception {
        for (CarerAck copy : CarerAck.fanOut(new Acknowledgement("h1", code, "carer-0", at))) {
            harness.processElement(copy, ms(at));
        }
    }

    private List<AddressedAlert> addressed() {
        return harness.getSideOutput(LifecycleDriver.ADDRESSED).stream().map(r -> r.getValue()).toList();
    }

    private static RuleDecision decision(RuleOutcome outcome) {
        return new RuleDecision("h1", outcome);
    }
}
