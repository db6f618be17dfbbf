package org.hearth.alerts.delivery;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.hearth.alerts.gateway.GatewayHealthListener;
import org.hearth.alerts.lifecycle.LifecycleInput;
import org.hearth.models.alert.Rule;
import org.hearth.models.explain.Explanation;

/**
 * Watches delivery and raises the {@link Rule#DELIVERY_FAILING} system alert when texts keep
 * failing (every gateway, every retry) <em>or</em> when one gateway keeps failing while another
 * carries the texts (a failover that works still leaves the provider one failure from silence);
 * clears it when texts go through and no gateway is down. The raise and clear go into the
 * provider's lifecycle ({@link ProviderAlerts}) like any other rule, so they are texted to the duty
 * line (through a gateway that works: the failing one is tried last), escalated and audited.
 */
public final class DeliveryHealth implements GatewayHealthListener {

    private final int threshold;
    private final Consumer<LifecycleInput> sink;
    private final Map<String, String> failingGateways = new LinkedHashMap<>();
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
        if (consecutiveFailures++ == 0 && failingSince == null) {
            failingSince = at;
        }
        if (consecutiveFailures >= threshold) {
            raise(at, consecutiveFailures + " texts failed in a row, last error " + lastError, lastError);
        }
    }

    public synchronized void succeeded(Instant at) {
        consecutiveFailures = 0;
        clearIfHealthy(at);
    }

    @Override
    public synchronized void failing(String gateway, int failures, String lastError, Instant at) {
        failingGateways.put(gateway, lastError);
        if (failingSince == null) {
            failingSince = at;
        }
        raise(at, "gateway " + gateway + " failing (" + lastError + "), texts go through the others", lastError);
    }

    @Override
    public synchronized void recovered(String gateway, Instant at) {
        failingGateways.remove(gateway);
        clearIfHealthy(at);
    }

    public synchronized boolean failing() {
        return raised;
    }

    private void raise(Instant at, String observed, String lastError) {
        if (raised) {
            return;
        }
        raised = true;
        sink.accept(new LifecycleInput.Raise(Rule.DELIVERY_FAILING, at, new Explanation(
                "texts are accepted by the gateway", observed,
                Map.of("since", failingSince.toString().substring(11, 16) + " UTC", "failures",
                        Integer.toString(consecutiveFailures), "error", String.valueOf(lastError)))));
    }

    private void clearIfHealthy(Instant at) {
        if (consecutiveFailures == 0 && failingGateways.isEmpty()) {
            failingSince = null;
            if (raised) {
                raised = false;
                sink.accept(new LifecycleInput.Clear(at, "texts are going through again"));
            }
        }
    }
}
