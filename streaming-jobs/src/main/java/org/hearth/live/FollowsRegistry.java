package org.hearth.live;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.streaming.api.functions.co.BroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.hearth.ingest.control.ConfigState;
import org.hearth.ingest.control.ControlMessage;
import org.hearth.job.DetectionJobConfig;
import org.hearth.models.registry.KitRegistry;
import org.hearth.models.rules.DetectionSettings;

/**
 * A step of the live graph that needs the registry as applied now (alert addressing, status
 * publishing): it follows the control topic through the job's one broadcast configuration,
 * {@link ConfigState}, and sees each element with the settings of the moment, and each registry
 * change with the registry before and after it.
 */
abstract class FollowsRegistry<IN, OUT> extends BroadcastProcessFunction<IN, ControlMessage, OUT> {

    private static final long serialVersionUID = 1L;

    private final DetectionJobConfig initial;
    private transient ConfigState config;

    FollowsRegistry(DetectionJobConfig initial) {
        this.initial = initial;
    }

    /** {@code element} with the registry and thresholds as they are now. */
    abstract void process(IN element, DetectionSettings now, Collector<OUT> out) throws Exception;

    /** After a registry change was applied; nothing by default. */
    void registryChanged(KitRegistry before, KitRegistry after, Collector<OUT> out) {
    }

    @Override
    public final void open(OpenContext openContext) {
        config = new ConfigState(initial);
    }

    @Override
    public final void processElement(IN element, ReadOnlyContext ctx, Collector<OUT> out) throws Exception {
        process(element, config.current(ctx.getBroadcastState(ConfigState.DESCRIPTOR)), out);
    }

    @Override
    public final void processBroadcastElement(ControlMessage message, Context ctx, Collector<OUT> out) throws Exception {
        BroadcastState<String, String> state = ctx.getBroadcastState(ConfigState.DESCRIPTOR);
        boolean homes = message.kind() == ControlMessage.Kind.HOMES;
        KitRegistry before = homes ? config.current(state).registry() : null;
        if (config.apply(state, message) && homes) {
            registryChanged(before, config.current(state).registry(), out);
        }
    }
}
