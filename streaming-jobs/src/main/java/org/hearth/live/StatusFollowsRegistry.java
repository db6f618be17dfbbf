package org.hearth.live;

import java.util.Optional;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.co.BroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.hearth.installer.control.RegistryDiff;
import org.hearth.models.status.HomeStatus;
import org.hearth.installer.status.StatusUpdate;
import org.hearth.job.ControlMessage;
import org.hearth.models.registry.KitRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the retained statuses in step with the registry as applied: when {@code hearth kit apply}
 * removes a home, its retained status is cleared (otherwise {@code hearth status} would list a home
 * nobody watches, with a status that looks alive), and a status that still comes for it (an alert
 * closing in the lifecycle) is dropped. The registry text is broadcast state, parsed once per change.
 *
 * <p>Every subtask sees the change and clears the removed homes on its own writer, after the last
 * status it passed for them: the broker ends with no retained message whichever subtask is last.
 */
final class StatusFollowsRegistry extends BroadcastProcessFunction<HomeStatus, ControlMessage, StatusUpdate> {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(StatusFollowsRegistry.class);
    static final MapStateDescriptor<String, String> REGISTRY =
            new MapStateDescriptor<>("hearth-status-registry", Types.STRING, Types.STRING);

    private final FollowedRegistry registry;

    StatusFollowsRegistry(String initialHomes) {
        this.registry = new FollowedRegistry(initialHomes);
    }

    @Override
    public void processElement(HomeStatus status, ReadOnlyContext ctx, Collector<StatusUpdate> out) throws Exception {
        if (current(ctx.getBroadcastState(REGISTRY)).home(status.homeId()).isPresent()) {
            out.collect(StatusUpdate.publish(status));
        }
    }

    @Override
    public void processBroadcastElement(ControlMessage message, Context ctx, Collector<StatusUpdate> out) throws Exception {
        KitRegistry before = current(ctx.getBroadcastState(REGISTRY));
        Optional<KitRegistry> next;
        try {
            next = registry.accept(message);
        } catch (RuntimeException e) {
            LOG.warn("status publishing refused a registry from the control topic, keeping the previous one: {}", e.getMessage());
            return;
        }
        if (next.isPresent()) {
            RegistryDiff.between(before, next.get()).homesRemoved().forEach(home -> out.collect(StatusUpdate.clear(home)));
            ctx.getBroadcastState(REGISTRY).put(FollowedRegistry.KEY, message.text());
        }
    }

    private KitRegistry current(ReadOnlyBroadcastState<String, String> state) throws Exception {
        return registry.current(state.get(FollowedRegistry.KEY));
    }
}
