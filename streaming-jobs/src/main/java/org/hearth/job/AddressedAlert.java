package org.hearth.job;

import java.util.Objects;
import java.util.Optional;
import org.hearth.alerts.lifecycle.LifecycleEvent;
import org.hearth.models.alert.Alert;
import org.hearth.models.alert.Severity;
import org.hearth.models.registry.Home;

/**
 * A lifecycle step with the home it concerns as the registry says now (carers, quiet hours,
 * resident's alias): what SMS delivery needs. Resolved in the job ({@link LifecycleDriver}, with the
 * registry it took the step with), not in the sink, so that a home or carer added with
 * {@code hearth kit apply} is texted without a restart.
 *
 * @param event the lifecycle step
 * @param home the home's current registry entry
 */
public record AddressedAlert(LifecycleEvent event, Home home) {

    public AddressedAlert {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(home, "home");
    }

    /**
     * {@code event} addressed to {@code home}, or nothing when the step is no longer the home's
     * business. When the registry names a new resident, an alert still open for the previous one
     * (its lifecycle goes on: it is keyed by home and rule) would go on escalating to the new
     * resident's carers, under the previous resident's alias: it is dropped. A system alert is about
     * the kit (a dead sensor, a hub offline) and goes to the duty line whoever lives there.
     */
    public static Optional<AddressedAlert> ifStillTheHomes(LifecycleEvent event, Home home) {
        Alert alert = event.alert();
        boolean concernsTheHomeNow = alert.severity() == Severity.SYSTEM || alert.residentId().equals(home.residentId());
        return concernsTheHomeNow ? Optional.of(new AddressedAlert(event, home)) : Optional.empty();
    }
}
