package org.hearth.alerts.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jsmpp.bean.Alphabet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SmppGatewayTest {

    private TestSmsc smsc;
    private final List<String> inbound = new CopyOnWriteArrayList<>();
    private final List<String> receipts = new CopyOnWriteArrayList<>();
    private final InboundSink sink = new InboundSink() {
        @Override
        public void inbound(String gateway, String from, String text) {
            inbound.add(gateway + "|" + from + "|" + text);
        }

        @Override
        public void receipt(String gateway, String providerId, String status) {
            receipts.add(gateway + "|" + providerId + "|" + status);
        }
    };

    @BeforeEach
    void start() throws Exception {
        smsc = new TestSmsc("s3cret");
    }

    @AfterEach
    void stop() throws Exception {
        smsc.close();
    }

    private SmppGateway gateway(String password) {
        return new SmppGateway(new SmppGateway.Settings("127.0.0.1", smsc.port, "hearth", password, "", "Hearth", true, 5_000,
                Duration.ofMillis(100), Duration.ofMillis(400)), sink);
    }

    @Test
    void start_keepsTheTransceiverBoundSoRepliesArriveWithoutAnOutboundText() throws Exception {
        try (SmppGateway gateway = gateway("s3cret").start()) {
            await().atMost(Duration.ofSeconds(5)).until(smsc::hasBoundSession);
            assertThat(smsc.submitted).isEmpty();
            smsc.reply("447700900123", "OK 4821");
            await().atMost(Duration.ofSeconds(5)).until(() -> inbound.size() == 1);
            assertThat(inbound).containsExactly("smpp|+447700900123|OK 4821");

            // The SMSC drops the link: the gateway binds again by itself, and the next reply arrives.
            smsc.dropLink();
            await().atMost(Duration.ofSeconds(10)).until(() -> smsc.binds.get() == 2 && smsc.hasBoundSession());
            smsc.receipt("3e9", "447700900123");
            await().atMost(Duration.ofSeconds(5)).until(() -> receipts.size() == 1);
            assertThat(receipts).containsExactly("smpp|3e9|DELIVRD");
            assertThat(smsc.submitted).isEmpty();
        }
    }

    @Test
    void start_rebindsWithBackoffWhileTheSmscIsDown() throws Exception {
        int port = smsc.port;
        smsc.close();
        try (SmppGateway gateway = gateway("s3cret").start()) {
            Thread.sleep(300); // a few refused binds while the SMSC is down
            assertThat(gateway.bound()).isFalse();
            smsc = new TestSmsc("s3cret", port);
            await().atMost(Duration.ofSeconds(5)).until(smsc::hasBoundSession);
            assertThat(gateway.bound()).isTrue();
            smsc.reply("447700900456", "BACK");
            await().atMost(Duration.ofSeconds(5)).until(() -> inbound.size() == 1);
        }
    }

    @Test
    void inbound_replyNotTakenIsRefusedWithATemporaryErrorSoTheSmscKeepsIt() throws Exception {
        java.util.concurrent.atomic.AtomicBoolean brokerDown = new java.util.concurrent.atomic.AtomicBoolean(true);
        InboundSink flaky = new InboundSink() {
            @Override
            public void inbound(String gateway, String from, String text) {
                if (brokerDown.get()) {
                    throw new NotTaken("publish-failed");
                }
                inbound.add(gateway + "|" + from + "|" + text);
            }

            @Override
            public void receipt(String gateway, String providerId, String status) {}
        };
        try (SmppGateway gateway = new SmppGateway(new SmppGateway.Settings("127.0.0.1", smsc.port, "hearth", "s3cret", "",
                "Hearth", true, 5_000, Duration.ofMillis(100), Duration.ofMillis(400)), flaky).start()) {
            await().atMost(Duration.ofSeconds(10)).until(smsc::hasBoundSession);
            assertThatThrownBy(() -> smsc.reply("447700900123", "OK 4821"))
                    .isInstanceOfSatisfying(org.jsmpp.extra.NegativeResponseException.class,
                            e -> assertThat(e.getCommandStatus()).isEqualTo(0x64)); // ESME_RX_T_APPN: try again later
            brokerDown.set(false);
            smsc.reply("447700900123", "OK 4821"); // the SMSC's redelivery
            assertThat(inbound).containsExactly("smpp|+447700900123|OK 4821");
            assertThat(gateway.bound()).isTrue();
        }
    }

    @Test
    void built_aGatewayThatOnlySendsBindsAsTransmitterSoNoReplyIsHandedToIt(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        org.hearth.alerts.config.AlertsConfig.Sms sms = org.hearth.alerts.config.AlertsConfig.parse("""
                sms:
                  primary: smpp
                  smpp: {host: 127.0.0.1, port: %d, systemId: hearth, passwordEnv: SMPP_PASSWORD}
                """.formatted(smsc.port)).sms();
        java.util.Map<String, String> env = java.util.Map.of("SMPP_PASSWORD", "s3cret");
        try (SmsGateway sendOnly = org.hearth.alerts.config.Gateways.build("smpp", sms, env, dir, java.time.Clock.systemUTC(),
                InboundSink.NONE)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> smsc.bindTypes.size() == 1);
        }
        try (SmsGateway receiving = org.hearth.alerts.config.Gateways.build("smpp", sms, env, dir, java.time.Clock.systemUTC(), sink)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> smsc.bindTypes.size() == 2);
        }
        assertThat(smsc.bindTypes).containsExactly(org.jsmpp.bean.BindType.BIND_TX, org.jsmpp.bean.BindType.BIND_TRX);
    }

    @Test
    void backoff_doublesFromMinToMax() {
        try (SmppGateway gateway = gateway("s3cret")) {
            assertThat(List.of(1, 2, 3, 4, 10)).extracting(gateway::backoff).containsExactly(100L, 200L, 400L, 400L, 400L);
        }
    }

    @Test
    void inbound_nationalReplyAcknowledgesWithTheHomesCountry(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        List<org.hearth.alerts.ack.Acknowledgement> acks = new CopyOnWriteArrayList<>();
        java.time.Clock clock = java.time.Clock.fixed(java.time.Instant.parse("2026-11-23T09:10:00Z"), java.time.ZoneOffset.UTC);
        try (var audit = new org.hearth.alerts.audit.AuditLog(dir.resolve("audit.jsonl"), clock)) {
            var handler = new org.hearth.alerts.ack.AckHandler(new org.hearth.models.registry.KitRegistry(
                    List.of(org.hearth.alerts.TestHomes.home())), acks::add, null, audit, clock, "salt");
            try (SmppGateway gateway = new SmppGateway(new SmppGateway.Settings("127.0.0.1", smsc.port, "hearth", "s3cret",
                    "", "Hearth", true, 5_000), handler).start()) {
                await().atMost(Duration.ofSeconds(5)).until(smsc::hasBoundSession);
                smsc.reply(org.jsmpp.bean.TypeOfNumber.NATIONAL, "07700900456", "OK 4821");
                await().atMost(Duration.ofSeconds(5)).until(() -> acks.size() == 1);
            }
        }
        assertThat(acks).containsExactly(new org.hearth.alerts.ack.Acknowledgement("h1", "4821", "carer-1",
                java.time.Instant.parse("2026-11-23T09:10:00Z")));
    }

    @Test
    void inbound_nationalSenderStaysNationalNotPlusZero() throws Exception {
        try (SmppGateway gateway = gateway("s3cret").start()) {
            await().atMost(Duration.ofSeconds(5)).until(smsc::hasBoundSession);
            smsc.reply(org.jsmpp.bean.TypeOfNumber.NATIONAL, "07700900123", "OK 4821");
            smsc.reply(org.jsmpp.bean.TypeOfNumber.NATIONAL, "7700900456", "OK 4821");
            smsc.reply(org.jsmpp.bean.TypeOfNumber.UNKNOWN, "07700900999", "OK 4821");
            smsc.reply(org.jsmpp.bean.TypeOfNumber.UNKNOWN, "00447700900123", "OK 4821");
            await().atMost(Duration.ofSeconds(5)).until(() -> inbound.size() == 4);
            assertThat(inbound).containsExactly("smpp|07700900123|OK 4821", "smpp|07700900456|OK 4821",
                    "smpp|07700900999|OK 4821", "smpp|+447700900123|OK 4821");
        }
    }

    @Test
    void send_submitsGsm7WithReceiptRequestedAndReceivesReceiptAndReply() throws Exception {
        try (SmppGateway gateway = gateway("s3cret")) {
            SendReceipt receipt = gateway.send(new SmsMessage("k1", "+447700900123",
                    "Hearth: J.S. not up yet (usually by 08:10). Reply OK 4821 to take this. €", "h1/carer-0"));
            assertThat(receipt.gateway()).isEqualTo("smpp");
            assertThat(smsc.submitted).hasSize(1);
            var submit = smsc.submitted.get(0);
            assertThat(submit.getDestAddress()).isEqualTo("447700900123");
            assertThat(submit.getSourceAddr()).isEqualTo("Hearth");
            assertThat(submit.getDataCoding()).isEqualTo((byte) 0x00); // SMPP 3.4 5.2.19: SMSC default alphabet; not 0x11
            assertThat(submit.getRegisteredDelivery()).isEqualTo((byte) 1);
            assertThat(TestSmsc.text(submit)).endsWith("Reply OK 4821 to take this. €");
            assertThat(submit.getShortMessage()).hasSize(74); // 72 basic septets + escape pair for the euro

            smsc.receipt(receipt.providerId(), "447700900123");
            smsc.reply("447700900123", "ok 4821");
            await().atMost(Duration.ofSeconds(5)).until(() -> receipts.size() == 1 && inbound.size() == 1);
            assertThat(receipts).containsExactly("smpp|" + receipt.providerId() + "|DELIVRD");
            assertThat(inbound).containsExactly("smpp|+447700900123|ok 4821");
        }
    }

    @Test
    void send_nonGsmGoesUcs2AndLongTextInMessagePayload() throws Exception {
        try (SmppGateway gateway = gateway("s3cret")) {
            gateway.send(new SmsMessage("k1", "+447700900123", "Hearth: 李 needs you", "h1/carer-0"));
            assertThat(smsc.submitted.get(0).getDataCoding()).isEqualTo((byte) 0x08); // UCS2; not the reserved 0x19
            assertThat(TestSmsc.text(smsc.submitted.get(0))).isEqualTo("Hearth: 李 needs you");

            String digest = "Hearth: daily summary " + "x".repeat(200);
            gateway.send(new SmsMessage("k2", "+447700900123", digest, "h1/carer-0"));
            assertThat(smsc.submitted.get(1).getShortMessage()).isEmpty();
            assertThat(TestSmsc.text(smsc.submitted.get(1))).isEqualTo(digest);
        }
    }

    @Test
    void send_throttledIsRetryableAndInvalidDestinationIsNot() throws Exception {
        try (SmppGateway gateway = gateway("s3cret")) {
            smsc.rejectNext(1, 0x58);
            assertThatThrownBy(() -> gateway.send(new SmsMessage("k1", "+447700900123", "hi", "h1/carer-0")))
                    .isInstanceOfSatisfying(GatewayException.class, e -> {
                        assertThat(e.retryable()).isTrue();
                        assertThat(e.code()).isEqualTo("smpp-0x58");
                    });
            smsc.rejectNext(1, 0x0B);
            assertThatThrownBy(() -> gateway.send(new SmsMessage("k2", "+447700900123", "hi", "h1/carer-0")))
                    .isInstanceOfSatisfying(GatewayException.class, e -> assertThat(e.retryable()).isFalse());
            gateway.send(new SmsMessage("k3", "+447700900123", "hi", "h1/carer-0"));
            assertThat(smsc.submitted).hasSize(1);
        }
    }

    @Test
    void send_wrongPasswordFailsBindRetryably() {
        try (SmppGateway gateway = gateway("wrong")) {
            assertThatThrownBy(() -> gateway.send(new SmsMessage("k1", "+447700900123", "hi", "h1/carer-0")))
                    .isInstanceOfSatisfying(GatewayException.class, e -> assertThat(e.code()).isEqualTo("smpp-bind"));
        }
    }

    @Test
    void send_rebindsAfterTheSmscDropsTheLink() throws Exception {
        try (SmppGateway gateway = gateway("s3cret")) {
            gateway.send(new SmsMessage("k1", "+447700900123", "one", "h1/carer-0"));
            int port = smsc.port;
            smsc.close();
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                    assertThatThrownBy(() -> gateway.send(new SmsMessage("k2", "+447700900123", "two", "h1/carer-0")))
                            .isInstanceOfSatisfying(GatewayException.class, e -> assertThat(e.retryable()).isTrue()));
            smsc = new TestSmsc("s3cret", port);
            gateway.send(new SmsMessage("k3", "+447700900123", "three", "h1/carer-0"));
            assertThat(smsc.submitted).extracting(TestSmsc::text).containsExactly("three");
            assertThat(smsc.binds).hasValue(1);
        }
    }
}
