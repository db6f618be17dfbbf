package org.hearth.alerts.delivery;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.hearth.alerts.audit.AuditLog;
import org.hearth.alerts.gateway.ReliableSender;
import org.hearth.alerts.gateway.SmsMessage;
import org.hearth.alerts.lifecycle.LifecycleEvent;
import org.hearth.alerts.lifecycle.LifecycleEventType;
import org.hearth.alerts.render.AlertText;
import org.hearth.alerts.render.MessageRenderer;
import org.hearth.alerts.route.Recipient;
import org.hearth.models.explain.Explanation;
import org.hearth.models.registry.Home;

/**
 * Turns lifecycle events into texts, exactly once per (alert, recipient, step) as far as a durable
 * store can promise (see {@link DedupeStore} for the one window where a crash can duplicate), and
 * audits every outcome. Events that text nobody (raised, pre-alert, cancelled, suppressed) are
 * audited only where they matter: a resident's "I'm OK" is recorded as a learning signal.
 *
 * <p>Thread-safe; sends one text at a time (a care service sends a few texts an hour per home).
 */
public final class DeliveryService {

    private final RecipientDirectory directory;
    private final DedupeStore store;
    private final ReliableSender sender;
    private final AuditLog audit;
    private final DeliveryHealth health;
    private final Clock clock;
    private final MessageRenderer renderer = new MessageRenderer();
    private final Map<String, List<AlertText>> digests = new HashMap<>();

    public DeliveryService(RecipientDirectory directory, DedupeStore store, ReliableSender sender, AuditLog audit,
            DeliveryHealth health, Clock clock) {
        this.directory = Objects.requireNonNull(directory, "directory");
        this.store = Objects.requireNonNull(store, "store");
        this.sender = Objects.requireNonNull(sender, "sender");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.health = health;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Delivers one lifecycle event to its recipients; replaying the same event sends nothing twice. */
    public synchronized List<DeliveryResult> deliver(LifecycleEvent event, Home home) throws InterruptedException {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(home, "home");
        List<DeliveryResult> results = new ArrayList<>();
        if (event.isLearningSignal()) {
            audit.record("pre-alert-cancelled", event.alert().alertId(), home.id() + "/resident", null, null, "resident-ok");
        }
        if (event.type() == LifecycleEventType.ACKNOWLEDGED) {
            audit.record("ack", event.alert().alertId(), home.id() + "/" + event.reason().replace("by:", ""), null, null,
                    "acknowledged");
        }
        for (Recipient recipient : event.recipients()) {
            String key = event.deliveryKey(recipient);
            String who = RecipientDirectory.logId(home, recipient);
            if (!recipient.texted()) {
                results.add(digest(event, home, key, who));
                continue;
            }
            results.add(text(key, who, directory.phone(home, recipient), event.message()));
        }
        return results;
    }

    /**
     * Sends the home's daily digest of trends collected since the last one, to the first carer, once
     * per local day (the key holds the day). Call it at the home's digest hour; nothing is sent when
     * no trend was collected.
     */
    public synchronized Optional<DeliveryResult> sendDigest(Home home, LocalDate localDay) throws InterruptedException {
        List<AlertText> trends = digests.remove(home.id());
        if (trends == null || trends.isEmpty()) {
            return Optional.empty();
        }
        Recipient first = Recipient.carer(0);
        String key = "digest-" + home.id() + "-" + localDay + "/" + first.id() + "/digest";
        String body = renderer.digest(home.residentAlias(), trends);
        return Optional.of(text(key, RecipientDirectory.logId(home, first), directory.phone(home, first), body));
    }

    private DeliveryResult digest(LifecycleEvent event, Home home, String key, String who) {
        var alert = event.alert();
        digests.computeIfAbsent(home.id(), h -> new ArrayList<>()).add(new AlertText(alert.rule(), home.residentAlias(),
                home.id(), null, Explanation.of(alert.expected(), alert.observed())));
        audit.record("digested", key, who, null, null, null);
        return new DeliveryResult(key, who, DeliveryResult.Status.DIGESTED, null, null);
    }

    private DeliveryResult text(String key, String who, Optional<String> phone, String body) throws InterruptedException {
        if (store.isSent(key)) {
            audit.record("duplicate-skipped", key, who, null, null, null);
            return new DeliveryResult(key, who, DeliveryResult.Status.DUPLICATE_SKIPPED, null, null);
        }
        if (phone.isEmpty()) {
            audit.record("no-number", key, who, null, null, null);
            return new DeliveryResult(key, who, DeliveryResult.Status.NO_NUMBER, null, null);
        }
        if (store.isInDoubt(key)) {
            audit.record("in-doubt-resend", key, who, null, null, null);
        }
        try {
            store.markSending(key);
            ReliableSender.Outcome outcome = sender.send(new SmsMessage(key, phone.get(), body, who));
            if (!outcome.sent()) {
                if (health != null) {
                    health.failed(clock.instant(), outcome.lastError());
                }
                return new DeliveryResult(key, who, DeliveryResult.Status.FAILED, null, null);
            }
            store.markSent(key);
            if (health != null) {
                health.succeeded(clock.instant());
            }
            return new DeliveryResult(key, who, DeliveryResult.Status.SENT, outcome.receipt().gateway(),
                    outcome.receipt().providerId());
        } catch (IOException e) {
            // The store could not record: stop rather than risk sending without a record.
            throw new UncheckedIOException("dedupe store write failed; delivery stopped", e);
        }
    }
}
