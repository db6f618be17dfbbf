package org.hearth.alerts.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import org.hearth.alerts.audit.AuditLog;
import org.hearth.alerts.gateway.InboundSink;
import org.hearth.alerts.gateway.OutboxGateway;
import org.hearth.alerts.gateway.ReliableSender;
import org.hearth.alerts.gateway.SmsGateway;
import org.hearth.models.alert.Severity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AlertsConfigTest {

    @TempDir
    Path dir;

    private static final String FULL = """
            dutyLine: "+447700900000"
            escalation: {urgent: 5m, warning: 20m, system: 2h}
            preAlert: 3m
            digestHour: 19
            sms:
              primary: notify
              secondary: smpp
              retry: {attempts: 3, baseDelay: 2s, maxDelay: 1m}
              failingAfter: 5
              notify: {templateId: f33517ff-2a88-4f6e-b855-c550268ce08a, baseUrl: "http://127.0.0.1:9"}
              twilio: {accountSid: AC1, from: "+447700900001"}
              smpp: {host: smsc.example, port: 2775, systemId: hearth, source: Hearth}
              kannel: {sendsmsUrl: "http://127.0.0.1:13013/cgi-bin/sendsms", username: hearth}
            callbacks: {port: 9090, publicBaseUrl: "https://hearth.example"}
            """;

    private static final Map<String, String> ENV = Map.of(
            "HEARTH_NOTIFY_API_KEY", "hearth_test-26785a09-ab16-4eb0-8407-a37497a57506-3d844edf-8d35-48ac-975b-e847b4f122b0",
            "HEARTH_TWILIO_AUTH_TOKEN", "t", "HEARTH_SMPP_PASSWORD", "p", "HEARTH_KANNEL_PASSWORD", "k");

    @Test
    void parse_readsEverySettingAndBuildsThePolicy() {
        AlertsConfig config = AlertsConfig.parse(FULL);
        assertThat(config.dutyLine()).isEqualTo("+447700900000");
        assertThat(config.digestHour()).isEqualTo(19);
        assertThat(config.digestAt()).isEqualTo(java.time.LocalTime.of(19, 0));
        assertThat(config.sms().failingAfter()).isEqualTo(5);
        assertThat(config.sms().retry().policy().maxDelay()).isEqualTo(Duration.ofMinutes(1));
        assertThat(config.callbacks().port()).isEqualTo(9090);
        assertThat(config.callbacks().bind()).isEqualTo("127.0.0.1");
        var policy = config.escalationPolicy();
        assertThat(policy.of(Severity.URGENT).escalateAfter()).isEqualTo(Duration.ofMinutes(5));
        assertThat(policy.of(Severity.SYSTEM).escalateAfter()).isEqualTo(Duration.ofHours(2));
        assertThat(policy.preAlertWindow(Severity.WARNING)).isEqualTo(Duration.ofMinutes(3));
        assertThat(policy.preAlertWindow(Severity.URGENT)).isNull();
    }

    @Test
    void build_everyGatewayTypeFromConfigAndEnvironment() {
        AlertsConfig.Sms sms = AlertsConfig.parse(FULL).sms();
        for (String type : new String[] {"outbox", "notify", "twilio", "smpp", "kannel"}) {
            try (SmsGateway gateway = Gateways.build(type, sms, ENV, dir, Clock.systemUTC(), InboundSink.NONE)) {
                assertThat(gateway.name()).isEqualTo(type);
            }
        }
    }

    @Test
    void build_missingSecretNamesTheVariableNotAValue() {
        AlertsConfig.Sms sms = AlertsConfig.parse(FULL).sms();
        assertThatThrownBy(() -> Gateways.build("twilio", sms, Map.of(), dir, Clock.systemUTC(), InboundSink.NONE))
                .isInstanceOf(ConfigException.class).hasMessageContaining("HEARTH_TWILIO_AUTH_TOKEN");
        assertThatThrownBy(() -> Gateways.build("pigeon", sms, ENV, dir, Clock.systemUTC(), InboundSink.NONE))
                .hasMessageContaining("unknown gateway 'pigeon'");
        AlertsConfig.Sms noSection = AlertsConfig.parse("sms: {primary: notify}").sms();
        assertThatThrownBy(() -> Gateways.build("notify", noSection, ENV, dir, Clock.systemUTC(), InboundSink.NONE))
                .isInstanceOf(ConfigException.class).hasMessageContaining("alerts.sms.notify is required");
    }

    @Test
    void parse_badValuesGiveClearErrors() {
        assertThatThrownBy(() -> AlertsConfig.parse("escalation: {urgent: soon}").escalationPolicy())
                .hasMessageContaining("alerts.escalation.urgent").hasMessageContaining("soon");
        assertThatThrownBy(() -> AlertsConfig.parse("digestHour: 25")).hasMessageContaining("digestHour");
        assertThatThrownBy(() -> AlertsConfig.parse("digest: {at: \"25:00\"}")).hasMessageContaining("alerts.digest.at");
        assertThatThrownBy(() -> AlertsConfig.parse("digestHour: 18\ndigest: {at: \"18:00\"}")).hasMessageContaining("not both");
        assertThat(AlertsConfig.parse("digest: {at: \"7:30\"}").digestAt()).isEqualTo(java.time.LocalTime.of(7, 30));
        assertThat(AlertsConfig.defaults().digestAt()).isEqualTo(java.time.LocalTime.of(18, 0));
    }

    @Test
    void defaults_areTheOutboxInTheDataDirectory() throws Exception {
        AlertsConfig config = AlertsConfig.defaults();
        try (AuditLog audit = new AuditLog(dir.resolve("audit.jsonl"), Clock.systemUTC())) {
            ReliableSender sender = Gateways.sender(config.sms(), Map.of(), dir, Clock.systemUTC(), InboundSink.NONE, audit,
                    d -> { }, new Random(1));
            assertThat(sender.gateways()).singleElement().isInstanceOfSatisfying(OutboxGateway.class,
                    g -> assertThat(g.file()).isEqualTo(dir.resolve("outbox/sms.jsonl")));
        }
        assertThat(config.escalationPolicy().preAlertWindow(Severity.WARNING)).isNull();
    }
}
