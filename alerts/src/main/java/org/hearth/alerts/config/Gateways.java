package org.hearth.alerts.config;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.random.RandomGenerator;
import org.hearth.alerts.audit.AuditLog;
import org.hearth.alerts.gateway.InboundSink;
import org.hearth.alerts.gateway.KannelGateway;
import org.hearth.alerts.gateway.NotifyGateway;
import org.hearth.alerts.gateway.OutboxGateway;
import org.hearth.alerts.gateway.ReliableSender;
import org.hearth.alerts.gateway.Sleeper;
import org.hearth.alerts.gateway.SmppGateway;
import org.hearth.alerts.gateway.SmsGateway;
import org.hearth.alerts.gateway.TwilioGateway;

/** Builds gateways from {@link AlertsConfig.Sms} and the environment (which holds the secrets). */
public final class Gateways {

    private Gateways() {}

    /**
     * One gateway by type name.
     *
     * @param type {@code outbox}, {@code notify}, {@code twilio}, {@code smpp}, {@code kannel}
     * @param sms the sms section
     * @param env environment variables ({@code System.getenv()} in production)
     * @param dataDir base for relative files (the outbox)
     * @param clock for the outbox's timestamps
     * @param inbound where SMPP's replies and receipts go (HTTP gateways call back through the endpoint)
     * @throws ConfigException naming the missing setting or environment variable
     */
    public static SmsGateway build(String type, AlertsConfig.Sms sms, Map<String, String> env, Path dataDir, Clock clock,
            InboundSink inbound) {
        Objects.requireNonNull(type, "type");
        return switch (type.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "outbox" -> new OutboxGateway(dataDir.resolve(sms.outbox().file()), clock);
            case "notify" -> {
                AlertsConfig.Notify n = need(sms.govukNotify(), "alerts.sms.notify");
                yield new NotifyGateway(AlertsConfig.require(env, n.apiKeyEnv(), "alerts.sms.notify"), n.baseUrl(),
                        need(n.templateId(), "alerts.sms.notify.templateId"), n.senderId());
            }
            case "twilio" -> {
                AlertsConfig.Twilio t = need(sms.twilio(), "alerts.sms.twilio");
                yield new TwilioGateway(need(t.accountSid(), "alerts.sms.twilio.accountSid"),
                        AlertsConfig.require(env, t.authTokenEnv(), "alerts.sms.twilio"), t.from(), t.messagingServiceSid(),
                        t.statusCallback(), t.baseUrl());
            }
            case "smpp" -> {
                AlertsConfig.Smpp s = need(sms.smpp(), "alerts.sms.smpp");
                // A gateway that only sends binds as transmitter: an SMSC hands a reply to any transceiver of the
                // account, and one bound by the watchdog or the callback endpoint (which drop replies) would lose it.
                boolean receives = inbound != null && inbound != InboundSink.NONE;
                yield new SmppGateway(new SmppGateway.Settings(need(s.host(), "alerts.sms.smpp.host"),
                        s.port() == null ? 2775 : s.port(), need(s.systemId(), "alerts.sms.smpp.systemId"),
                        AlertsConfig.require(env, s.passwordEnv(), "alerts.sms.smpp"), s.systemType(),
                        s.source() == null ? "Hearth" : s.source(), receives && (s.transceiver() == null || s.transceiver()),
                        s.timeout() == null ? 10_000 : Durations.parse("alerts.sms.smpp.timeout", s.timeout()).toMillis()),
                        inbound).start(); // bound from now on: replies and receipts arrive between texts
            }
            case "kannel" -> {
                AlertsConfig.Kannel k = need(sms.kannel(), "alerts.sms.kannel");
                yield new KannelGateway(new KannelGateway.Settings(need(k.sendsmsUrl(), "alerts.sms.kannel.sendsmsUrl"),
                        need(k.username(), "alerts.sms.kannel.username"),
                        AlertsConfig.require(env, k.passwordEnv(), "alerts.sms.kannel"), k.from(), k.dlrUrl()));
            }
            default -> throw new ConfigException("alerts.sms: unknown gateway '" + type
                    + "' (outbox, notify, twilio, smpp, kannel)");
        };
    }

    /** The primary and (if configured) secondary gateway behind retries and failover. */
    public static ReliableSender sender(AlertsConfig.Sms sms, Map<String, String> env, Path dataDir, Clock clock,
            InboundSink inbound, AuditLog audit, Sleeper sleeper, RandomGenerator random) {
        return sender(sms, env, dataDir, clock, inbound, audit, sleeper, random, org.hearth.alerts.gateway.GatewayHealthListener.NONE);
    }

    /**
     * The primary and (if configured) secondary gateway behind retries and failover; a gateway that
     * fails {@code alerts.sms.failingAfter} texts in a row is tried last and reported to {@code health}.
     */
    public static ReliableSender sender(AlertsConfig.Sms sms, Map<String, String> env, Path dataDir, Clock clock,
            InboundSink inbound, AuditLog audit, Sleeper sleeper, RandomGenerator random,
            org.hearth.alerts.gateway.GatewayHealthListener health) {
        SmsGateway primary = build(sms.primary(), sms, env, dataDir, clock, inbound);
        SmsGateway secondary = sms.secondary() == null || sms.secondary().isBlank() ? null
                : build(sms.secondary(), sms, env, dataDir, clock, inbound);
        return new ReliableSender(secondary == null ? java.util.List.of(primary) : java.util.List.of(primary, secondary),
                sms.retry().policy(), sleeper, random, audit, clock, sms.failingAfter(), health);
    }

    private static <T> T need(T value, String setting) {
        if (value == null || (value instanceof String s && s.isBlank())) {
            throw new ConfigException(setting + " is required");
        }
        return value;
    }
}
