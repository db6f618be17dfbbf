package org.hearth.live;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.co.BroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.hearth.alerts.lifecycle.LifecycleEvent;
import org.hearth.ingest.control.ConfigState;
import org.hearth.ingest.control.ControlMessage;
import org.hearth.job.DetectionJobConfig;
import org.hearth.models.alert.Alert;
import org.hearth.models.alert.Severity;
import org.hearth.models.registry.Home;

/**
 * Gives each lifecycle step its home's current registry entry, following the control topic like
 * ingest and detection do (the job's one broadcast configuration, {@link ConfigState}). A step
 * for a home the registry no longer lists is dropped: the detector already set its events aside;
 * so is a step about a resident who no longer lives there ({@link #concernsTheHomeNow}).
 */
final class AlertAddressing extends BroadcastProcessFunction<LifecycleEvent, ControlMessage, AddressedAlert> {

    private static final long serialVersionUID = 1L;

    private final DetectionJobConfig initial;
    private transient ConfigState config;

    AlertAddressing(DetectionJobConfig initial) {
        this.initial = initial;
    }

    @Override
    public void open(OpenContext openContext) {
        config = new ConfigState(initial);
    }

    @Override
    public void processElement(LifecycleEvent event, ReadOnlyContext ctx, Collector<AddressedAlert> out) throws Exception {
        Home home = config.current(ctx.getBroadcastState(ConfigState.DESCRIPTOR)).home(event.alert().homeId()).orElse(null);
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
        config.apply(ctx.getBroadcastState(ConfigState.DESCRIPTOR), message);
    }
}
