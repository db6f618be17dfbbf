package org.hearth.alerts.route;

import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.hearth.models.alert.Severity;
import org.hearth.models.registry.Carer;
import org.hearth.models.registry.Home;

/**
 * Who is told, in what order and after what delay, per severity (DESIGN.md, Alerts):
 * <ul>
 *   <li>urgent: carers in the registry's order, then the provider's duty line; quiet hours ignored;
 *   <li>warning: the same order, but carers in their quiet hours are skipped or waited for;
 *   <li>trend: the home's daily digest only, never a text of its own, never escalated;
 *   <li>system: the installer (when the home names one), then the duty line.
 * </ul>
 */
public final class EscalationPolicy implements Serializable {

    private final Map<Severity, SeverityPolicy> bySeverity;

    public EscalationPolicy(Map<Severity, SeverityPolicy> bySeverity) {
        this.bySeverity = new EnumMap<>(Severity.class);
        for (Severity severity : Severity.values()) {
            this.bySeverity.put(severity, Objects.requireNonNull(bySeverity.get(severity), "policy for " + severity));
        }
        if (this.bySeverity.get(Severity.URGENT).respectQuietHours()) {
            throw new IllegalArgumentException("urgent alerts must ignore quiet hours");
        }
    }

    /** Urgent 10 min, warning 30 min (quiet hours respected), system 60 min, trend digest; no pre-alert. */
    public static EscalationPolicy defaults() {
        return new EscalationPolicy(Map.of(
                Severity.URGENT, new SeverityPolicy(Duration.ofMinutes(10), false, null),
                Severity.WARNING, new SeverityPolicy(Duration.ofMinutes(30), true, null),
                Severity.TREND, new SeverityPolicy(null, true, null),
                Severity.SYSTEM, new SeverityPolicy(Duration.ofMinutes(60), false, null)));
    }

    /** A copy with the "I'm OK" pre-alert enabled for warnings. */
    public EscalationPolicy withPreAlert(Duration window) {
        Map<Severity, SeverityPolicy> copy = new EnumMap<>(bySeverity);
        SeverityPolicy warning = copy.get(Severity.WARNING);
        copy.put(Severity.WARNING, new SeverityPolicy(warning.escalateAfter(), warning.respectQuietHours(), window));
        return new EscalationPolicy(copy);
    }

    public SeverityPolicy of(Severity severity) {
        return bySeverity.get(severity);
    }

    /** The pre-alert window for this severity, or null: never for urgent alerts. */
    public Duration preAlertWindow(Severity severity) {
        return severity == Severity.URGENT ? null : bySeverity.get(severity).preAlertWindow();
    }

    /** The escalation order for a home and severity; never empty (the duty line or digest closes it). */
    public List<Recipient> order(Home home, Severity severity) {
        List<Recipient> order = new ArrayList<>();
        switch (severity) {
            case TREND -> order.add(Recipient.DIGEST);
            case SYSTEM -> {
                if (home.installer() != null && home.installer().phone() != null) {
                    order.add(Recipient.INSTALLER);
                }
                order.add(Recipient.DUTY_LINE);
            }
            case URGENT, WARNING -> {
                for (int i = 0; i < home.carers().size(); i++) {
                    order.add(Recipient.carer(i));
                }
                order.add(Recipient.DUTY_LINE);
            }
        }
        return order;
    }

    /**
     * Where step {@code from} of the order lands at {@code at}: the first recipient at or after
     * {@code from} who may be texted now. For severities that respect quiet hours, carers in their
     * quiet hours are skipped; when every remaining carer is quiet, the answer is to wait until the
     * first of them wakes (the duty line is reached only after the carers had their chance).
     */
    public Routing route(Home home, Severity severity, int from, java.time.Instant at) {
        List<Recipient> order = order(home, severity);
        if (from >= order.size()) {
            return Routing.exhausted();
        }
        if (!bySeverity.get(severity).respectQuietHours() || severity == Severity.TREND) {
            return Routing.send(from, order.get(from));
        }
        java.time.Instant earliestWake = null;
        for (int i = from; i < order.size(); i++) {
            Recipient r = order.get(i);
            if (r.kind() != RecipientKind.CARER) {
                if (earliestWake != null) {
                    return Routing.waitUntil(earliestWake); // carers remain, asleep: wait for them
                }
                return Routing.send(i, r);
            }
            Carer carer = home.carers().get(r.index());
            QuietHours quiet = QuietHours.parse(carer.quietHours());
            if (!quiet.contains(at, home.zone())) {
                return Routing.send(i, r);
            }
            java.time.Instant wake = quiet.endAfter(at, home.zone());
            earliestWake = earliestWake == null || wake.isBefore(earliestWake) ? wake : earliestWake;
        }
        return Routing.waitUntil(earliestWake);
    }

    /** The outcome of {@link #route}: send to a recipient at a step, wait, or nobody is left. */
    public record Routing(int step, Recipient recipient, java.time.Instant waitUntil) {
        static Routing send(int step, Recipient recipient) {
            return new Routing(step, recipient, null);
        }

        static Routing waitUntil(java.time.Instant until) {
            return new Routing(-1, null, until);
        }

        static Routing exhausted() {
            return new Routing(-1, null, null);
        }

        public boolean sends() {
            return recipient != null;
        }

        public boolean waits() {
            return waitUntil != null;
        }
    }
}
