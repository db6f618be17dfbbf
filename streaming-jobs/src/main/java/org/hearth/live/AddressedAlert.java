package org.hearth.live;

import java.util.Objects;
import org.hearth.alerts.lifecycle.LifecycleEvent;
import org.hearth.models.registry.Home;

/**
 * A lifecycle step with the home it concerns as the registry says now (carers, quiet hours,
 * resident's alias): what SMS delivery needs. Resolved in the job, not in the sink, so that a home
 * or carer added with {@code hearth kit apply} is texted without a restart.
 *
 * @param event the lifecycle step
 * @param home the home's current registry entry
 */
public record AddressedAlert(LifecycleEvent event, Home home) {

    public AddressedAlert {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(home, "home");
    }
}
