package org.hearth.live;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.hearth.alerts.audit.AuditLog;
import org.hearth.alerts.config.AlertsConfig;
import org.hearth.alerts.config.Gateways;
import org.hearth.alerts.delivery.DeliveryHealth;
import org.hearth.alerts.gateway.InboundSink;
import org.hearth.alerts.delivery.DedupeStore;
import org.hearth.alerts.delivery.DeliveryService;
import org.hearth.alerts.delivery.RecipientDirectory;
import org.hearth.alerts.gateway.OutboxGateway;
import org.hearth.alerts.gateway.ReliableSender;
import org.hearth.alerts.gateway.RetryPolicy;
import org.hearth.alerts.gateway.SmsGateway;
import org.hearth.alerts.gateway.Sleeper;

/**
 * Builds the delivery service inside the task that sends, because gateways hold connections and
 * files that cannot travel with the job graph. Serializable: only the recipe travels.
 */
@FunctionalInterface
public interface DeliveryServiceFactory extends Serializable {

    DeliveryService create() throws IOException;

    /**
     * Texts go to a JSONL outbox (the demo, and any deployment without a gateway); the dedupe store
     * and the audit log sit beside it in {@code dataDir}.
     */
    static DeliveryServiceFactory outbox(Path outboxFile, Path dataDir, Clock clock) {
        String outbox = outboxFile.toString();
        String data = dataDir.toString();
        return () -> {
            Path dir = Files.createDirectories(Path.of(data));
            Path out = Path.of(outbox);
            if (out.getParent() != null) {
                Files.createDirectories(out.getParent());
            }
            return withGateway(new OutboxGateway(out, clock), dir, clock);
        };
    }

    /**
     * Gateways, retries, failover and the duty line as the {@code alerts:} section of
     * {@code hearth.yaml} describes them; secrets from the task's environment.
     *
     * @param alertsYaml the section's text (null: defaults, the outbox file)
     */
    static DeliveryServiceFactory fromConfig(String alertsYaml, Path dataDir, Clock clock) {
        String data = dataDir.toString();
        return () -> {
            AlertsConfig config = alertsYaml == null ? AlertsConfig.defaults() : AlertsConfig.parse(alertsYaml);
            Path dir = Files.createDirectories(Path.of(data));
            AuditLog audit = new AuditLog(dir.resolve("audit.jsonl"), clock);
            ReliableSender sender = Gateways.sender(config.sms(), System.getenv(), dir, clock,
                    InboundSink.NONE, audit, Sleeper.REAL, new java.util.SplittableRandom());
            DeliveryHealth health = new DeliveryHealth(config.sms().failingAfter(), DeliveryServiceFactory::reportHealth);
            return new DeliveryService(new RecipientDirectory(config.dutyLine()),
                    DedupeStore.open(dir.resolve("delivered.jsonl")), sender, audit, health, clock);
        };
    }

    /**
     * Delivery keeps failing (or has recovered). The sink cannot feed the job's alert lifecycle, so
     * this is logged for the operator; the audit log has every failed attempt.
     */
    private static void reportHealth(org.hearth.alerts.lifecycle.LifecycleInput change) {
        org.slf4j.LoggerFactory.getLogger(DeliveryServiceFactory.class).warn("SMS delivery health changed: {}",
                change.getClass().getSimpleName());
    }

    /** A delivery service over one gateway, with the default retry policy. */
    static DeliveryService withGateway(SmsGateway gateway, Path dataDir, Clock clock) throws IOException {
        AuditLog audit = new AuditLog(dataDir.resolve("audit.jsonl"), clock);
        ReliableSender sender = new ReliableSender(gateway, null, RetryPolicy.defaults(), Sleeper.REAL,
                new java.util.SplittableRandom(), audit);
        return new DeliveryService(new RecipientDirectory(null), DedupeStore.open(dataDir.resolve("delivered.jsonl")),
                sender, audit, null, clock);
    }
}
