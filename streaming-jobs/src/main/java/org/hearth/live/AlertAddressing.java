package org.hearth.live;

import org.apache.flink.util.Collector;
import org.hearth.alerts.lifecycle.LifecycleEvent;
import org.hearth.job.DetectionJobConfig;
import org.hearth.models.alert.Alert;
import org.hearth.models.alert.Severity;
import org.hearth.models.registry.Home;
import org.hearth.models.rules.DetectionSettings;

/**
 * Gives each lifecycle step its home's current registry entry, following the control topic like
 * ingest and detection do ({@link FollowsRegistry}). A step for a home the registry no longer lists
 * is dropped: the detector already set its events aside; so is a step about a resident who no
 * longer lives there ({@link #concernsTheHomeNow}).
 */
final class AlertAddressing extends FollowsRegistry<LifecycleEvent, AddressedAlert> {

    private static final long serialVersionUID = 1L;

    AlertAddressing(DetectionJobConfig initial) {
        super(initial);
    }

    @Override
    void process(LifecycleEvent event, DetectionSettings now, Collector<AddressedAlert> out) {
        Home home = now.home(event.alert().homeId()).orElse(null);
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
}
