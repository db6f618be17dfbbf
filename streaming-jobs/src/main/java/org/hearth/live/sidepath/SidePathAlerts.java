package org.hearth.live.sidepath;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.hearth.alerts.lifecycle.AlertLifecycle;
import org.hearth.alerts.lifecycle.LifecycleEvent;
import org.hearth.alerts.lifecycle.LifecycleInput;
import org.hearth.alerts.lifecycle.LifecycleState;
import org.hearth.alerts.lifecycle.Transition;
import org.hearth.models.alert.Rule;
import org.hearth.models.explain.Explanation;
import org.hearth.models.registry.Home;

/**
 * Turns side-path faults into the {@link Rule#SIDE_PATH_FAILING} system alert of the provider
 * (the pseudo-home of {@code JobWatchdog.providerHome}): raised when the first writer of any side
 * path starts failing, cleared (with an all-clear) when the last one recovers, through the same
 * {@link AlertLifecycle} as every alert, so it is routed to the installer and the duty line,
 * audited and de-duplicated. One alert for all side paths (a lifecycle holds one open alert per
 * resident and rule); its text names the paths failing when it was raised. Plain Java.
 */
public final class SidePathAlerts {

    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);

    private final AlertLifecycle lifecycle;
    private final Home provider;
    private final Map<String, SideFault> failing = new TreeMap<>();
    private LifecycleState open;

    public SidePathAlerts(AlertLifecycle lifecycle, Home provider) {
        this.lifecycle = lifecycle;
        this.provider = provider;
    }

    /** @return the lifecycle events (raise, clear) this fault causes, often none */
    public List<LifecycleEvent> on(SideFault fault) {
        if (fault.failing()) {
            failing.put(fault.writer(), fault);
        } else {
            failing.remove(fault.writer());
        }
        if (!failing.isEmpty() && open == null) {
            String paths = String.join(", ", failing.values().stream().map(SideFault::path).distinct().toList());
            return step(new LifecycleInput.Raise(Rule.SIDE_PATH_FAILING, fault.at(), new Explanation(
                    "dead letters, late events, alert files, storage and statuses are written",
                    paths + " failing: " + fault.error(),
                    Map.of("paths", paths, "since", HH_MM.format(fault.at()) + " UTC"))));
        }
        if (failing.isEmpty() && open != null) {
            return step(new LifecycleInput.Clear(fault.at(), "side paths write again (" + fault.lost() + " records lost)"));
        }
        return List.of();
    }

    public boolean alertOpen() {
        return open != null;
    }

    public Home provider() {
        return provider;
    }

    private List<LifecycleEvent> step(LifecycleInput input) {
        Transition t = lifecycle.apply(open, input, provider, null);
        open = t.state();
        return t.events();
    }
}
