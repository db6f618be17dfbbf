package org.hearth.job;

import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.hearth.alerts.route.AwayMode;
import org.hearth.models.registry.Home;
import org.hearth.prealert.PreAlertWindows;

/**
 * Keyed by home, between the detector and the alert lifecycle: turns a help-button press inside an
 * open "I'm OK" window into {@link ResidentOkCommand}s for the rules that asked
 * ({@link PreAlertWindows} decides); every other decision passes unchanged. Reads the same
 * broadcast state as the lifecycle (registry, away modes), so it opens a window exactly where the
 * lifecycle sends a {@code PRE_ALERT}. Counts the answers ({@link #RESIDENT_OK}).
 */
public final class PreAlertGate extends KeyedBroadcastProcessFunction<String, RuleDecision, ControlMessage, LifecycleCommand> {

    private static final long serialVersionUID = 1L;

    /** Accumulator: pre-alerts the resident answered with a press. */
    public static final String RESIDENT_OK = "hearth-resident-ok";

    private final DetectionJobConfig config;
    private transient ConfigState configState;
    private transient ValueState<PreAlertWindows> windows;
    private transient LongCounter answered;

    public PreAlertGate(DetectionJobConfig config) {
        this.config = config;
    }

    @Override
    public void open(OpenContext openContext) {
        configState = new ConfigState(config);
        windows = getRuntimeContext().getState(new ValueStateDescriptor<>("pre-alert-windows",
                new JsonSerializer<>(PreAlertWindows.class)));
        answered = new LongCounter();
        getRuntimeContext().addAccumulator(RESIDENT_OK, answered);
    }

    @Override
    public void processElement(RuleDecision decision, ReadOnlyContext ctx, Collector<LifecycleCommand> out) throws Exception {
        Home home = configState.current(ctx.getBroadcastState(ConfigState.DESCRIPTOR)).home(decision.homeId()).orElse(null);
        if (home == null) {
            out.collect(decision); // the lifecycle drops it the same way
            return;
        }
        PreAlertWindows w = windows.value();
        if (w == null) {
            w = new PreAlertWindows();
        }
        AwayMode away = ctx.getBroadcastState(LifecycleDriver.AWAY_MODES).get(decision.homeId());
        for (PreAlertWindows.Out o : w.apply(decision.outcome(), home, config.escalation(), away)) {
            if (o instanceof PreAlertWindows.Out.ResidentOk ok) {
                answered.add(1);
                out.collect(new ResidentOkCommand(decision.homeId(), ok.rule(), ok.at()));
            } else {
                out.collect(decision);
            }
        }
        windows.update(w);
    }

    @Override
    public void processBroadcastElement(ControlMessage message, Context ctx, Collector<LifecycleCommand> out) throws Exception {
        // Each operator keeps its own copy of broadcast state: the same registry and away modes as the lifecycle's.
        LifecycleDriver.applyControl(configState, ctx.getBroadcastState(ConfigState.DESCRIPTOR),
                ctx.getBroadcastState(LifecycleDriver.AWAY_MODES), message);
    }
}
