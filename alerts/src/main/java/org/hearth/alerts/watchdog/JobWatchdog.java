package org.hearth.alerts.watchdog;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.hearth.alerts.lifecycle.AlertLifecycle;
import org.hearth.alerts.lifecycle.LifecycleEvent;
import org.hearth.alerts.lifecycle.LifecycleInput;
import org.hearth.alerts.lifecycle.LifecycleState;
import org.hearth.alerts.lifecycle.Transition;
import org.hearth.models.alert.Rule;
import org.hearth.models.registry.Carer;
import org.hearth.models.registry.Home;
import org.hearth.models.registry.Resident;

/**
 * Watches the detection job from outside it (DESIGN.md, Alerts: "a silent or lagging job is a
 * system alert raised by a path that does not depend on the job"). It keeps the job's newest
 * {@link JobHeartbeat}, and on each {@link #check()} judges it ({@link JobHealth#assess}) and drives
 * the {@link Rule#JOB_SILENT} alert through the same {@link AlertLifecycle} as every other alert:
 * raised once when the job turns unhealthy, escalated on the wall clock, resolved (with an all-clear
 * to everyone texted) when it is healthy again. Its events go to delivery (the installer, then the
 * duty line), outside Flink.
 *
 * <p>The alert belongs to a pseudo-home, the provider ({@link #providerHome}), because it concerns
 * every resident at once. Time is the injected clock's, never event time: the job's event time is
 * what is being judged. Thread-safe: heartbeats arrive on the MQTT thread, checks on a timer.
 */
public final class JobWatchdog {

    /** Id of the provider pseudo-home that system alerts about Hearth itself belong to. */
    public static final String PROVIDER_HOME_ID = "hearth";

    private final WatchdogSettings settings;
    private final Clock clock;
    private final AlertLifecycle lifecycle;
    private final Home provider;
    private final Consumer<LifecycleEvent> out;
    private final Instant watchingSince;
    private JobHeartbeat last;
    private LifecycleState open;
    private JobHealth health;
    private long unreadable;

    /**
     * @param settings thresholds
     * @param clock the wall clock
     * @param lifecycle the alert lifecycle (escalation policy and renderer of the deployment)
     * @param provider the home the alert belongs to ({@link #providerHome})
     * @param out where lifecycle events go (delivery, audit, log)
     */
    public JobWatchdog(WatchdogSettings settings, Clock clock, AlertLifecycle lifecycle, Home provider,
                       Consumer<LifecycleEvent> out) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.lifecycle = Objects.requireNonNull(lifecycle, "lifecycle");
        this.provider = Objects.requireNonNull(provider, "provider");
        this.out = Objects.requireNonNull(out, "out");
        this.watchingSince = clock.instant();
    }

    /**
     * The provider's pseudo-home: no resident, no carers; system alerts go to its installer (the
     * provider's contact, when given) and then the duty line.
     *
     * @param installer the provider's on-call contact, or null for the duty line only
     */
    public static Home providerHome(Carer installer) {
        return new Home(PROVIDER_HOME_ID, "UTC", new Resident(PROVIDER_HOME_ID, "monitoring"), List.of(), List.of(),
                List.of(), installer, null, null);
    }

    /** Takes a heartbeat; an older one than the newest seen (a retained copy, a reordering) is ignored. */
    public synchronized void heartbeat(JobHeartbeat heartbeat) {
        Objects.requireNonNull(heartbeat, "heartbeat");
        if (last == null || heartbeat.at().isAfter(last.at())) {
            last = heartbeat;
        }
    }

    /** A message on the heartbeat topic that did not read as a heartbeat (counted; it proves nothing). */
    public synchronized void unreadable() {
        unreadable++;
    }

    /** Judges the job now and moves the alert: raise, escalate, or resolve. */
    public synchronized JobHealth check() {
        Instant now = clock.instant();
        health = JobHealth.assess(last, now, watchingSince, settings);
        if (!health.healthy() && open == null) {
            step(new LifecycleInput.Raise(Rule.JOB_SILENT, now, health.explanation()));
        } else if (health.healthy() && open != null) {
            step(new LifecycleInput.Clear(now, "the job is running again (" + health.observed() + ")"));
        }
        if (open != null && open.wakeAt() != null && !now.isBefore(open.wakeAt())) {
            step(new LifecycleInput.Tick(now));
        }
        return health;
    }

    /** An "OK code" from the installer or duty line: stops the escalation of the open alert. */
    public synchronized void acknowledge(String code, String by) {
        if (open != null) {
            step(new LifecycleInput.Acknowledge(clock.instant(), code, by));
        }
    }

    public synchronized boolean alertOpen() {
        return open != null;
    }

    /** The last verdict, or null before the first check. */
    public synchronized JobHealth health() {
        return health;
    }

    public synchronized JobHeartbeat lastHeartbeat() {
        return last;
    }

    public synchronized long unreadableCount() {
        return unreadable;
    }

    private void step(LifecycleInput input) {
        Transition t = lifecycle.apply(open, input, provider, null);
        open = t.state();
        t.events().forEach(out);
    }
}
