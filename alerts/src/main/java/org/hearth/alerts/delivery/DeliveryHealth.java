package org.hearth.alerts.delivery;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.hearth.alerts.lifecycle.LifecycleInput;
import org.hearth.models.alert.Rule;
import org.hearth.models.explain.Explanation;

/**
 * Watches delivery outcomes and raises the {@link Rule#DELIVERY_FAILING} system alert when texts
 * keep failing (every gateway, every retry), and clears it at the next success. The raise and
 * clear go back into a lifecycle (keyed by the provider, not a resident) like any other rule, so
 * they are routed to the installer and duty line, audited and de-duplicated the same way.
 */
public final class DeliveryHealth {

    private final int threshold;
    private final Consumer<LifecycleInput> sink;
    private int consecutiveFailures;
    private Instant failingSince;
    private boolean raised;

    /**
     * @param threshold consecutive failed texts that make a system alert (e.g. 3)
     * @param sink where the raise and clear go (the provider-level lifecycle)
     */
    public DeliveryHealth(int threshold, Consumer<LifecycleInput> sink) {
        if (threshold < 1) {
            throw new IllegalArgumentException("threshold must be >= 1");
        }
        this.threshold = threshold;
        this.sink = Objects.requireNonNull(sink, "sink");
    }

    public synchronized void failed(Instant at, String lastError) {
        if (consecutiveFailures++ == 0) {
            failingSince = at;
        }
        if (!raised && consecutiveFailures >= threshold) {
            raised = true;
            sink.accept(new LifecycleInput.Raise(Rule.DELIVERY_FAILING, at, new Explanation(
                    "texts are accepted by the gateway",
                    consecutiveFailures + " texts failed in a row, last error " + lastError,
                    Map.of("since", failingSince.toString().substring(11, 16) + " UTC", "failures",
                            Integer.toString(consecutiveFailures), "error", String.valueOf(lastError)))));
        }
    }

    public synchronized void succeeded(Instant at) {
        consecutiveFailures = 0;
        failingSince = null;
        if (raised) {
            raised = false;
            sink.accept(new LifecycleInput.Clear(at, "texts are going through again"));
        }
    }

    public synchronized boolean failing() {
        return raised;
    }
}
