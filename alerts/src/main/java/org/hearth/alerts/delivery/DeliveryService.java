package org.hearth.alerts.delivery;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.hearth.alerts.ack.OptOuts;
import org.hearth.alerts.audit.AuditLog;
import org.hearth.alerts.gateway.ReliableSender;
import org.hearth.alerts.gateway.SmsMessage;
import org.hearth.alerts.lifecycle.LifecycleEvent;
import org.hearth.alerts.lifecycle.LifecycleEventType;
import org.hearth.alerts.lifecycle.LifecycleInput;
import org.hearth.alerts.render.AlertText;
import org.hearth.alerts.render.MessageRenderer;
import org.hearth.alerts.route.EscalationPolicy;
import org.hearth.alerts.route.QuietHours;
import org.hearth.alerts.route.Recipient;
import org.hearth.alerts.route.RecipientKind;
import org.hearth.alerts.watchdog.JobWatchdog;
import org.hearth.models.alert.Rule;
import org.hearth.models.explain.Explanation;
import org.hearth.models.registry.Home;

/**
 * Turns lifecycle events into texts, exactly once per (alert, recipient, step) as far as a durable
 * store can promise (see {@link DedupeStore} for the one window where a crash can duplicate), and
 * audits every outcome. Events that text nobody (raised, pre-alert, cancelled, suppressed) are
 * audited only where they matter: a resident's "I'm OK" is recorded as a learning signal.
 *
 * <p>Besides the job's events it owns three things that happen after the job:
 * <ul>
 *   <li>the daily digest of trends: trend alerts are written into a {@link DigestBook}, and
 *       {@link #tick(Instant)} texts each carer of the home one digest (one GSM-7 segment per text)
 *       once the home's local digest time has passed, keyed per (home, day, carer);</li>
 *   <li>opt-outs: a carer who replied STOP or whom a gateway reports unsubscribed is never texted
 *       again ({@link OptOuts}), and the installer and duty line get a {@code carer-opted-out}
 *       system alert so that the escalation list is fixed;</li>
 *   <li>its own health: {@link DeliveryHealth}'s {@code delivery-failing} raise and clear go through
 *       {@link ProviderAlerts} to the duty line, through whichever gateway still works.</li>
 * </ul>
 * Thread-safe; sends one text at a time (a care service sends a few texts an hour per home).
 * Call {@link #tick(Instant)} every few seconds of the injected clock's time (the delivery sink's
 * timer does): the digest, provider escalations and opt-outs recorded by the callback endpoint are
 * acted upon then.
 */
public final class DeliveryService implements AutoCloseable {

    /**
     * What delivery needs beyond the gateways: all optional.
     *
     * @param digest where trends wait for the digest (null: in memory, digest at 18:00)
     * @param optOuts the opt-out file shared with the callback endpoint (null: opt-outs not kept)
     * @param providerAlerts the lifecycle of delivery's own system alerts (null: they are audited only)
     * @param providerHome the provider pseudo-home whose installer and duty line get delivery-failing
     */
    /**
     * @param policy the escalation order and quiet hours, as the job's lifecycle uses them: who moves
     *     up when a carer has opted out (null: the defaults)
     */
    public record Options(DigestBook digest, OptOuts optOuts, ProviderAlerts providerAlerts, Home providerHome,
                          EscalationPolicy policy) {
        public Options {
            digest = digest == null ? DigestBook.inMemory(LocalTime.of(18, 0)) : digest;
            providerHome = providerHome == null ? JobWatchdog.providerHome(null) : providerHome;
            policy = policy == null ? EscalationPolicy.defaults() : policy;
        }

        public Options(DigestBook digest, OptOuts optOuts, ProviderAlerts providerAlerts, Home providerHome) {
            this(digest, optOuts, providerAlerts, providerHome, null);
        }

        public static Options none() {
            return new Options(null, null, null, null, null);
        }
    }

    /** The provider alert key of delivery failing. */
    public static final String DELIVERY_FAILING_KEY = "delivery-failing";

    private final RecipientDirectory directory;
    private final DedupeStore store;
    private final ReliableSender sender;
    private final AuditLog audit;
    private final DeliveryHealth health;
    private final Clock clock;
    private final Options options;
    private final MessageRenderer renderer = new MessageRenderer();
    private final Map<String, Home> homes = new HashMap<>();
    private final Deque<LifecycleInput> healthInputs = new ArrayDeque<>();
    private boolean draining;
    private final List<AutoCloseable> resources = new ArrayList<>();
    /** Digests held for a carer's quiet hours and audited as such (once each, not every tick). */
    private final java.util.Set<String> heldDigests = new java.util.HashSet<>();

    public DeliveryService(RecipientDirectory directory, DedupeStore store, ReliableSender sender, AuditLog audit,
            DeliveryHealth health, Clock clock) {
        this(directory, store, sender, audit, health, clock, Options.none());
    }

    /**
     * @param health counts failed texts and failing gateways; its sink should be {@link #queueFor}
     *     a holder of this service (the health exists before the service), so that delivery-failing
     *     reaches the duty line
     */
    public DeliveryService(RecipientDirectory directory, DedupeStore store, ReliableSender sender, AuditLog audit,
            DeliveryHealth health, Clock clock, Options options) {
        this.directory = Objects.requireNonNull(directory, "directory");
        this.store = Objects.requireNonNull(store, "store");
        this.sender = Objects.requireNonNull(sender, "sender");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.health = health;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.options = Objects.requireNonNull(options, "options");
    }

    /**
     * Where {@link DeliveryHealth} sends its raise and clear: queued, and delivered as the
     * {@code delivery-failing} provider alert once the text being sent has finished (never from
     * inside a send).
     */
    public static Consumer<LifecycleInput> queueFor(java.util.concurrent.atomic.AtomicReference<DeliveryService> service) {
        return input -> {
            DeliveryService s = service.get();
            if (s != null) {
                s.queueHealth(input);
            }
        };
    }

    /** Closes {@code resource} with this service (what the factory built beside it: the replies' MQTT client). */
    public synchronized void closing(AutoCloseable resource) {
        resources.add(Objects.requireNonNull(resource, "resource"));
    }

    /**
     * Closes the gateways (an SMPP session stays bound otherwise, and a restarted task would bind a
     * second one beside it) and what was handed over with {@link #closing}. Problems are suppressed:
     * closing happens when the task ends, and nothing more is sent.
     */
    @Override
    public synchronized void close() {
        List<AutoCloseable> all = new ArrayList<>(resources);
        all.addAll(sender.gateways());
        for (AutoCloseable c : all) {
            try {
                c.close();
            } catch (Exception e) {
                audit.record("close-failed", null, null, null, null, e.getClass().getSimpleName());
            }
        }
        resources.clear();
    }

    /** Queues a health change (see {@link #queueFor}). */
    public synchronized void queueHealth(LifecycleInput input) {
        healthInputs.add(Objects.requireNonNull(input, "input"));
    }

    /** Homes as the registry has them now (carers' numbers for the digest, zones for its time). */
    public synchronized void knowHomes(Collection<Home> registryHomes) {
        registryHomes.forEach(h -> homes.put(h.id(), h));
    }

    /** Delivers one lifecycle event to its recipients; replaying the same event sends nothing twice. */
    public synchronized List<DeliveryResult> deliver(LifecycleEvent event, Home home) throws InterruptedException {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(home, "home");
        if (!JobWatchdog.PROVIDER_HOME_ID.equals(home.id())) {
            homes.put(home.id(), home);
        }
        List<DeliveryResult> results = new ArrayList<>();
        if (event.isLearningSignal()) {
            // The learning signal, per rule: the detection side counts these to widen that rule's threshold.
            audit.record("pre-alert-cancelled", event.alert().alertId(), home.id() + "/resident", null, null,
                    "resident-ok:" + event.alert().rule().wireName());
        }
        if (event.type() == LifecycleEventType.ACKNOWLEDGED) {
            audit.record("ack", event.alert().alertId(), home.id() + "/" + event.reason().replace("by:", ""), null, null,
                    "acknowledged");
        }
        boolean step = event.type() == LifecycleEventType.NOTIFIED || event.type() == LifecycleEventType.ESCALATED;
        for (Recipient recipient : informed(event, home)) {
            String key = event.deliveryKey(recipient);
            String who = RecipientDirectory.logId(home, recipient);
            if (!recipient.texted()) {
                results.add(digest(event, home, key, who));
                continue;
            }
            if (step && !store.isSent(key) && textedAnotherStep(event, home, recipient)) {
                // They already have the alert: they moved up into an opted-out carer's step. The next one moves up now.
                audit.record("moved-up-already-texted", key, who, null, null, null);
                results.addAll(moveUp(event, home, recipient));
                continue;
            }
            DeliveryResult result = text(key, home, recipient, event.message());
            results.add(result);
            if (step && result.status() == DeliveryResult.Status.OPTED_OUT) {
                results.addAll(moveUp(event, home, recipient));
            }
        }
        drainHealth();
        return results;
    }

    /**
     * Who hears of this event: its recipients, and for an acknowledgement or all-clear also
     * everyone who was texted this alert in an opted-out carer's place (the lifecycle does not know
     * who moved up; the dedupe store does).
     */
    private List<Recipient> informed(LifecycleEvent event, Home home) {
        if (event.type() != LifecycleEventType.ACKNOWLEDGED && event.type() != LifecycleEventType.RESOLVED) {
            return event.recipients();
        }
        List<Recipient> all = new ArrayList<>(event.recipients());
        for (Recipient r : options.policy().order(home, event.alert().severity())) {
            if (!all.contains(r) && r.texted() && textedAnyStep(event, home, r)) {
                all.add(r);
            }
        }
        return all;
    }

    /**
     * An opted-out carer's step goes to the next recipient in the escalation order now, as if the
     * carer were not on the list (issue 16: the provider is told to fix the list; until then nobody
     * waits a whole escalation delay for a text that will not come): the next carer who has not
     * opted out and has not had this alert, else the duty line. For alerts that respect quiet hours
     * a carer in theirs is passed over; if one was, the duty line is not moved up (it is reached only
     * after the carers had their chance, and the lifecycle's own next step waits for them). Replays
     * find the same stand-in: its key for this step is already sent.
     */
    private List<DeliveryResult> moveUp(LifecycleEvent event, Home home, Recipient optedOut) throws InterruptedException {
        List<Recipient> order = options.policy().order(home, event.alert().severity());
        boolean respectQuiet = options.policy().of(event.alert().severity()).respectQuietHours();
        boolean passedSleeper = false;
        List<DeliveryResult> results = new ArrayList<>();
        for (int i = order.indexOf(optedOut) + 1; i > 0 && i < order.size(); i++) {
            Recipient next = order.get(i);
            String key = event.deliveryKey(next);
            if (store.isSent(key)) {
                results.add(text(key, home, next, event.message())); // a replay: duplicate-skipped
                return results;
            }
            if (textedAnyStep(event, home, next)) {
                continue;
            }
            if (next.kind() == RecipientKind.CARER) {
                org.hearth.models.registry.Carer carer = home.carers().get(next.index());
                if (options.optOuts() != null && carer.phone() != null
                        && options.optOuts().optedOut(RecipientDirectory.logId(home, next), carer.phone())) {
                    continue;
                }
                if (respectQuiet && QuietHours.parse(carer.quietHours()).contains(event.at(), home.zone())) {
                    passedSleeper = true;
                    continue;
                }
            } else if (passedSleeper) {
                audit.record("moved-up-waits-quiet", event.deliveryKey(optedOut), RecipientDirectory.logId(home, optedOut),
                        null, null, null);
                return results;
            }
            audit.record("moved-up", key, RecipientDirectory.logId(home, next), null, null,
                    "for-" + optedOut.id());
            DeliveryResult result = text(key, home, next, event.message());
            results.add(result);
            if (result.status() != DeliveryResult.Status.OPTED_OUT) {
                return results; // sent, or failed (a replay retries this same stand-in)
            }
        }
        return results;
    }

    /** Whether {@code r} was texted this alert at any escalation step. */
    private boolean textedAnyStep(LifecycleEvent event, Home home, Recipient r) {
        int steps = options.policy().order(home, event.alert().severity()).size();
        String prefix = event.alert().alertId() + "/" + r.id() + "/step-";
        for (int k = 0; k < steps; k++) {
            if (store.isSent(prefix + k)) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code r} was texted this alert at a step other than this event's. */
    private boolean textedAnotherStep(LifecycleEvent event, Home home, Recipient r) {
        int steps = options.policy().order(home, event.alert().severity()).size();
        String prefix = event.alert().alertId() + "/" + r.id() + "/step-";
        for (int k = 0; k < steps; k++) {
            if (k != event.step() && store.isSent(prefix + k)) {
                return true;
            }
        }
        return false;
    }

    /** {@link #tick(Instant)} at the injected clock's now (the delivery sink's timer). */
    public List<DeliveryResult> tick() throws InterruptedException {
        return tick(clock.instant());
    }

    /**
     * What is due at {@code now}: digests whose local time has passed, escalations of delivery's
     * own system alerts, and opt-outs the callback endpoint recorded.
     */
    public synchronized List<DeliveryResult> tick(Instant now) throws InterruptedException {
        List<DeliveryResult> results = new ArrayList<>();
        if (options.optOuts() != null) {
            for (OptOuts.Entry e : options.optOuts().takeNew()) {
                String homeId = e.recipient().contains("/") ? e.recipient().substring(0, e.recipient().indexOf('/')) : "";
                Home home = homes.get(homeId);
                results.addAll(raiseOptOut(e.recipient(), home, e.at(), e.source()));
            }
        }
        if (options.providerAlerts() != null) {
            for (ProviderAlerts.Addressed a : options.providerAlerts().tick(now)) {
                results.addAll(deliver(a.event(), a.home()));
            }
        }
        for (DigestBook.Due due : options.digest().due(now, id -> homes.containsKey(id) ? homes.get(id).zone() : null)) {
            boolean complete = sendDigest(homes.get(due.homeId()), due, now, results);
            if (complete) {
                options.digest().done(due.homeId(), due.day());
            }
        }
        drainHealth();
        return results;
    }

    /**
     * Sends the home's digest of {@code localDay} now, whatever the time (an operator's "send it
     * now"; {@link #tick} sends it at the configured time): one text per carer, or a few numbered
     * ones when the lines do not fit one segment.
     */
    public synchronized List<DeliveryResult> sendDigest(Home home, LocalDate localDay) throws InterruptedException {
        homes.put(home.id(), home);
        List<DigestBook.Due> due = options.digest().due(Instant.MAX, id -> home.id().equals(id) ? home.zone() : null);
        List<DeliveryResult> results = new ArrayList<>();
        for (DigestBook.Due d : due) {
            if (d.day().equals(localDay)) {
                sendDigest(home, d, null, results);
                options.digest().done(d.homeId(), d.day());
            }
        }
        return results;
    }

    /**
     * Texts the digest to each carer who has not had it, except those in their quiet hours at
     * {@code now}: a digest is never urgent, so it waits for the end of them (the next tick after it;
     * the day stays open in the digest book, on disk, until every carer had theirs).
     *
     * @param now the time quiet hours are judged at, or null to send to everyone (an operator's "now")
     * @return whether every carer has had it (or was skipped for good: opted out, no number, failed)
     */
    private boolean sendDigest(Home home, DigestBook.Due due, Instant now, List<DeliveryResult> results) throws InterruptedException {
        List<String> texts = renderer.digestTexts(home.residentAlias(), due.lines());
        boolean complete = true;
        int sentTo = 0;
        for (int c = 0; c < home.carers().size(); c++) {
            Recipient carer = Recipient.carer(c);
            List<String> keys = new ArrayList<>();
            for (int part = 0; part < texts.size(); part++) {
                keys.add("digest-" + home.id() + "-" + due.day() + "/" + carer.id() + "/digest"
                        + (texts.size() == 1 ? "" : "-" + (part + 1)));
            }
            String who = RecipientDirectory.logId(home, carer);
            if (now != null && keys.stream().allMatch(store::isSent)) {
                // Had it already (before a neighbour's quiet hours ended, or before a restart): not audited on every tick.
                keys.forEach(k -> results.add(new DeliveryResult(k, who, DeliveryResult.Status.DUPLICATE_SKIPPED, null, null)));
                continue;
            }
            if (now != null && QuietHours.parse(home.carers().get(c).quietHours()).contains(now, home.zone())) {
                complete = false;
                if (heldDigests.add(keys.get(0))) {
                    audit.record("digest-held-quiet", keys.get(0), who, null, null,
                            "until-" + QuietHours.parse(home.carers().get(c).quietHours()).endAfter(now, home.zone()));
                }
                continue;
            }
            for (int part = 0; part < texts.size(); part++) {
                results.add(text(keys.get(part), home, carer, texts.get(part)));
            }
            sentTo++;
        }
        if (sentTo > 0) {
            audit.record("digest", "digest-" + home.id() + "-" + due.day(), home.id() + "/carers", null, due.lines().size(),
                    texts.size() + "-texts-per-carer");
        }
        return complete;
    }

    private DeliveryResult digest(LifecycleEvent event, Home home, String key, String who) {
        var alert = event.alert();
        if (event.type() == LifecycleEventType.NOTIFIED || event.type() == LifecycleEventType.RAISED) {
            String line = renderer.digestLine(new AlertText(alert.rule(), home.residentAlias(), home.id(), null,
                    explanation(event)));
            options.digest().add(home.id(), options.digest().dayOf(event.at(), home.zone()), alert.alertId(), line);
        }
        audit.record("digested", key, who, null, null, null);
        return new DeliveryResult(key, who, DeliveryResult.Status.DIGESTED, null, null);
    }

    private static Explanation explanation(LifecycleEvent event) {
        return Explanation.of(event.alert().expected(), event.alert().observed());
    }

    private DeliveryResult text(String key, Home home, Recipient recipient, String body) throws InterruptedException {
        String who = RecipientDirectory.logId(home, recipient);
        Optional<String> phone = directory.phone(home, recipient);
        if (store.isSent(key)) {
            audit.record("duplicate-skipped", key, who, null, null, null);
            return new DeliveryResult(key, who, DeliveryResult.Status.DUPLICATE_SKIPPED, null, null);
        }
        if (phone.isEmpty()) {
            audit.record("no-number", key, who, null, null, null);
            return new DeliveryResult(key, who, DeliveryResult.Status.NO_NUMBER, null, null);
        }
        if (options.optOuts() != null && options.optOuts().optedOut(who, phone.get())) {
            audit.record("opted-out-skipped", key, who, null, null, null);
            return new DeliveryResult(key, who, DeliveryResult.Status.OPTED_OUT, null, null);
        }
        if (store.isInDoubt(key)) {
            audit.record("in-doubt-resend", key, who, null, null, null);
        }
        try {
            store.markSending(key);
            ReliableSender.Outcome outcome = sender.send(new SmsMessage(key, phone.get(), body, who));
            if (outcome.optedOut()) {
                if (options.optOuts() != null) {
                    options.optOuts().record(who, phone.get(), outcome.lastError(), clock.instant());
                }
                raiseOptOut(who, home, clock.instant(), outcome.lastError());
                return new DeliveryResult(key, who, DeliveryResult.Status.OPTED_OUT, null, null);
            }
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

    /**
     * A carer opted out: the home's installer, then the duty line, are told so that the escalation
     * list is fixed (the alert stays open until the provider acknowledges it).
     */
    private List<DeliveryResult> raiseOptOut(String who, Home home, Instant at, String source) throws InterruptedException {
        audit.record("opted-out", null, who, null, null, source);
        if (options.providerAlerts() == null) {
            return List.of();
        }
        Home target = home != null ? home : options.providerHome();
        String carer = who.contains("/") ? who.substring(who.indexOf('/') + 1) : who;
        List<DeliveryResult> results = new ArrayList<>();
        for (ProviderAlerts.Addressed a : options.providerAlerts().apply("carer-opted-out/" + who,
                new LifecycleInput.Raise(Rule.CARER_OPTED_OUT, at, new Explanation("carers receive Hearth's texts",
                        carer + " opted out (" + source + ")", Map.of("carer", carer))), target)) {
            results.addAll(deliver(a.event(), a.home()));
        }
        return results;
    }

    /** Delivers queued delivery-failing raises and clears, outside any send. */
    private void drainHealth() throws InterruptedException {
        if (draining || options.providerAlerts() == null) {
            healthInputs.clear();
            return;
        }
        draining = true;
        try {
            while (!healthInputs.isEmpty()) {
                LifecycleInput input = healthInputs.poll();
                for (ProviderAlerts.Addressed a : options.providerAlerts().apply(DELIVERY_FAILING_KEY, input, options.providerHome())) {
                    deliver(a.event(), a.home());
                }
            }
        } finally {
            draining = false;
        }
    }
}
