package org.hearth.alerts.gateway;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.random.RandomGenerator;
import org.hearth.alerts.audit.AuditLog;

/**
 * Sends through the primary gateway with retries (exponential backoff and jitter), then through the
 * secondary gateway the same way, auditing every attempt. Permanent errors (a 400: bad number,
 * bad template) skip the remaining retries on that gateway but still fail over: the secondary may
 * be configured differently.
 */
public final class ReliableSender {

    /**
     * What happened to one text.
     *
     * @param receipt the acceptance, or null when every gateway failed
     * @param attempts attempts made across gateways
     * @param lastError the last error code, or null
     */
    public record Outcome(SendReceipt receipt, int attempts, String lastError) {
        public boolean sent() {
            return receipt != null;
        }
    }

    private final List<SmsGateway> gateways;
    private final RetryPolicy retry;
    private final Sleeper sleeper;
    private final RandomGenerator random;
    private final AuditLog audit;

    /**
     * @param primary the gateway to use first
     * @param secondary the failover gateway, or null
     */
    public ReliableSender(SmsGateway primary, SmsGateway secondary, RetryPolicy retry, Sleeper sleeper,
            RandomGenerator random, AuditLog audit) {
        this.gateways = new ArrayList<>();
        this.gateways.add(Objects.requireNonNull(primary, "primary"));
        if (secondary != null) {
            this.gateways.add(secondary);
        }
        this.retry = Objects.requireNonNull(retry, "retry");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.random = Objects.requireNonNull(random, "random");
        this.audit = Objects.requireNonNull(audit, "audit");
    }

    public List<SmsGateway> gateways() {
        return List.copyOf(gateways);
    }

    /** Tries every gateway in turn; returns when one accepts or all have failed. */
    public Outcome send(SmsMessage message) throws InterruptedException {
        int attempts = 0;
        String lastError = null;
        for (int g = 0; g < gateways.size(); g++) {
            SmsGateway gateway = gateways.get(g);
            if (g > 0) {
                audit.record("failover", message.key(), message.recipientId(), gateway.name(), null, lastError);
            }
            for (int attempt = 1; attempt <= retry.attempts(); attempt++) {
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
                    return new Outcome(receipt, attempts, lastError);
                } catch (GatewayException e) {
                    lastError = e.code();
                    audit.record("failed", message.key(), message.recipientId(), gateway.name(), attempt, e.code());
                    if (!e.retryable()) {
                        break;
                    }
                } catch (RuntimeException e) {
                    // A client library bug or an unexpected response shape: treat as retryable, keep going.
                    lastError = "error-" + e.getClass().getSimpleName();
                    audit.record("failed", message.key(), message.recipientId(), gateway.name(), attempt, lastError);
                }
            }
        }
        return new Outcome(null, attempts, lastError);
    }
}
