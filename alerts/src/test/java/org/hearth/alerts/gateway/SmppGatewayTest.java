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
        return new SmppGateway(new SmppGateway.Settings("127.0.0.1", smsc.port, "hearth", password, "", "Hearth", true, 5_000), sink);
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
            assertThat(Alphabet.parseDataCoding(submit.getDataCoding())).isEqualTo(Alphabet.ALPHA_DEFAULT);
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
            assertThat(Alphabet.parseDataCoding(smsc.submitted.get(0).getDataCoding())).isEqualTo(Alphabet.ALPHA_UCS2);
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
