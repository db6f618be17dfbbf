package org.hearth.alerts.delivery;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.hearth.alerts.ack.CallbackEndpoint;
import org.hearth.alerts.ack.OptOuts;
import org.hearth.alerts.audit.AuditLog;
import org.hearth.alerts.config.AlertsConfig;
import org.hearth.alerts.config.Gateways;
import org.hearth.alerts.delivery.DigestBook;
import org.hearth.alerts.delivery.ProviderAlerts;
import org.hearth.alerts.gateway.InboundSink;
import org.hearth.alerts.gateway.OutboxGateway;
import org.hearth.alerts.gateway.ReliableSender;
import org.hearth.alerts.gateway.RetryPolicy;
import org.hearth.alerts.gateway.Sleeper;
import org.hearth.alerts.gateway.SmsGateway;
import org.hearth.alerts.lifecycle.AlertLifecycle;
import org.hearth.alerts.render.MessageRenderer;
import org.hearth.alerts.watchdog.JobWatchdog;

/**
 * Builds the delivery service inside the task that sends, because gateways hold connections and
 * files that cannot travel with the job graph. Serializable: only the recipe travels.
 */
@FunctionalInterface
public interface DeliveryServiceFactory extends Serializable {

    DeliveryService create() throws IOException;

    /**
     * Texts go to a JSONL outbox (the demo, and any deployment without a gateway); the dedupe store,
     * the audit log and the digest book sit beside it in {@code dataDir}.
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
            AlertsConfig defaults = AlertsConfig.defaults();
            AuditLog audit = new AuditLog(dir.resolve("audit.jsonl"), clock);
            AtomicReference<DeliveryService> holder = new AtomicReference<>();
            DeliveryHealth health = new DeliveryHealth(defaults.sms().failingAfter(), DeliveryService.queueFor(holder));
            ReliableSender sender = new ReliableSender(List.of(new OutboxGateway(out, clock)), RetryPolicy.defaults(),
                    Sleeper.REAL, new java.util.SplittableRandom(), audit, clock, defaults.sms().failingAfter(), health);
            DeliveryService service = new DeliveryService(new RecipientDirectory(null),
                    DedupeStore.open(dir.resolve("delivered.jsonl")), sender, audit, health, clock, options(defaults, dir, clock, null));
            holder.set(service);
            return service;
        };
    }

    /**
     * Gateways, retries, failover and the duty line as the {@code alerts:} section of
     * {@code hearth.yaml} describes them; secrets from the task's environment. A gateway that keeps
     * failing is tried last and raises {@code delivery-failing}, texted to the duty line through the
     * gateway that still works; trends go out in the daily digest at {@code alerts.digest.at};
     * opt-outs ({@code dataDir/opt-outs.jsonl}, shared with the callback endpoint) stop texts to that carer.
     *
     * @param alertsYaml the section's text (null: defaults, the outbox file)
     */
    static DeliveryServiceFactory fromConfig(String alertsYaml, Path dataDir, Clock clock) {
        String data = dataDir.toString();
        return () -> {
            AlertsConfig config = alertsYaml == null ? AlertsConfig.defaults() : AlertsConfig.parse(alertsYaml);
            Path dir = Files.createDirectories(Path.of(data));
            AuditLog audit = new AuditLog(dir.resolve("audit.jsonl"), clock);
            AtomicReference<DeliveryService> holder = new AtomicReference<>();
            DeliveryHealth health = new DeliveryHealth(config.sms().failingAfter(), DeliveryService.queueFor(holder));
            ReliableSender sender = Gateways.sender(config.sms(), System.getenv(), dir, clock,
                    InboundSink.NONE, audit, Sleeper.REAL, new java.util.SplittableRandom(), health);
            DeliveryService service = new DeliveryService(new RecipientDirectory(config.dutyLine()),
                    DedupeStore.open(dir.resolve("delivered.jsonl")), sender, audit, health, clock,
                    options(config, dir, clock, System.getenv().get(config.auditSaltEnv())));
            holder.set(service);
            return service;
        };
    }

    /** The digest book, opt-outs and delivery's own system alerts, under {@code dataDir}. */
    private static DeliveryService.Options options(AlertsConfig config, Path dir, Clock clock, String salt) throws IOException {
        return new DeliveryService.Options(
                DigestBook.open(dir.resolve("digest.jsonl"), config.digestAt(), LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC)),
                OptOuts.open(dir.resolve(CallbackEndpoint.OPT_OUTS), salt),
                new ProviderAlerts(new AlertLifecycle(config.escalationPolicy(), new MessageRenderer())),
                JobWatchdog.providerHome(null));
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
