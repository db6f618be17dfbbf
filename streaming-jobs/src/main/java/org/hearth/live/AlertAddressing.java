package org.hearth.live;

import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.co.BroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.hearth.alerts.lifecycle.LifecycleEvent;
import org.hearth.job.ControlMessage;
import org.hearth.models.alert.Alert;
import org.hearth.models.alert.Severity;
import org.hearth.models.registry.Home;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives each lifecycle step its home's current registry entry, following the control topic like
 * ingest and detection do (the registry text is broadcast state, parsed once per change). A step
 * for a home the registry no longer lists is dropped: the detector already set its events aside;
 * so is a step about a resident who no longer lives there ({@link #concernsTheHomeNow}).
 */
final class AlertAddressing extends BroadcastProcessFunction<LifecycleEvent, ControlMessage, AddressedAlert> {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(AlertAddressing.class);
    static final MapStateDescriptor<String, String> REGISTRY =
            new MapStateDescriptor<>("hearth-delivery-registry", Types.STRING, Types.STRING);

    private final FollowedRegistry registry;

    AlertAddressing(String initialHomes) {
        this.registry = new FollowedRegistry(initialHomes);
    }

    @Override
    public void processElement(LifecycleEvent event, ReadOnlyContext ctx, Collector<AddressedAlert> out) throws Exception {
        Home home = registry.current(ctx.getBroadcastState(REGISTRY).get(FollowedRegistry.KEY))
                .home(event.alert().homeId()).orElse(null);
        if (home != null && concernsTheHomeNow(event.alert(), home)) {
            out.collect(new AddressedAlert(event, home));
        }
    }

    /**
     * Whether a step is still the home's business. When the registry names a new resident, an alert
     * still open for the previous one (the lifecycle is keyed by resident) would go on escalating to
     * the new resident's carers, under the previous resident's alias: it is dropped. A system alert
     * is about the kit (a dead sensor, a hub offline) and goes to the duty line whoever lives there.
     */
    static boolean concernsTheHomeNow(Alert alert, Home home) {
        return alert.severity() == Severity.SYSTEM || alert.residentId().equals(home.residentId());
    }

    @Override
    public void processBroadcastElement(ControlMessage message, Context ctx, Collector<AddressedAlert> out) throws Exception {
        try {
            if (registry.accept(message).isPresent()) {
                ctx.getBroadcastState(REGISTRY).put(FollowedRegistry.KEY, message.text());
            }
        } catch (RuntimeException e) {
            LOG.warn("delivery refused a registry from the control topic, keeping the previous one: {}", e.getMessage());
        }
    }
}
