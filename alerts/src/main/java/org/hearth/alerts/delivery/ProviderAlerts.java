package org.hearth.alerts.delivery;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.hearth.alerts.lifecycle.AlertLifecycle;
import org.hearth.alerts.lifecycle.LifecycleEvent;
import org.hearth.alerts.lifecycle.LifecycleInput;
import org.hearth.alerts.lifecycle.LifecycleState;
import org.hearth.alerts.lifecycle.Transition;
import org.hearth.models.registry.Home;

/**
 * The system alerts that delivery raises about itself ({@code delivery-failing}) and about carers
 * who opted out ({@code carer-opted-out}), driven through the same {@link AlertLifecycle} as every
 * other alert, so that they are texted to the installer and the duty line, escalated, audited and
 * de-duplicated the same way. Delivery cannot feed the job's keyed lifecycle (it sits after it),
 * so these alerts keep their state here, keyed by a name ({@code delivery-failing},
 * {@code carer-opted-out/h1/carer-1}); time is the injected clock's.
 */
public final class ProviderAlerts {

    private record Open(LifecycleState state, Home home) {}

    /** An event to deliver, with the home it is delivered for. */
    public record Addressed(LifecycleEvent event, Home home) {}

    private final AlertLifecycle lifecycle;
    private final Map<String, Open> open = new LinkedHashMap<>();

    public ProviderAlerts(AlertLifecycle lifecycle) {
        this.lifecycle = Objects.requireNonNull(lifecycle, "lifecycle");
    }

    /** Applies one input to the alert named {@code key} (of {@code home}); returns the events to deliver. */
    public synchronized List<Addressed> apply(String key, LifecycleInput input, Home home) {
        Open current = open.get(key);
        Home h = current != null ? current.home() : Objects.requireNonNull(home, "home");
        Transition t = lifecycle.apply(current == null ? null : current.state(), input, h, null);
        if (t.state() == null) {
            open.remove(key);
        } else {
            open.put(key, new Open(t.state(), h));
        }
        return t.events().stream().map(e -> new Addressed(e, h)).toList();
    }

    /** Escalates every open alert whose next step is due at {@code now}. */
    public synchronized List<Addressed> tick(Instant now) {
        List<Addressed> events = new ArrayList<>();
        for (String key : List.copyOf(open.keySet())) {
            Open o = open.get(key);
            if (o.state().wakeAt() != null && !now.isBefore(o.state().wakeAt())) {
                events.addAll(apply(key, new LifecycleInput.Tick(now), o.home()));
            }
        }
        return events;
    }

    /** The home an open alert belongs to (its events are delivered with it), or null. */
    public synchronized Home home(String key) {
        Open o = open.get(key);
        return o == null ? null : o.home();
    }

    public synchronized boolean isOpen(String key) {
        return open.containsKey(key);
    }
}
