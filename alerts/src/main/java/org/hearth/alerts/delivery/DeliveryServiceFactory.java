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
import org.hearth.alerts.ack.AckHandler;
import org.hearth.alerts.ack.CallbackEndpoint;
import org.hearth.alerts.ack.MqttAckPublisher;
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
import org.hearth.models.registry.KitRegistry;
import org.hearth.models.registry.RegistryLoader;

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
                    DedupeStore.open(dir.resolve("delivered.jsonl")), sender, audit, health, clock, options(defaults, dir, clock, OptOuts.open(dir.resolve(CallbackEndpoint.OPT_OUTS), null)));
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
     * Replies and receipts that come back over the gateways' own connection are dropped (the watchdog's delivery).
     *
     * @param alertsYaml the section's text (null: defaults, the outbox file)
     */
    static DeliveryServiceFactory fromConfig(String alertsYaml, Path dataDir, Clock clock) {
        return fromConfig(alertsYaml, dataDir, clock, null);
    }

    /**
     * As {@link #fromConfig(String, Path, Clock)}, and carers' replies that arrive over the gateways'
     * own connection (SMPP deliver_sm) are read as HTTP callbacks are: "OK 1234" is published on
     * {@code hearth/ack/{homeId}} for the job, STOP is recorded in the shared opt-outs, and delivery
     * receipts are audited (type {@code receipt}, provider id and status) in {@code dataDir/audit.jsonl}.
     *
     * @param replies where replies go, or null to drop them
     */
    static DeliveryServiceFactory fromConfig(String alertsYaml, Path dataDir, Clock clock, CarerReplies replies) {
        String data = dataDir.toString();
        return () -> {
            AlertsConfig config = alertsYaml == null ? AlertsConfig.defaults() : AlertsConfig.parse(alertsYaml);
            Path dir = Files.createDirectories(Path.of(data));
            String salt = System.getenv().get(config.auditSaltEnv());
            AuditLog audit = new AuditLog(dir.resolve("audit.jsonl"), clock);
            AtomicReference<DeliveryService> holder = new AtomicReference<>();
            DeliveryHealth health = new DeliveryHealth(config.sms().failingAfter(), DeliveryService.queueFor(holder));
            LateBoundSink inbound = replies == null ? null : new LateBoundSink();
            ReliableSender sender = Gateways.sender(config.sms(), System.getenv(), dir, clock,
                    inbound == null ? InboundSink.NONE : inbound, audit, Sleeper.REAL, new java.util.SplittableRandom(), health);
            OptOuts optOuts = OptOuts.open(dir.resolve(CallbackEndpoint.OPT_OUTS), salt);
            DeliveryService service = new DeliveryService(new RecipientDirectory(config.dutyLine()),
                    DedupeStore.open(dir.resolve("delivered.jsonl")), sender, audit, health, clock,
                    options(config, dir, clock, optOuts));
            holder.set(service);
            if (inbound != null) {
                MqttAckPublisher publisher;
                try {
                    publisher = MqttAckPublisher.connectingOnDemand(replies.brokerUrl(), replies.clientId());
                } catch (org.eclipse.paho.mqttv5.common.MqttException e) {
                    service.close();
                    throw new IOException("carers' replies: cannot create the MQTT client for " + replies.brokerUrl(), e);
                }
                service.closing(publisher);
                KitRegistry registry = new RegistryLoader().parse("homes.yaml", replies.homesYaml());
                // Help texts and away confirmations answer through the primary gateway directly: they are not alert steps.
                inbound.bind(new AckHandler(registry, publisher, sender.gateways().get(0), audit, clock, salt, optOuts));
            }
            return service;
        };
    }

    /** The digest book, opt-outs and delivery's own system alerts, under {@code dataDir}. */
    private static DeliveryService.Options options(AlertsConfig config, Path dir, Clock clock, OptOuts optOuts) throws IOException {
        return new DeliveryService.Options(
                DigestBook.open(dir.resolve("digest.jsonl"), config.digestAt(), LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC)),
                optOuts,
                new ProviderAlerts(new AlertLifecycle(config.escalationPolicy(), new MessageRenderer())),
                JobWatchdog.providerHome(null), config.escalationPolicy());
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
