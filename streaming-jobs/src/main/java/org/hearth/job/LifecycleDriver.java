package org.hearth.job;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.hearth.alerts.ack.AwayCommand;
import org.hearth.alerts.lifecycle.AlertLifecycle;
import org.hearth.alerts.lifecycle.LifecycleEvent;
import org.hearth.alerts.lifecycle.LifecycleEventType;
import org.hearth.alerts.lifecycle.LifecycleInput;
import org.hearth.alerts.lifecycle.LifecycleState;
import org.hearth.alerts.lifecycle.Transition;
import org.hearth.alerts.render.MessageRenderer;
import org.hearth.alerts.route.AwayMode;
import org.hearth.ingest.control.ConfigState;
import org.hearth.ingest.control.ControlMessage;
import org.hearth.job.status.AlertFact;
import org.hearth.models.json.HearthJson;
import org.hearth.models.registry.Home;
import org.hearth.models.rules.RuleOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keyed by (resident, rule): drives the alerts module's {@link AlertLifecycle} with the rule
 * decisions, carers' acknowledgements and its own event-time timers (escalation), and emits the
 * lifecycle events (raised, notified, escalated, acknowledged, resolved, suppressed...). The
 * lifecycle decides; this only keeps its state.
 *
 * <p>Like the detector, inputs are applied when the watermark passes them, interleaved with the
 * lifecycle's own wake-ups in event-time order, so an escalation due before a resolution or a
 * carer's reply happens before it, and one due after a reply never happens. The one exception is an
 * urgent raise (a help press, decided on arrival): it opens its alert and texts at once when
 * {@link #urgentAppliesAtOnce} finds that event-time order would open the same alert; the event-time raise
 * of the same press then finds it open and is ignored.
 *
 * <p>Away modes arrive on the broadcast input ({@link ControlMessage.Kind#AWAY}) and are kept per
 * home in broadcast state ({@link #AWAY_MODES}); a raise of a behavioural rule while the home is
 * away is {@code suppressed} (the help button and system alerts never are).
 *
 * <p>Each step also goes to {@link #ADDRESSED} with the home it concerns, as the registry has it
 * when the step is taken (carers, quiet hours, alias): what SMS delivery needs, while it is still
 * the home's business ({@link AddressedAlert#ifStillTheHomes}). (Issue 17 folded the separate
 * operator that looked the home up again, {@code address-alerts}, into here: the lifecycle already
 * holds that registry; {@code org.hearth.checkpoint.RetiredOperators} lets a checkpoint from before restore.)
 *
 * <p>When the whole input ends ({@link EndOfInputOperator}) pending commands are still applied, but
 * no wake-up (escalation) fires: the end of a replay is not time passing.
 */
public final class LifecycleDriver extends KeyedBroadcastProcessFunction<String, LifecycleCommand, ControlMessage, LifecycleEvent>
        implements EndOfInputOperator.InputEnds {

    /** The current away mode per home (broadcast state; an ended mode is kept cut short, see AwayCommand.applyTo). */
    public static final MapStateDescriptor<String, AwayMode> AWAY_MODES =
            new MapStateDescriptor<>("away-modes", Types.STRING, JsonTypeInfo.of(AwayMode.class));

    private static final Logger LOG = LoggerFactory.getLogger(LifecycleDriver.class);

    private static final long serialVersionUID = 1L;

    /** An alert opened or closed for the home (what its learning status shows), on change only. */
    public static final OutputTag<AlertFact> ALERT_FACTS = new OutputTag<>("alert-facts", JsonTypeInfo.of(AlertFact.class));
    /** Every step with its home, for delivery (left out when no longer the home's business). */
    public static final OutputTag<AddressedAlert> ADDRESSED = new OutputTag<>("addressed", JsonTypeInfo.of(AddressedAlert.class));

    private static final ValueStateDescriptor<LifecycleState> OPEN =
            new ValueStateDescriptor<>("open-alert", new JsonSerializer<>(LifecycleState.class));
    private static final ListStateDescriptor<LifecycleCommand> PENDING =
            new ListStateDescriptor<>("pending", new JsonSerializer<>(LifecycleCommand.class));

    private final DetectionJobConfig config;

    private transient ConfigState configState;
    private transient AlertLifecycle lifecycle;
    private transient ValueState<LifecycleState> open;
    private transient ListState<LifecycleCommand> pending;
    private transient LongCounter alerts;
    /** The whole input has ended: what fires now is the end of data, not time passing. */
    private transient boolean ended;

    public LifecycleDriver(DetectionJobConfig config) {
        this.config = config;
    }

    @Override
    public void open(OpenContext openContext) {
        configState = new ConfigState(config);
        lifecycle = new AlertLifecycle(config.escalation(), new MessageRenderer());
        open = getRuntimeContext().getState(OPEN);
        pending = getRuntimeContext().getListState(PENDING);
        alerts = new LongCounter();
        getRuntimeContext().addAccumulator(Counters.ALERTS, alerts);
    }

    @Override
    public void processElement(LifecycleCommand command, ReadOnlyContext ctx, Collector<LifecycleEvent> out) throws Exception {
        if (command instanceof RuleDecision decision && decision.urgent() && appliedAtOnce(decision, ctx, out)) {
            return;
        }
        pending.add(command);
        ctx.timerService().registerEventTimeTimer(EventTimers.at(command.at()));
    }

    /**
     * The help button alerts at once: an urgent raise that opens the alert is applied now, not when
     * the watermark passes it, when {@link #urgentAppliesAtOnce} finds that event-time order would give
     * the same alert. Otherwise it waits like any decision.
     */
    private boolean appliedAtOnce(RuleDecision raise, ReadOnlyContext ctx, Collector<LifecycleEvent> out) throws Exception {
        Home home = configState.current(ctx.getBroadcastState(ConfigState.DESCRIPTOR)).home(raise.homeId()).orElse(null);
        if (home == null || !urgentAppliesAtOnce(raise, open.value(), pending.get())) {
            return false;
        }
        AwayMode away = ctx.getBroadcastState(AWAY_MODES).get(raise.homeId());
        LifecycleState state = step(null, input(raise), home, away, ctx, out);
        long at = EventTimers.at(raise.at());
        AlertFact fact = AlertFact.ifChanged(ctx.getCurrentKey(), false, state != null, Instant.ofEpochMilli(at));
        if (fact != null) {
            ctx.output(ALERT_FACTS, fact);
        }
        if (state != null) {
            open.update(state);
            if (state.wakeAt() != null) {
                ctx.timerService().registerEventTimeTimer(EventTimers.at(state.wakeAt())); // escalation, on event time
            }
        }
        return true;
    }

    /**
     * Whether the alert lifecycle may apply an urgent raise (a help press, {@link RuleDecision#urgent()})
     * the moment it arrives instead of when the watermark passes it, and still end exactly where the
     * event-time order would have taken it: the same alert, id, reply code, texts and times, live and
     * in replay.
     *
     * <p>It may when no alert is open for the (resident, rule) and nothing waits for it at or before
     * the press. Then, in event-time order, the raise would also meet no open alert, so it opens the
     * same alert at the press's own time; whatever arrives later for the key (the event-time raise of
     * the same press, a later press, the clear, a carer's reply, the escalation wake-up) lands on that
     * alert as it would have. The event-time raise of the same press is then the second raise and is
     * ignored (at most one open alert per resident and rule), so the carer is texted once.
     *
     * <p>Otherwise the raise waits in event-time order like any decision, and the lifecycle keeps
     * whichever comes first: an alert already open takes the press as a repeat (a redelivered press, a
     * second press of the same episode); a clear or a raise still waiting may change what the press
     * means (the episode ended just before it), so only event time decides. This costs the watermark
     * wait only in those rare cases: a press within the out-of-orderness of a help alert clearing.
     *
     * <p>One case is not the same: an earlier-stamped press that arrives after a later one was already
     * applied (two presses of one home, reordered in transit within the out-of-orderness). The first
     * arrival has been texted and cannot be unsent, so live keeps it, while event time (replay) would
     * date the alert by the earlier press. The press is still alerted, once, seconds apart.
     *
     * @param raise an urgent raise
     * @param open the (resident, rule)'s open alert, or null
     * @param waiting the commands for the same key that wait for the watermark
     */
    static boolean urgentAppliesAtOnce(RuleDecision raise, LifecycleState open, Iterable<LifecycleCommand> waiting) {
        if (!raise.urgent() || open != null) {
            return false;
        }
        for (LifecycleCommand c : waiting) {
            if (!c.at().isAfter(raise.at())) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void processBroadcastElement(ControlMessage message, Context ctx, Collector<LifecycleEvent> out) throws Exception {
        if (message.kind() != ControlMessage.Kind.AWAY) {
            // A home removed from the registry takes its open alerts, escalations and away mode with it.
            for (String gone : RemovedHomes.applyAndForget(configState, ctx.getBroadcastState(ConfigState.DESCRIPTOR), message,
                    ctx, RemovedHomes::homeOfLifecycleKey, OPEN, PENDING)) {
                ctx.getBroadcastState(AWAY_MODES).remove(gone);
            }
            return;
        }
        applyControl(configState, ctx.getBroadcastState(ConfigState.DESCRIPTOR), ctx.getBroadcastState(AWAY_MODES), message);
    }

    /** Registry and threshold changes into configuration, away modes into their own state (the detector's too, for its "I'm OK" windows). */
    static void applyControl(ConfigState configState, BroadcastState<String, String> config,
                             BroadcastState<String, AwayMode> away, ControlMessage message) throws Exception {
        if (message.kind() != ControlMessage.Kind.AWAY) {
            configState.apply(config, message);
            return;
        }
        AwayCommand command;
        try {
            command = HearthJson.json().readValue(message.text(), AwayCommand.class);
        } catch (Exception e) {
            LOG.warn("refused an away command that does not read: {}", e.getMessage());
            return;
        }
        AwayMode next = command.applyTo(away.get(command.homeId()));
        if (next == null) {
            away.remove(command.homeId());
        } else {
            away.put(command.homeId(), next);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<LifecycleEvent> out) throws Exception {
        List<LifecycleCommand> due = new ArrayList<>();
        List<LifecycleCommand> keep = new ArrayList<>();
        for (LifecycleCommand c : pending.get()) {
            (EventTimers.at(c.at()) <= timestamp ? due : keep).add(c);
        }
        if (!due.isEmpty()) {
            pending.update(keep);
        }
        due.sort(Comparator.comparing(LifecycleCommand::at)); // stable: equal instants keep their order
        String homeId = ctx.getCurrentKey().substring(0, ctx.getCurrentKey().lastIndexOf('|'));
        Home home = configState.current(ctx.getBroadcastState(ConfigState.DESCRIPTOR)).home(homeId).orElse(null);
        if (home == null) {
            return; // the home left the registry: its alerts go with it
        }
        LifecycleState state = open.value();
        boolean wasOpen = state != null;
        AwayMode away = ctx.getBroadcastState(AWAY_MODES).get(homeId);
        for (LifecycleCommand c : due) {
            state = wakeUps(state, c.at().minusNanos(1), home, ctx, out);
            state = step(state, input(c), home, away, ctx, out);
        }
        if (!ended) {
            state = wakeUps(state, Instant.ofEpochMilli(timestamp), home, ctx, out);
            if (state != null && state.wakeAt() != null) {
                ctx.timerService().registerEventTimeTimer(EventTimers.after(state.wakeAt(), timestamp));
            }
        }
        AlertFact fact = AlertFact.ifChanged(ctx.getCurrentKey(), wasOpen, state != null, Instant.ofEpochMilli(timestamp));
        if (fact != null) {
            ctx.output(ALERT_FACTS, fact);
        }
        if (state == null) {
            open.clear();
        } else {
            open.update(state);
        }
    }

    @Override
    public void inputEnded() {
        ended = true;
    }

    private static LifecycleInput input(LifecycleCommand command) {
        if (command instanceof CarerAck carer) {
            return new LifecycleInput.Acknowledge(carer.at(), carer.ack().code(), carer.ack().by());
        }
        if (command instanceof ResidentOkCommand ok) {
            return new LifecycleInput.ResidentOk(ok.at());
        }
        RuleOutcome o = ((RuleDecision) command).outcome();
        return o.change() == RuleOutcome.Change.RAISE
                ? new LifecycleInput.Raise(o.rule(), o.at(), o.explanation())
                : new LifecycleInput.Clear(o.at(), o.explanation().observed());
    }

    /** Applies every wake-up the lifecycle asked for up to {@code until}. */
    private LifecycleState wakeUps(LifecycleState state, Instant until, Home home, ReadOnlyContext ctx,
                                   Collector<LifecycleEvent> out) {
        while (state != null && state.wakeAt() != null && !state.wakeAt().isAfter(until)) {
            Instant wake = state.wakeAt();
            state = step(state, new LifecycleInput.Tick(wake), home, null, ctx, out);
            if (state != null && wake.equals(state.wakeAt())) {
                break; // the lifecycle declined to move: do not spin
            }
        }
        return state;
    }

    private LifecycleState step(LifecycleState state, LifecycleInput input, Home home, AwayMode away,
                                ReadOnlyContext ctx, Collector<LifecycleEvent> out) {
        Transition t = lifecycle.apply(state, input, home, away);
        for (LifecycleEvent e : t.events()) {
            if (e.type() == LifecycleEventType.RAISED) {
                alerts.add(1);
            }
            out.collect(e);
            AddressedAlert.ifStillTheHomes(e, home).ifPresent(a -> ctx.output(ADDRESSED, a));
        }
        return t.state();
    }
}
