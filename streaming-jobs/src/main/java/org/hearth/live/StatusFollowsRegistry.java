package org.hearth.live;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.streaming.api.functions.co.BroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.hearth.ingest.control.ConfigState;
import org.hearth.ingest.control.ControlMessage;
import org.hearth.installer.control.RegistryDiff;
import org.hearth.installer.status.StatusUpdate;
import org.hearth.job.DetectionJobConfig;
import org.hearth.models.registry.KitRegistry;
import org.hearth.models.status.HomeStatus;

/**
 * Keeps the retained statuses in step with the registry as applied: when {@code hearth kit apply}
 * removes a home, its retained status is cleared (otherwise {@code hearth status} would list a home
 * nobody watches, with a status that looks alive), and a status that still comes for it (an alert
 * closing in the lifecycle) is dropped. It follows the control topic through the job's one broadcast
 * configuration, {@link ConfigState}.
 *
 * <p>Every subtask sees the change and clears the removed homes on its own writer, after the last
 * status it passed for them: the broker ends with no retained message whichever subtask is last.
 */
final class StatusFollowsRegistry extends BroadcastProcessFunction<HomeStatus, ControlMessage, StatusUpdate> {

    private static final long serialVersionUID = 1L;

    private final DetectionJobConfig initial;
    private transient ConfigState config;

    StatusFollowsRegistry(DetectionJobConfig initial) {
        this.initial = initial;
    }

    @Override
    public void open(OpenContext openContext) {
        config = new ConfigState(initial);
    }

    @Override
    public void processElement(HomeStatus status, ReadOnlyContext ctx, Collector<StatusUpdate> out) throws Exception {
        if (config.current(ctx.getBroadcastState(ConfigState.DESCRIPTOR)).home(status.homeId()).isPresent()) {
            out.collect(StatusUpdate.publish(status));
        }
    }

    @Override
    public void processBroadcastElement(ControlMessage message, Context ctx, Collector<StatusUpdate> out) throws Exception {
        if (message.kind() != ControlMessage.Kind.HOMES) {
            config.apply(ctx.getBroadcastState(ConfigState.DESCRIPTOR), message);
            return;
        }
        BroadcastState<String, String> state = ctx.getBroadcastState(ConfigState.DESCRIPTOR);
        KitRegistry before = config.current(state).registry();
        if (config.apply(state, message)) {
            KitRegistry after = config.current(state).registry();
            RegistryDiff.between(before, after).homesRemoved().forEach(home -> out.collect(StatusUpdate.clear(home)));
        }
    }
}
