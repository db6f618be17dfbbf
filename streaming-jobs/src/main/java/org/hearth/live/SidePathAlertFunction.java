package org.hearth.live;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.hearth.alerts.lifecycle.AlertLifecycle;
import org.hearth.alerts.render.MessageRenderer;
import org.hearth.alerts.route.EscalationPolicy;
import org.hearth.alerts.watchdog.JobWatchdog;
import org.hearth.job.AddressedAlert;
import org.hearth.live.sidepath.SideFault;
import org.hearth.live.sidepath.SidePathAlerts;
import org.hearth.models.registry.Carer;

/**
 * Thin Flink shell around {@link SidePathAlerts}: faults in, the provider's system alert out,
 * addressed for delivery (which does not depend on any side path). Run with parallelism 1. Its
 * state is not checkpointed: after a restart a path still failing raises the alert again.
 */
public final class SidePathAlertFunction extends ProcessFunction<SideFault, AddressedAlert> {

    private static final long serialVersionUID = 1L;

    private final EscalationPolicy escalation;
    private final String installerName;
    private final String installerPhone;
    private transient SidePathAlerts alerts;

    /** @param installer who hears of it first (then the duty line), or null for the duty line only */
    public SidePathAlertFunction(EscalationPolicy escalation, Carer installer) {
        this.escalation = escalation;
        this.installerName = installer == null ? null : installer.name();
        this.installerPhone = installer == null ? null : installer.phone();
    }

    @Override
    public void open(OpenContext openContext) {
        Carer installer = installerPhone == null ? null : new Carer(installerName, installerPhone, null);
        alerts = new SidePathAlerts(new AlertLifecycle(escalation, new MessageRenderer()), JobWatchdog.providerHome(installer));
    }

    @Override
    public void processElement(SideFault fault, Context ctx, Collector<AddressedAlert> out) {
        alerts.on(fault).forEach(e -> out.collect(new AddressedAlert(e, alerts.provider())));
    }
}
