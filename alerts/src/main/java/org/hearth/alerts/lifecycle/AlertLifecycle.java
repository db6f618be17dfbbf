package org.hearth.alerts.lifecycle;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.hearth.alerts.lifecycle.LifecycleInput.Acknowledge;
import org.hearth.alerts.lifecycle.LifecycleInput.Clear;
import org.hearth.alerts.lifecycle.LifecycleInput.Raise;
import org.hearth.alerts.lifecycle.LifecycleInput.ResidentOk;
import org.hearth.alerts.lifecycle.LifecycleInput.Tick;
import org.hearth.alerts.render.AlertText;
import org.hearth.alerts.render.MessageRenderer;
import org.hearth.alerts.route.AwayMode;
import org.hearth.alerts.route.EscalationPolicy;
import org.hearth.alerts.route.Recipient;
import org.hearth.alerts.route.SeverityPolicy;
import org.hearth.models.alert.Alert;
import org.hearth.models.alert.Severity;
import org.hearth.models.registry.Home;

/**
 * The lifecycle of the alert of one (resident, rule), as a pure function of (state, input): raise,
 * optionally ask the resident first, notify, escalate through the order after the severity's delay,
 * stop at the first acknowledgement, and resolve when the condition clears. Time is the inputs'
 * event time only, so live mode and replay give the same events, ids and codes.
 *
 * <p>Stateless and thread-safe: the job keeps the {@link LifecycleState} in keyed state (null when
 * no alert is open) and registers an event-time timer for {@link Transition#wakeAt()}.
 */
public final class AlertLifecycle {

    private final EscalationPolicy policy;
    private final MessageRenderer renderer;

    public AlertLifecycle(EscalationPolicy policy, MessageRenderer renderer) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.renderer = Objects.requireNonNull(renderer, "renderer");
    }

    /**
     * One step.
     *
     * @param state the open alert, or null when none is open
     * @param input what happened
     * @param home the resident's home (carers in escalation order, zone, installer)
     * @param away the home's away mode, or null
     */
    public Transition apply(LifecycleState state, LifecycleInput input, Home home, AwayMode away) {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(home, "home");
        if (input instanceof Raise raise) {
            return state == null ? raise(raise, home, away) : grown(state, raise, home);
        }
        if (state == null) {
            return new Transition(null, List.of(), null); // nothing open: clears, ticks, acks are stale
        }
        if (input instanceof Tick tick) {
            return tick(state, tick.at(), home);
        }
        if (input instanceof Acknowledge ack) {
            return acknowledge(state, ack, home);
        }
        if (input instanceof ResidentOk ok) {
            return residentOk(state, ok.at(), home);
        }
        return clear(state, (Clear) input, home);
    }

    private Transition raise(Raise raise, Home home, AwayMode away) {
        Instant at = raise.at();
        String alertId = AlertIds.alertId(home.id(), home.residentId(), raise.rule(), at);
        var facts = new java.util.TreeMap<>(raise.explanation().facts());
        LifecycleState state = new LifecycleState(alertId, home.id(), home.residentId(), raise.rule(), at,
                AlertIds.replyCode(alertId), raise.explanation().expected(), raise.explanation().observed(), facts,
                Phase.NOTIFYING, 0, List.of(), null);
        Alert alert = alert(state, home);
        if (away != null && away.silences(raise.rule(), at)) {
            return new Transition(null, List.of(event(LifecycleEventType.SUPPRESSED, at, alert, -1, List.of(), null,
                    "away:" + away.kind().wireName())), null);
        }
        List<LifecycleEvent> events = new ArrayList<>();
        events.add(event(LifecycleEventType.RAISED, at, alert, -1, List.of(), null, null));
        Duration window = policy.preAlertWindow(raise.rule().severity());
        if (window != null && home.canAnswerPreAlert()) {
            Instant wake = at.plus(window);
            events.add(event(LifecycleEventType.PRE_ALERT, at, alert, -1, List.of(), null, null));
            return new Transition(state.with(Phase.PRE_ALERT, 0, List.of(), wake), events, wake);
        }
        return notifyNext(state, at, home, events);
    }

    /**
     * A raise while the alert is open. Behavioural rules raise once per episode, so for them (and for a
     * raise seen again after a restore) nothing changes. A system alert raised again with other news (a
     * second sensor silent while the first still is) takes the news, and everyone already texted is told
     * under the same alert and reply code; nobody texted yet gets it in the first text.
     */
    private Transition grown(LifecycleState state, Raise raise, Home home) {
        if (state.severity() != Severity.SYSTEM
                || Objects.equals(raise.explanation().observed(), state.observed())) {
            return unchanged(state);
        }
        LifecycleState after = state.withExplanation(raise.explanation());
        if (after.texted().isEmpty()) {
            return new Transition(after, List.of(), after.wakeAt());
        }
        LifecycleEvent event = event(LifecycleEventType.UPDATED, raise.at(), alert(after, home), -1, after.texted(),
                renderer.updated(text(after, home)), null);
        return new Transition(after, List.of(event), after.wakeAt());
    }

    private Transition tick(LifecycleState state, Instant at, Home home) {
        if (state.wakeAt() == null || at.isBefore(state.wakeAt())) {
            return unchanged(state); // a stale or early timer
        }
        return switch (state.phase()) {
            case PRE_ALERT, WAITING_QUIET, NOTIFYING -> notifyNext(state, at, home, new ArrayList<>());
            case ACKNOWLEDGED, EXHAUSTED -> unchanged(state);
        };
    }

    /** Texts the next recipient who may be texted now, or waits for quiet hours to end. */
    private Transition notifyNext(LifecycleState state, Instant at, Home home, List<LifecycleEvent> events) {
        EscalationPolicy.Routing routing = policy.route(home, state.severity(), state.nextStep(), at);
        if (routing.waits()) {
            LifecycleState waiting = state.with(Phase.WAITING_QUIET, state.nextStep(), state.texted(), routing.waitUntil());
            return new Transition(waiting, events, waiting.wakeAt());
        }
        if (!routing.sends()) {
            return new Transition(state.with(Phase.EXHAUSTED, state.nextStep(), state.texted(), null), events, null);
        }
        Recipient to = routing.recipient();
        boolean first = state.texted().isEmpty();
        AlertText text = text(state, home);
        String message = first ? renderer.raised(text) : renderer.escalated(text, to);
        events.add(event(first ? LifecycleEventType.NOTIFIED : LifecycleEventType.ESCALATED, at, alert(state, home),
                routing.step(), List.of(to), message, null));
        int next = routing.step() + 1;
        SeverityPolicy severityPolicy = policy.of(state.severity());
        boolean more = next < policy.order(home, state.severity()).size() && severityPolicy.escalateAfter() != null;
        Instant wake = more ? at.plus(severityPolicy.escalateAfter()) : null;
        LifecycleState after = state.with(more ? Phase.NOTIFYING : Phase.EXHAUSTED, next, state.textedPlus(to), wake);
        return new Transition(after, events, wake);
    }

    private Transition acknowledge(LifecycleState state, Acknowledge ack, Home home) {
        boolean texted = !state.texted().isEmpty();
        if (!ack.code().trim().equals(state.replyCode()) || state.phase() == Phase.ACKNOWLEDGED || !texted) {
            return unchanged(state);
        }
        AlertText text = text(state, home);
        LifecycleEvent event = event(LifecycleEventType.ACKNOWLEDGED, ack.at(), alert(state, home), -1, state.texted(),
                renderer.acknowledged(text), "by:" + ack.by());
        return new Transition(state.with(Phase.ACKNOWLEDGED, state.nextStep(), state.texted(), null), List.of(event), null);
    }

    private Transition residentOk(LifecycleState state, Instant at, Home home) {
        if (state.phase() != Phase.PRE_ALERT) {
            return unchanged(state); // carers were already texted: they decide
        }
        return new Transition(null, List.of(event(LifecycleEventType.CANCELLED, at, alert(state, home), -1, List.of(),
                null, "resident-ok")), null);
    }

    private Transition clear(LifecycleState state, Clear clear, Home home) {
        Alert alert = alert(state, home);
        if (state.texted().isEmpty()) {
            LifecycleEventType type = state.phase() == Phase.PRE_ALERT || state.phase() == Phase.WAITING_QUIET
                    ? LifecycleEventType.CANCELLED : LifecycleEventType.RESOLVED;
            return new Transition(null, List.of(event(type, clear.at(), alert, -1, List.of(), null, "condition-cleared")),
                    null);
        }
        String message = renderer.resolved(text(state, home), clear.how());
        return new Transition(null, List.of(event(LifecycleEventType.RESOLVED, clear.at(), alert, -1, state.texted(),
                message, "condition-cleared")), null);
    }

    private static Transition unchanged(LifecycleState state) {
        return new Transition(state, List.of(), state.wakeAt());
    }

    private AlertText text(LifecycleState state, Home home) {
        return new AlertText(state.rule(), home.residentAlias(), home.id(), state.replyCode(), state.explanation());
    }

    private Alert alert(LifecycleState state, Home home) {
        AlertText text = text(state, home);
        return new Alert(state.alertId(), state.homeId(), state.residentId(), state.rule(), state.severity(),
                state.raisedAt(), state.expected(), state.observed(), renderer.raised(text));
    }

    private static LifecycleEvent event(LifecycleEventType type, Instant at, Alert alert, int step,
            List<Recipient> recipients, String message, String reason) {
        return new LifecycleEvent(type, at, alert, step, recipients, message, reason);
    }
}
