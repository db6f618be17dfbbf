package org.hearth.alerts.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Twilio's Messages API as documented (form POST, basic auth), spoken by WireMock. */
class TwilioGatewayTest {

    private static final String SID = "AC00000000000000000000000000000001";
    private static final String TOKEN = "test-auth-token";
    private static final String PATH = "/2010-04-01/Accounts/" + SID + "/Messages.json";

    private WireMockServer twilio;
    private final SmsMessage message = new SmsMessage("a1/carer-0/step-0", "+447700900123",
            "Hearth: J.S. not up yet (usually by 08:10). Reply OK 4821 to take this.", "h1/carer-0");

    @BeforeEach
    void start() {
        twilio = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        twilio.start();
    }

    @AfterEach
    void stop() {
        twilio.stop();
    }

    private TwilioGateway gateway(String from, String service) {
        return new TwilioGateway(SID, TOKEN, from, service, "https://hearth.example/sms/twilio/status", twilio.baseUrl());
    }

    @Test
    void send_postsFormWithBasicAuthAndStatusCallback() throws Exception {
        twilio.stubFor(post(PATH).willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                .withBody("{\"sid\": \"SM0123456789abcdef0123456789abcdef\", \"status\": \"queued\", \"account_sid\": \"" + SID + "\"}")));
        SendReceipt receipt = gateway("+447700900001", null).send(message);
        assertThat(receipt.providerId()).isEqualTo("SM0123456789abcdef0123456789abcdef");
        String basic = "Basic " + Base64.getEncoder().encodeToString((SID + ":" + TOKEN).getBytes(StandardCharsets.UTF_8));
        twilio.verify(1, postRequestedFor(urlEqualTo(PATH))
                .withHeader("Authorization", equalTo(basic))
                .withFormParam("To", equalTo("+447700900123"))
                .withFormParam("From", equalTo("+447700900001"))
                .withFormParam("Body", equalTo(message.body()))
                .withFormParam("StatusCallback", equalTo("https://hearth.example/sms/twilio/status")));
    }

    @Test
    void send_withMessagingService() throws Exception {
        twilio.stubFor(post(PATH).willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                .withBody("{\"sid\": \"SM1\", \"status\": \"accepted\"}")));
        gateway(null, "MG00000000000000000000000000000002").send(message);
        twilio.verify(postRequestedFor(urlEqualTo(PATH)).withFormParam("MessagingServiceSid", equalTo("MG00000000000000000000000000000002")));
    }

    @Test
    void send_mapsTwilioErrorsAndMakesOneRequestPerAttempt() {
        twilio.stubFor(post(PATH).willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                .withBody("{\"code\": 21211, \"message\": \"The 'To' number +447700900123 is not a valid phone number.\", \"more_info\": \"https://www.twilio.com/docs/errors/21211\", \"status\": 400}")));
        assertThatThrownBy(() -> gateway("+447700900001", null).send(message)).isInstanceOfSatisfying(GatewayException.class, e -> {
            assertThat(e.retryable()).isFalse();
            assertThat(e.code()).isEqualTo("http-400-twilio-21211");
            assertThat(e.getMessage()).doesNotContain("7700");
        });
        twilio.resetAll();
        twilio.stubFor(post(PATH).willReturn(aResponse().withStatus(503).withHeader("Content-Type", "application/json")
                .withBody("{\"code\": 20503, \"message\": \"Service unavailable\", \"status\": 503}")));
        assertThatThrownBy(() -> gateway("+447700900001", null).send(message))
                .isInstanceOfSatisfying(GatewayException.class, e -> assertThat(e.retryable()).isTrue());
        twilio.verify(1, postRequestedFor(urlEqualTo(PATH))); // the SDK's hidden retries are off
    }

    @Test
    void send_unsubscribedRecipientIsAnOptOutAndNoOtherGatewayIsTried(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        // Twilio's documented error for a recipient who replied STOP (error 21610).
        twilio.stubFor(post(PATH).willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                .withBody("{\"code\": 21610, \"message\": \"Attempt to send to unsubscribed recipient\","
                        + " \"more_info\": \"https://www.twilio.com/docs/errors/21610\", \"status\": 400}")));
        assertThatThrownBy(() -> gateway("+447700900001", null).send(message)).isInstanceOfSatisfying(GatewayException.class, e -> {
            assertThat(e.failure()).isEqualTo(GatewayException.Failure.RECIPIENT_OPTED_OUT);
            assertThat(e.code()).isEqualTo("twilio-21610");
        });
        ScriptedGateway secondary = new ScriptedGateway("smpp");
        try (var audit = new org.hearth.alerts.audit.AuditLog(dir.resolve("audit.jsonl"), java.time.Clock.systemUTC())) {
            ReliableSender.Outcome outcome = new ReliableSender(gateway("+447700900001", null), secondary, RetryPolicy.defaults(),
                    d -> {}, new java.util.Random(1), audit).send(message);
            assertThat(outcome.sent()).isFalse();
            assertThat(outcome.optedOut()).isTrue();
            assertThat(outcome.attempts()).isEqualTo(1);
        }
        assertThat(secondary.calls()).isZero();
        twilio.verify(2, postRequestedFor(urlEqualTo(PATH)));
    }

    @Test
    void constructor_needsExactlyOneSender() {
        assertThatThrownBy(() -> new TwilioGateway(SID, TOKEN, null, null, null, null)).hasMessageContaining("exactly one");
    }
}
