package org.hearth.alerts.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import org.hearth.alerts.gateway.RetryPolicy;
import org.hearth.alerts.route.EscalationPolicy;
import org.hearth.alerts.route.SeverityPolicy;
import org.hearth.models.alert.Severity;
import org.hearth.models.json.HearthJson;

/**
 * The {@code alerts:} section of {@code hearth.yaml} (documented in {@code alerts/README.md}).
 * Secrets are never in the file: each is named by an environment variable ({@code ...Env}).
 * Every field has a default, so an absent section means: outbox gateway, default escalation.
 *
 * @param dutyLine the provider's duty line (E.164), or null
 * @param escalation per-severity escalation delays
 * @param preAlert the "I'm OK" window for warnings ({@code 3m}), or null for off
 * @param digestHour local hour at which the daily trend digest goes out (older form of {@code digest.at})
 * @param sms gateways
 * @param callbacks the inbound endpoint
 * @param auditSaltEnv environment variable holding the salt of the sender hash in the audit
 * @param digest the daily trend digest ({@code at: "18:00"}, local time of each home)
 */
public record AlertsConfig(String dutyLine, Escalation escalation, String preAlert, Integer digestHour, Sms sms,
        Callbacks callbacks, String auditSaltEnv, Digest digest) {

    public AlertsConfig(String dutyLine, Escalation escalation, String preAlert, Integer digestHour, Sms sms,
            Callbacks callbacks, String auditSaltEnv) {
        this(dutyLine, escalation, preAlert, digestHour, sms, callbacks, auditSaltEnv, null);
    }

    public AlertsConfig {
        escalation = escalation == null ? new Escalation(null, null, null) : escalation;
        if (digestHour != null && digest != null && digest.at() != null) {
            throw new ConfigException("alerts: give digest.at or digestHour, not both");
        }
        digestHour = digestHour == null ? 18 : digestHour;
        if (digestHour < 0 || digestHour > 23) {
            throw new ConfigException("alerts.digestHour must be 0-23, not " + digestHour);
        }
        digest = digest == null || digest.at() == null ? new Digest(String.format("%02d:00", digestHour)) : digest;
        digest.time(); // validates
        sms = sms == null ? new Sms(null, null, null, null, null, null, null, null, null) : sms;
        callbacks = callbacks == null ? new Callbacks(null, null, null, null, null) : callbacks;
        auditSaltEnv = auditSaltEnv == null ? "HEARTH_AUDIT_SALT" : auditSaltEnv;
    }

    /** Defaults everywhere: the demo's configuration. */
    public static AlertsConfig defaults() {
        return new AlertsConfig(null, null, null, null, null, null, null);
    }

    /** Reads the {@code alerts} node of a parsed {@code hearth.yaml} (null or missing: defaults). */
    public static AlertsConfig from(JsonNode alertsNode) {
        if (alertsNode == null || alertsNode.isMissingNode() || alertsNode.isNull()) {
            return defaults();
        }
        try {
            return HearthJson.yaml().treeToValue(alertsNode, AlertsConfig.class);
        } catch (IOException e) {
            throw new ConfigException("alerts: " + e.getMessage(), e);
        }
    }

    /** Parses a YAML text whose top level is the {@code alerts} section's content. */
    public static AlertsConfig parse(String yaml) {
        try {
            return from(HearthJson.yaml().readTree(yaml));
        } catch (IOException e) {
            throw new ConfigException("alerts: not YAML: " + e.getMessage(), e);
        }
    }

    /** The escalation policy this configuration describes. */
    public EscalationPolicy escalationPolicy() {
        Map<Severity, SeverityPolicy> map = new EnumMap<>(Severity.class);
        Duration window = preAlert == null ? null : Durations.parse("alerts.preAlert", preAlert);
        map.put(Severity.URGENT, new SeverityPolicy(escalation.urgentDelay(), false, null));
        map.put(Severity.WARNING, new SeverityPolicy(escalation.warningDelay(), true, window));
        map.put(Severity.TREND, new SeverityPolicy(null, true, null));
        map.put(Severity.SYSTEM, new SeverityPolicy(escalation.systemDelay(), false, null));
        return new EscalationPolicy(map);
    }

    /** The local time of the daily trend digest. */
    public java.time.LocalTime digestAt() {
        return digest.time();
    }

    /**
     * The daily digest of trends: each carer of a home gets one text (or a few numbered ones when the
     * trends do not fit one segment) at {@code at}, the home's local time.
     *
     * @param at {@code "HH:MM"} (default {@code "18:00"})
     */
    public record Digest(String at) {
        public java.time.LocalTime time() {
            try {
                return java.time.LocalTime.parse(at == null ? "18:00" : at.trim().length() == 4 ? "0" + at.trim() : at.trim());
            } catch (java.time.format.DateTimeParseException e) {
                throw new ConfigException("alerts.digest.at: '" + at + "' is not a local time like 18:00");
            }
        }
    }

    /** Escalation delays ({@code 10m}); defaults urgent 10m, warning 30m, system 60m. */
    public record Escalation(String urgent, String warning, String system) {
        public Duration urgentDelay() {
            return urgent == null ? Duration.ofMinutes(10) : Durations.parse("alerts.escalation.urgent", urgent);
        }

        public Duration warningDelay() {
            return warning == null ? Duration.ofMinutes(30) : Durations.parse("alerts.escalation.warning", warning);
        }

        public Duration systemDelay() {
            return system == null ? Duration.ofMinutes(60) : Durations.parse("alerts.escalation.system", system);
        }
    }

    /**
     * SMS gateways.
     *
     * @param primary {@code outbox} (default), {@code notify}, {@code twilio}, {@code smpp}, {@code kannel}
     * @param secondary the failover gateway, or null
     * @param retry retries per gateway
     * @param govukNotify the {@code notify:} subsection (named so because {@code notify} is a method of every Java object)
     * @param failingAfter consecutive failed texts that raise the delivery-failing system alert (default 3)
     */
    public record Sms(String primary, String secondary, Retry retry, Integer failingAfter, Outbox outbox,
            @JsonProperty("notify") Notify govukNotify, Twilio twilio, Smpp smpp, Kannel kannel) {
        public Sms {
            primary = primary == null ? "outbox" : primary;
            retry = retry == null ? new Retry(null, null, null) : retry;
            failingAfter = failingAfter == null ? 3 : failingAfter;
            outbox = outbox == null ? new Outbox(null) : outbox;
        }
    }

    /** Attempts per gateway (default 4), first backoff (1s), cap (30s). */
    public record Retry(Integer attempts, String baseDelay, String maxDelay) {
        public RetryPolicy policy() {
            return new RetryPolicy(attempts == null ? 4 : attempts,
                    baseDelay == null ? Duration.ofSeconds(1) : Durations.parse("alerts.sms.retry.baseDelay", baseDelay),
                    maxDelay == null ? Duration.ofSeconds(30) : Durations.parse("alerts.sms.retry.maxDelay", maxDelay));
        }
    }

    /** @param file the outbox file, relative to the data directory (default {@code outbox/sms.jsonl}) */
    public record Outbox(String file) {
        public Outbox {
            file = file == null ? "outbox/sms.jsonl" : file;
        }
    }

    /** GOV.UK Notify: base URL (default Notify's), the {@code ((message))} template, optional sender id. */
    public record Notify(String baseUrl, String templateId, String senderId, String apiKeyEnv) {
        public Notify {
            apiKeyEnv = apiKeyEnv == null ? "HEARTH_NOTIFY_API_KEY" : apiKeyEnv;
        }
    }

    /** Twilio: account, exactly one of from / messagingServiceSid, status callback URL, base URL for tests. */
    public record Twilio(String accountSid, String from, String messagingServiceSid, String statusCallback, String baseUrl,
            String authTokenEnv) {
        public Twilio {
            authTokenEnv = authTokenEnv == null ? "HEARTH_TWILIO_AUTH_TOKEN" : authTokenEnv;
        }
    }

    /** SMPP 3.4: SMSC address, bind credentials, sender, transceiver (default true), timeout (default 10s). */
    public record Smpp(String host, Integer port, String systemId, String systemType, String source, Boolean transceiver,
            String timeout, String passwordEnv) {
        public Smpp {
            passwordEnv = passwordEnv == null ? "HEARTH_SMPP_PASSWORD" : passwordEnv;
        }
    }

    /** Kannel sendsms: URL, user, sender, delivery-report URL. */
    public record Kannel(String sendsmsUrl, String username, String from, String dlrUrl, String passwordEnv) {
        public Kannel {
            passwordEnv = passwordEnv == null ? "HEARTH_KANNEL_PASSWORD" : passwordEnv;
        }
    }

    /**
     * The callback endpoint.
     *
     * @param bind address (default 127.0.0.1; put a TLS reverse proxy in front)
     * @param port port (default 8088)
     * @param publicBaseUrl the URL the gateways call (Twilio signs it)
     * @param notifyTokenEnv env var with the bearer token configured in Notify's callbacks
     * @param kannelTokenEnv env var with the token in Kannel's get-url and dlr-url
     */
    public record Callbacks(String bind, Integer port, String publicBaseUrl, String notifyTokenEnv, String kannelTokenEnv) {
        public Callbacks {
            bind = bind == null ? "127.0.0.1" : bind;
            port = port == null ? 8088 : port;
            notifyTokenEnv = notifyTokenEnv == null ? "HEARTH_NOTIFY_CALLBACK_TOKEN" : notifyTokenEnv;
            kannelTokenEnv = kannelTokenEnv == null ? "HEARTH_KANNEL_CALLBACK_TOKEN" : kannelTokenEnv;
        }
    }

    static String require(Map<String, String> env, String name, String what) {
        Objects.requireNonNull(name, what);
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            throw new ConfigException(what + " needs the environment variable " + name);
        }
        return value;
    }
}
