package org.hearth.alerts.gateway;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.random.RandomGenerator;
import org.hearth.alerts.audit.AuditLog;

/**
 * Sends through the configured gateways in order, each with retries (exponential backoff and
 * jitter), auditing every attempt. What a failure means decides what comes next
 * ({@link GatewayException.Failure}):
 * <ul>
 *   <li>retryable: back off and try the same gateway again, up to the policy's attempts;</li>
 *   <li>permanent (a 400: bad number, bad template): no more retries there, fail over (the next
 *       gateway may be configured differently);</li>
 *   <li>gateway exhausted (Notify's daily limit): fail over at once and skip that gateway until its
 *       limit resets (the next UTC midnight unless the gateway says when);</li>
 *   <li>recipient opted out (Twilio 21610): stop; no gateway may text that person.</li>
 * </ul>
 * A gateway that failed {@code failingAfter} texts in a row is <em>down</em>: later texts go to the
 * healthy gateways first and try it last, once, so that a dead primary does not cost every text its
 * retries and backoff before the failover; the listener is told when it goes down and when it
 * accepts a text again.
 */
public final class ReliableSender {

    /**
     * What happened to one text.
     *
     * @param receipt the acceptance, or null when every gateway failed
     * @param attempts attempts made across gateways
     * @param lastError the last error code, or null
     * @param optedOut the recipient has opted out: nothing was sent and nothing should be
     */
    public record Outcome(SendReceipt receipt, int attempts, String lastError, boolean optedOut) {
        public Outcome(SendReceipt receipt, int attempts, String lastError) {
            this(receipt, attempts, lastError, false);
        }

        public boolean sent() {
            return receipt != null;
        }
    }

    /** Per-gateway bookkeeping: consecutive failed texts, and a bench for exhausted gateways. */
    private static final class Health {
        final SmsGateway gateway;
        int failedTexts;
        boolean down;
        boolean recovering;
        Instant benchedUntil;

        Health(SmsGateway gateway) {
            this.gateway = gateway;
        }
    }

    private final List<Health> gateways = new ArrayList<>();
    private final RetryPolicy retry;
    private final Sleeper sleeper;
    private final RandomGenerator random;
    private final AuditLog audit;
    private final Clock clock;
    private final int failingAfter;
    private final GatewayHealthListener listener;

    /**
     * @param primary the gateway to use first
     * @param secondary the failover gateway, or null
     */
    public ReliableSender(SmsGateway primary, SmsGateway secondary, RetryPolicy retry, Sleeper sleeper,
            RandomGenerator random, AuditLog audit) {
        this(secondary == null ? List.of(primary) : List.of(primary, secondary), retry, sleeper, random, audit,
                Clock.systemUTC(), 3, GatewayHealthListener.NONE);
    }

    /**
     * @param gateways in order of preference (at least one)
     * @param clock for benches and the listener's times
     * @param failingAfter consecutive failed texts after which a gateway counts as down
     * @param listener told when a gateway goes down or recovers
     */
    public ReliableSender(List<SmsGateway> gateways, RetryPolicy retry, Sleeper sleeper, RandomGenerator random,
            AuditLog audit, Clock clock, int failingAfter, GatewayHealthListener listener) {
        if (gateways.isEmpty()) {
            throw new IllegalArgumentException("at least one gateway");
        }
        gateways.forEach(g -> this.gateways.add(new Health(Objects.requireNonNull(g, "gateway"))));
        this.retry = Objects.requireNonNull(retry, "retry");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.random = Objects.requireNonNull(random, "random");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (failingAfter < 1) {
            throw new IllegalArgumentException("failingAfter must be >= 1");
        }
        this.failingAfter = failingAfter;
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    public List<SmsGateway> gateways() {
        return gateways.stream().map(h -> h.gateway).toList();
    }

    /** Whether this gateway is counted as down now (for tests and status). */
    public synchronized boolean down(String gateway) {
        return gateways.stream().anyMatch(h -> h.gateway.name().equals(gateway) && (h.down || benched(h, clock.instant())));
    }

    /** Tries the gateways, healthy ones first; returns when one accepts, the recipient opted out, or all failed. */
    public synchronized Outcome send(SmsMessage message) throws InterruptedException {
        int attempts = 0;
        String lastError = null;
        Instant now = clock.instant();
        gateways.forEach(h -> benched(h, now)); // first: a bench that has expired puts its gateway back in place
        List<Health> order = new ArrayList<>();
        gateways.stream().filter(h -> !h.down && !benched(h, now)).forEach(order::add);
        gateways.stream().filter(h -> h.down && !benched(h, now)).forEach(order::add);
        gateways.stream().filter(h -> benched(h, now)).forEach(h ->
                audit.record("skipped", message.key(), message.recipientId(), h.gateway.name(), null, "exhausted-until-" + h.benchedUntil));
        boolean first = true;
        for (Health h : order) {
            SmsGateway gateway = h.gateway;
            if (!first) {
                audit.record("failover", message.key(), message.recipientId(), gateway.name(), null, lastError);
            }
            first = false;
            // A gateway that is down gets one probe, after the healthy ones: not every text's retries.
            int tries = h.down ? 1 : retry.attempts();
            boolean gatewayFault = false; // a failure that says something about the gateway, not this text
            for (int attempt = 1; attempt <= tries; attempt++) {
                if (attempt > 1) {
                    var wait = retry.backoff(attempt - 1, random);
                    audit.record("retry", message.key(), message.recipientId(), gateway.name(), attempt, "wait-" + wait.toMillis() + "ms");
                    sleeper.sleep(wait);
                }
                attempts++;
                audit.record("attempt", message.key(), message.recipientId(), gateway.name(), attempt, null);
                try {
                    SendReceipt receipt = gateway.send(message);
                    audit.record("sent", message.key(), message.recipientId(), gateway.name(), attempt, "accepted",
                            receipt.providerId());
                    accepted(h);
                    return new Outcome(receipt, attempts, lastError);
                } catch (GatewayException e) {
                    lastError = e.code();
                    audit.record("failed", message.key(), message.recipientId(), gateway.name(), attempt, e.code());
                    if (e.failure() == GatewayException.Failure.RECIPIENT_OPTED_OUT) {
                        // Not the gateway's fault: it stays healthy.
                        return new Outcome(null, attempts, lastError, true);
                    }
                    if (e.failure() == GatewayException.Failure.GATEWAY_EXHAUSTED) {
                        h.benchedUntil = e.until() != null ? e.until()
                                : LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
                        markDown(h, lastError);
                        break;
                    }
                    if (e.failure() == GatewayException.Failure.PERMANENT) {
                        gatewayFault = false; // this text, not the gateway: no count against its health
                        break;
                    }
                    gatewayFault = true;
                } catch (RuntimeException e) {
                    // A client library bug or an unexpected response shape: treat as retryable, keep going.
                    lastError = "error-" + e.getClass().getSimpleName();
                    gatewayFault = true;
                    audit.record("failed", message.key(), message.recipientId(), gateway.name(), attempt, lastError);
                }
            }
            if (gatewayFault && ++h.failedTexts >= failingAfter) {
                markDown(h, lastError);
            }
        }
        return new Outcome(null, attempts, lastError);
    }

    private boolean benched(Health h, Instant now) {
        if (h.benchedUntil != null && !now.isBefore(h.benchedUntil)) {
            // The limit has reset: back in its place in the order; "recovered" once it accepts.
            h.benchedUntil = null;
            h.down = false;
            h.recovering = true;
        }
        return h.benchedUntil != null;
    }

    private void markDown(Health h, String lastError) {
        if (!h.down) {
            h.down = true;
            h.recovering = false;
            audit.record("gateway-down", null, null, h.gateway.name(), Math.max(h.failedTexts, 1), lastError);
            listener.failing(h.gateway.name(), Math.max(h.failedTexts, 1), lastError, clock.instant());
        }
    }

    private void accepted(Health h) {
        h.failedTexts = 0;
        if (h.down || h.recovering) {
            h.down = false;
            h.recovering = false;
            audit.record("gateway-up", null, null, h.gateway.name(), null, null);
            listener.recovered(h.gateway.name(), clock.instant());
        }
    }
}
