package org.hearth.alerts.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hearth.alerts.TestHomes.NINE_OH_FIVE;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.hearth.alerts.TestHomes;
import org.hearth.alerts.lifecycle.LifecycleInput.Acknowledge;
import org.hearth.alerts.lifecycle.LifecycleInput.Clear;
import org.hearth.alerts.lifecycle.LifecycleInput.Raise;
import org.hearth.alerts.lifecycle.LifecycleInput.ResidentOk;
import org.hearth.alerts.lifecycle.LifecycleInput.Tick;
import org.hearth.alerts.render.MessageRenderer;
import org.hearth.alerts.route.AwayKind;
import org.hearth.alerts.route.AwayMode;
import org.hearth.alerts.route.EscalationPolicy;
import org.hearth.alerts.route.Recipient;
import org.hearth.models.alert.Rule;
import org.hearth.models.explain.Explanation;
import org.hearth.models.registry.Home;
import org.junit.jupiter.api.Test;

class AlertLifecycleTest {

    private static final Duration TEN_MIN = Duration.ofMinutes(10);
    private static final Explanation NOT_UP = new Explanation("usually up by 08:10", "no movement since 22:41",
            Map.of("usual", "08:10"));

    private final AlertLifecycle lifecycle = new AlertLifecycle(EscalationPolicy.defaults(), new MessageRenderer());
    private final Home home = TestHomes.home();

    private static List<LifecycleEventType> types(Transition t) {
        return t.events().stream().map(LifecycleEvent::type).toList();
    }

    @Test
    void shouldEscalateThroughCarersToDutyLineWhenNobodyReplies() {
        Transition raised = lifecycle.apply(null, new Raise(Rule.NOT_UP, NINE_OH_FIVE, NOT_UP), home, null);
        assertThat(types(raised)).containsExactly(LifecycleEventType.RAISED, LifecycleEventType.NOTIFIED);
        assertThat(raised.events().get(1).recipients()).containsExactly(Recipient.carer(0));
        assertThat(raised.events().get(1).message()).startsWith("Hearth: J.S. not up yet (usually by 08:10). Reply OK ");
        assertThat(raised.wakeAt()).isEqualTo(NINE_OH_FIVE.plus(TEN_MIN));

        Transition early = lifecycle.apply(raised.state(), new Tick(NINE_OH_FIVE.plus(Duration.ofMinutes(9))), home, null);
        assertThat(early.events()).isEmpty();
        assertThat(early.wakeAt()).isEqualTo(raised.wakeAt());

        Transition second = lifecycle.apply(raised.state(), new Tick(raised.wakeAt()), home, null);
        assertThat(types(second)).containsExactly(LifecycleEventType.ESCALATED);
        assertThat(second.events().get(0).recipients()).containsExactly(Recipient.carer(1));
        assertThat(second.events().get(0).message()).startsWith("Hearth, no reply yet: J.S. not up yet");

        Transition duty = lifecycle.apply(second.state(), new Tick(second.wakeAt()), home, null);
        assertThat(duty.events().get(0).recipients()).containsExactly(Recipient.DUTY_LINE);
        assertThat(duty.events().get(0).message()).startsWith("Hearth duty, home h1:");
        assertThat(duty.wakeAt()).isNull();
        assertThat(duty.state().phase()).isEqualTo(Phase.EXHAUSTED);
        assertThat(duty.state().texted()).containsExactly(Recipient.carer(0), Recipient.carer(1), Recipient.DUTY_LINE);
        assertThat(duty.events().get(0).at()).isEqualTo(NINE_OH_FIVE.plus(Duration.ofMinutes(20)));
    }

    @Test
    void shouldStopEscalatingWhenAnyCarerAcknowledges() {
        Transition raised = lifecycle.apply(null, new Raise(Rule.NOT_UP, NINE_OH_FIVE, NOT_UP), home, null);
        Transition second = lifecycle.apply(raised.state(), new Tick(raised.wakeAt()), home, null);
        String code = raised.state().replyCode();

        Transition wrong = lifecycle.apply(second.state(), new Acknowledge(NINE_OH_FIVE.plusSeconds(700), "0000", "carer-0"), home, null);
        assertThat(wrong.events()).isEmpty();

        // Carer 0 (texted first) takes it although carer 1 was texted last: anyone acknowledges for all.
        Transition acked = lifecycle.apply(second.state(), new Acknowledge(NINE_OH_FIVE.plusSeconds(720), code, "carer-0"), home, null);
        assertThat(types(acked)).containsExactly(LifecycleEventType.ACKNOWLEDGED);
        assertThat(acked.events().get(0).recipients()).containsExactly(Recipient.carer(0), Recipient.carer(1));
        assertThat(acked.events().get(0).reason()).isEqualTo("by:carer-0");
        assertThat(acked.wakeAt()).isNull();

        Transition staleTimer = lifecycle.apply(acked.state(), new Tick(second.wakeAt()), home, null);
        assertThat(staleTimer.events()).isEmpty();
        Transition again = lifecycle.apply(acked.state(), new Acknowledge(NINE_OH_FIVE.plusSeconds(800), code, "carer-1"), home, null);
        assertThat(again.events()).isEmpty();

        Transition resolved = lifecycle.apply(acked.state(), new Clear(NINE_OH_FIVE.plusSeconds(900), "up at 09:20"), home, null);
        assertThat(types(resolved)).containsExactly(LifecycleEventType.RESOLVED);
        assertThat(resolved.events().get(0).message()).contains("all clear").contains("up at 09:20").contains(code);
        assertThat(resolved.events().get(0).recipients()).containsExactly(Recipient.carer(0), Recipient.carer(1));
        assertThat(resolved.state()).isNull();
    }

    @Test
    void shouldKeepAtMostOneOpenAlert() {
        Transition raised = lifecycle.apply(null, new Raise(Rule.NOT_UP, NINE_OH_FIVE, NOT_UP), home, null);
        Transition again = lifecycle.apply(raised.state(), new Raise(Rule.NOT_UP, NINE_OH_FIVE.plusSeconds(60), NOT_UP), home, null);
        assertThat(again.events()).isEmpty();
        assertThat(again.state()).isEqualTo(raised.state());
    }

    @Test
    void shouldGiveTheSameIdsAndCodesOnReplay() {
        Transition a = lifecycle.apply(null, new Raise(Rule.NOT_UP, NINE_OH_FIVE, NOT_UP), home, null);
        Transition b = lifecycle.apply(null, new Raise(Rule.NOT_UP, NINE_OH_FIVE, NOT_UP), home, null);
        Transition other = lifecycle.apply(null, new Raise(Rule.NOT_UP, NINE_OH_FIVE.plusSeconds(1), NOT_UP), home, null);
        assertThat(a.events()).isEqualTo(b.events());
        assertThat(a.state().replyCode()).matches("[1-9][0-9]{3}");
        assertThat(other.state().alertId()).isNotEqualTo(a.state().alertId());
        assertThat(a.events().get(0).alert().message()).contains(a.state().replyCode());
    }

    @Test
    void shouldSuppressBehaviouralRulesButNeverTheHelpButtonWhenAway() {
        AwayMode hospital = new AwayMode("h1", AwayKind.HOSPITAL, NINE_OH_FIVE.minus(Duration.ofDays(1)),
                NINE_OH_FIVE.plus(Duration.ofDays(3)), "carer-1");
        Transition notUp = lifecycle.apply(null, new Raise(Rule.NOT_UP, NINE_OH_FIVE, NOT_UP), home, hospital);
        assertThat(types(notUp)).containsExactly(LifecycleEventType.SUPPRESSED);
        assertThat(notUp.events().get(0).reason()).isEqualTo("away:hospital");
        assertThat(notUp.state()).isNull();

        Transition help = lifecycle.apply(null, new Raise(Rule.HELP_BUTTON, NINE_OH_FIVE, Explanation.of(null, null)), home, hospital);
        assertThat(types(help)).containsExactly(LifecycleEventType.RAISED, LifecycleEventType.NOTIFIED);
    }

    @Test
    void shouldCancelBeforeAnyCarerIsTextedWhenResidentPressesOk() {
        AlertLifecycle withPreAlert = new AlertLifecycle(EscalationPolicy.defaults().withPreAlert(Duration.ofMinutes(3)), new MessageRenderer());
        Home withButton = TestHomes.homeWithButton();
        Instant tenAm = Instant.parse("2026-11-23T10:00:00Z");
        Transition raised = withPreAlert.apply(null, new Raise(Rule.NO_KETTLE, tenAm, Explanation.of("usually by 09:30", "no boil")), withButton, null);
        assertThat(types(raised)).containsExactly(LifecycleEventType.RAISED, LifecycleEventType.PRE_ALERT);
        assertThat(raised.wakeAt()).isEqualTo(tenAm.plus(Duration.ofMinutes(3)));

        Transition ok = withPreAlert.apply(raised.state(), new ResidentOk(tenAm.plusSeconds(70)), withButton, null);
        assertThat(types(ok)).containsExactly(LifecycleEventType.CANCELLED);
        assertThat(ok.events().get(0).isLearningSignal()).isTrue();
        assertThat(ok.events().get(0).recipients()).isEmpty();
        assertThat(ok.state()).isNull();
        // The pre-alert timer firing afterwards finds nothing open.
        assertThat(withPreAlert.apply(ok.state(), new Tick(raised.wakeAt()), withButton, null).events()).isEmpty();
    }

    @Test
    void shouldTextCarerWhenPreAlertWindowPassesWithoutPress() {
        AlertLifecycle withPreAlert = new AlertLifecycle(EscalationPolicy.defaults().withPreAlert(Duration.ofMinutes(3)), new MessageRenderer());
        Home withButton = TestHomes.homeWithButton();
        Instant tenAm = Instant.parse("2026-11-23T10:00:00Z");
        Transition raised = withPreAlert.apply(null, new Raise(Rule.NO_KETTLE, tenAm, Explanation.of("usually by 09:30", "no boil")), withButton, null);
        Transition notified = withPreAlert.apply(raised.state(), new Tick(raised.wakeAt()), withButton, null);
        assertThat(types(notified)).containsExactly(LifecycleEventType.NOTIFIED);
        assertThat(notified.events().get(0).recipients()).containsExactly(Recipient.carer(0));
        Transition lateOk = withPreAlert.apply(notified.state(), new ResidentOk(tenAm.plusSeconds(400)), withButton, null);
        assertThat(lateOk.events()).isEmpty();

        // Urgent rules never wait for the resident.
        Transition urgent = withPreAlert.apply(null, new Raise(Rule.NOT_UP, tenAm, NOT_UP), withButton, null);
        assertThat(types(urgent)).containsExactly(LifecycleEventType.RAISED, LifecycleEventType.NOTIFIED);
        // Without a device in the home there is nobody to ask.
        Transition noDevice = withPreAlert.apply(null, new Raise(Rule.NO_KETTLE, tenAm, NOT_UP), home, null);
        assertThat(types(noDevice)).containsExactly(LifecycleEventType.RAISED, LifecycleEventType.NOTIFIED);
    }

    @Test
    void shouldWaitForQuietHoursToEndForWarnings() {
        Home bothQuiet = TestHomes.home("22:00-07:00", "23:00-06:30");
        Instant lateEvening = Instant.parse("2026-11-23T23:30:00Z");
        Transition raised = lifecycle.apply(null, new Raise(Rule.NIGHT_ACTIVITY, lateEvening, Explanation.of(null, "up 5 times")), bothQuiet, null);
        assertThat(types(raised)).containsExactly(LifecycleEventType.RAISED);
        assertThat(raised.state().phase()).isEqualTo(Phase.WAITING_QUIET);
        assertThat(raised.wakeAt()).isEqualTo(Instant.parse("2026-11-24T06:30:00Z"));

        Transition morning = lifecycle.apply(raised.state(), new Tick(raised.wakeAt()), bothQuiet, null);
        assertThat(types(morning)).containsExactly(LifecycleEventType.NOTIFIED);
        assertThat(morning.events().get(0).recipients()).containsExactly(Recipient.carer(1));
        assertThat(morning.wakeAt()).isEqualTo(Instant.parse("2026-11-24T07:00:00Z"));

        // Cleared while waiting: nobody was texted, so it is cancelled quietly.
        Transition cleared = lifecycle.apply(raised.state(), new Clear(Instant.parse("2026-11-24T01:00:00Z"), null), bothQuiet, null);
        assertThat(types(cleared)).containsExactly(LifecycleEventType.CANCELLED);
        assertThat(cleared.events().get(0).recipients()).isEmpty();
    }

    @Test
    void shouldTextUrgentAlertsDuringQuietHours() {
        Instant threeAm = Instant.parse("2026-11-24T03:00:00Z");
        Transition raised = lifecycle.apply(null, new Raise(Rule.NIGHT_DOOR, threeAm, Explanation.of(null, null)), home, null);
        assertThat(raised.events().get(1).recipients()).containsExactly(Recipient.carer(0));
    }

    @Test
    void shouldSendTrendsToTheDigestOnly() {
        Transition raised = lifecycle.apply(null, new Raise(Rule.SLEEP_TREND, NINE_OH_FIVE, Explanation.of(null, "5h50")), home, null);
        assertThat(types(raised)).containsExactly(LifecycleEventType.RAISED, LifecycleEventType.NOTIFIED);
        assertThat(raised.events().get(1).recipients()).containsExactly(Recipient.DIGEST);
        assertThat(raised.wakeAt()).isNull();
        Transition cleared = lifecycle.apply(raised.state(), new Clear(NINE_OH_FIVE.plus(Duration.ofDays(3)), null), home, null);
        assertThat(types(cleared)).containsExactly(LifecycleEventType.RESOLVED);
        assertThat(cleared.events().get(0).recipients()).isEmpty();
    }

    @Test
    void shouldRouteSystemAlertsToInstallerThenDutyLine() {
        Transition raised = lifecycle.apply(null, new Raise(Rule.HUB_OFFLINE, NINE_OH_FIVE, Explanation.of(null, null)), home, null);
        assertThat(raised.events().get(1).recipients()).containsExactly(Recipient.INSTALLER);
        assertThat(raised.events().get(1).message()).startsWith("Hearth system: hub at home h1 offline");
        assertThat(raised.wakeAt()).isEqualTo(NINE_OH_FIVE.plus(Duration.ofHours(1)));
        Transition duty = lifecycle.apply(raised.state(), new Tick(raised.wakeAt()), home, null);
        assertThat(duty.events().get(0).recipients()).containsExactly(Recipient.DUTY_LINE);
    }

    /** A second sensor silent while the first still is: whoever was texted hears of it, under the same alert and code. */
    @Test
    void shouldTellEveryoneTextedWhenAnOpenSystemAlertGrows() {
        Explanation kitchen = new Explanation("every sensor reporting", "sensor pir-kitchen silent since 09:05",
                Map.of("sensor", "pir-kitchen", "since", "09:05"));
        Explanation bathroom = new Explanation("every sensor reporting", "sensor pir-bathroom silent since 11:00 (2 sensors silent)",
                Map.of("sensor", "pir-bathroom", "since", "11:00", "silent", "2"));
        Transition raised = lifecycle.apply(null, new Raise(Rule.SENSOR_OFFLINE, NINE_OH_FIVE, kitchen), home, null);
        Transition duty = lifecycle.apply(raised.state(), new Tick(raised.wakeAt()), home, null);
        Instant eleven = NINE_OH_FIVE.plus(Duration.ofHours(2));

        Transition grown = lifecycle.apply(duty.state(), new Raise(Rule.SENSOR_OFFLINE, eleven, bathroom), home, null);
        Transition seenAgain = lifecycle.apply(grown.state(), new Raise(Rule.SENSOR_OFFLINE, eleven, bathroom), home, null);

        assertThat(types(grown)).containsExactly(LifecycleEventType.UPDATED);
        LifecycleEvent update = grown.events().get(0);
        assertThat(update.recipients()).containsExactly(Recipient.INSTALLER, Recipient.DUTY_LINE);
        assertThat(update.message()).startsWith("Hearth system: now also sensor pir-bathroom at home h1 silent")
                .contains(raised.state().replyCode());
        assertThat(update.alert().alertId()).isEqualTo(raised.state().alertId());
        assertThat(update.deliveryKey(Recipient.INSTALLER)).isNotEqualTo(raised.events().get(1).deliveryKey(Recipient.INSTALLER));
        assertThat(grown.state().observed()).isEqualTo(bathroom.observed());
        assertThat(grown.state().phase()).isEqualTo(duty.state().phase());
        assertThat(grown.state().raisedAt()).isEqualTo(NINE_OH_FIVE);
        assertThat(seenAgain.events()).isEmpty(); // the same news again (a restore replaying the raise) texts nobody

        Transition hub = lifecycle.apply(null, new Raise(Rule.HUB_OFFLINE, NINE_OH_FIVE, Explanation.of(null, null)), home, null);
        Transition hubAgain = lifecycle.apply(hub.state(), new Raise(Rule.HUB_OFFLINE, eleven, Explanation.of(null, null)), home, null);
        assertThat(hubAgain.events()).isEmpty(); // no observation either time: no news
    }

    @Test
    void shouldIgnoreInputsWhenNothingIsOpen() {
        assertThat(lifecycle.apply(null, new Clear(NINE_OH_FIVE, null), home, null).events()).isEmpty();
        assertThat(lifecycle.apply(null, new Acknowledge(NINE_OH_FIVE, "1234", "carer-0"), home, null).events()).isEmpty();
        assertThat(lifecycle.apply(null, new Tick(NINE_OH_FIVE), home, null).state()).isNull();
    }

    @Test
    void state_survivesJavaSerialization() throws Exception {
        Transition raised = lifecycle.apply(null, new Raise(Rule.NOT_UP, NINE_OH_FIVE, NOT_UP), home, null);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(raised.state());
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            LifecycleState back = (LifecycleState) in.readObject();
            assertThat(back).isEqualTo(raised.state());
            Transition continued = lifecycle.apply(back, new Tick(raised.wakeAt()), home, null);
            assertThat(continued.events().get(0).recipients()).containsExactly(Recipient.carer(1));
        }
    }

    @Test
    void deliveryKey_isPerAlertRecipientAndStep() {
        Transition raised = lifecycle.apply(null, new Raise(Rule.NOT_UP, NINE_OH_FIVE, NOT_UP), home, null);
        LifecycleEvent notified = raised.events().get(1);
        String id = raised.state().alertId();
        assertThat(notified.deliveryKey(Recipient.carer(0))).isEqualTo(id + "/carer-0/step-0");
    }
}
