package org.hearth.job;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.hearth.alerts.lifecycle.AlertLifecycle;
import org.hearth.alerts.lifecycle.LifecycleEvent;
import org.hearth.alerts.lifecycle.LifecycleEventType;
import org.hearth.alerts.lifecycle.LifecycleInput;
import org.hearth.alerts.lifecycle.LifecycleState;
import org.hearth.alerts.lifecycle.Transition;
import org.hearth.alerts.render.MessageRenderer;
import org.hearth.job.status.AlertFact;
import org.hearth.models.registry.Home;
import org.hearth.models.rules.RuleOutcome;

/**
 * Keyed by (resident, rule): drives the alerts module's {@link AlertLifecycle} with the rule
 * decisions and its own event-time timers (escalation), and emits the lifecycle events (raised,
 * notified, escalated, resolved, ...). The lifecycle decides; this only keeps its state.
 *
 * <p>Like the detector, decisions are applied when the watermark passes them, interleaved with the
 * lifecycle's own wake-ups in event-time order, so an escalation due before a resolution happens
 * before it.
 */
public final class LifecycleDriver extends KeyedBroadcastProcessFunction<String, RuleDecision, ControlMessage, LifecycleEvent> {

    private static final long serialVersionUID = 1L;

    /** An alert opened or closed for the home (what its learning status shows), on change only. */
    public static final OutputTag<AlertFact> ALERT_FACTS = new OutputTag<>("alert-facts", JsonTypeInfo.of(AlertFact.class));

    private final DetectionJobConfig config;

    private transient ConfigState configState;
    private transient AlertLifecycle lifecycle;
    private transient ValueState<LifecycleState> open;
    private transient ListState<RuleDecision> pending;
    private transient LongCounter alerts;

    public LifecycleDriver(DetectionJobConfig config) {
        this.config = config;
    }

    @Override
    public void open(OpenContext openContext) {
        configState = new ConfigState(config);
        lifecycle = new AlertLifecycle(config.escalation(), new MessageRenderer());
        open = getRuntimeContext().getState(new ValueStateDescriptor<>("open-alert", new JsonSerializer<>(LifecycleState.class)));
        pending = getRuntimeContext().getListState(new ListStateDescriptor<>("pending", new JsonSerializer<>(RuleDecision.class)));
        alerts = new LongCounter();
        getRuntimeContext().addAccumulator(Counters.ALERTS, alerts);
    }

    @Override
    public void processElement(RuleDecision decision, ReadOnlyContext ctx, Collector<LifecycleEvent> out) throws Exception {
        pending.add(decision);
        ctx.timerService().registerEventTimeTimer(EventTimers.at(decision.outcome().at()));
    }

    @Override
    public void processBroadcastElement(ControlMessage message, Context ctx, Collector<LifecycleEvent> out) throws Exception {
        configState.apply(ctx.getBroadcastState(ConfigState.DESCRIPTOR), message);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<LifecycleEvent> out) throws Exception {
        List<RuleDecision> due = new ArrayList<>();
        List<RuleDecision> keep = new ArrayList<>();
        for (RuleDecision d : pending.get()) {
            (EventTimers.at(d.outcome().at()) <= timestamp ? due : keep).add(d);
        }
        if (!due.isEmpty()) {
            pending.update(keep);
        }
        due.sort(Comparator.comparing(d -> d.outcome().at())); // stable: equal instants keep their order
        String homeId = ctx.getCurrentKey().substring(0, ctx.getCurrentKey().lastIndexOf('|'));
        Home home = configState.current(ctx.getBroadcastState(ConfigState.DESCRIPTOR)).home(homeId).orElse(null);
        if (home == null) {
            return; // the home left the registry: its alerts go with it
        }
        LifecycleState state = open.value();
        boolean wasOpen = state != null;
        boolean inputEnded = ctx.timerService().currentWatermark() == Long.MAX_VALUE;
        for (RuleDecision d : due) {
            state = wakeUps(state, d.outcome().at().minusNanos(1), home, out);
            RuleOutcome o = d.outcome();
            LifecycleInput input = o.change() == RuleOutcome.Change.RAISE
                    ? new LifecycleInput.Raise(o.rule(), o.at(), o.explanation())
                    : new LifecycleInput.Clear(o.at(), o.explanation().observed());
            state = step(state, input, home, out);
        }
        if (!inputEnded) {
            state = wakeUps(state, Instant.ofEpochMilli(timestamp), home, out);
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

    /** Applies every wake-up the lifecycle asked for up to {@code until}. */
    private LifecycleState wakeUps(LifecycleState state, Instant until, Home home, Collector<LifecycleEvent> out) {
        while (state != null && state.wakeAt() != null && !state.wakeAt().isAfter(until)) {
            Instant wake = state.wakeAt();
            state = step(state, new LifecycleInput.Tick(wake), home, out);
            if (state != null && wake.equals(state.wakeAt())) {
                break; // the lifecycle declined to move: do not spin
            }
        }
        return state;
    }

    private LifecycleState step(LifecycleState state, LifecycleInput input, Home home, Collector<LifecycleEvent> out) {
        Transition t = lifecycle.apply(state, input, home, null);
        for (LifecycleEvent e : t.events()) {
            if (e.type() == LifecycleEventType.RAISED) {
                alerts.add(1);
            }
            out.collect(e);
        }
        return t.state();
    }
}
