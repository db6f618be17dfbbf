package org.hearth.alerts.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.hearth.alerts.audit.AuditLog;
import org.hearth.models.json.HearthJson;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** GOV.UK Notify's API as documented (POST /v2/notifications/sms, JWT bearer), spoken by WireMock. */
class NotifyGatewayTest {

    private static final String SERVICE_ID = "26785a09-ab16-4eb0-8407-a37497a57506";
    private static final String SECRET = "3d844edf-8d35-48ac-975b-e847b4f122b0";
    private static final String API_KEY = "hearth_test-" + SERVICE_ID + "-" + SECRET;
    private static final String TEMPLATE = "f33517ff-2a88-4f6e-b855-c550268ce08a";
    private static final String CREATED = """
            {"id": "740e5834-3a29-46b4-9a6f-16142fde533a", "reference": "a1/carer-0/step-0",
             "content": {"body": "Hearth: J.S. not up yet", "from_number": "Hearth"},
             "uri": "https://api.notifications.service.gov.uk/v2/notifications/740e5834-3a29-46b4-9a6f-16142fde533a",
             "template": {"id": "f33517ff-2a88-4f6e-b855-c550268ce08a", "version": 1,
                          "uri": "https://api.notifications.service.gov.uk/v2/template/f33517ff-2a88-4f6e-b855-c550268ce08a"}}""";

    @TempDir
    Path dir;

    private WireMockServer notify;
    private final SmsMessage message = new SmsMessage("a1/carer-0/step-0", "+447700900123",
            "Hearth: J.S. not up yet (usually by 08:10). Reply OK 4821 to take this.", "h1/carer-0");

    @BeforeEach
    void start() {
        notify = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        notify.start();
    }

    @AfterEach
    void stop() {
        notify.stop();
    }

    private NotifyGateway gateway() {
        return new NotifyGateway(API_KEY, notify.baseUrl(), TEMPLATE, null);
    }

    @Test
    void send_postsTemplatePersonalisationAndReferenceWithASignedJwt() throws Exception {
        notify.stubFor(post("/v2/notifications/sms").willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody(CREATED)));
        SendReceipt receipt = gateway().send(message);
        assertThat(receipt.providerId()).isEqualTo("740e5834-3a29-46b4-9a6f-16142fde533a");

        notify.verify(postRequestedFor(urlEqualTo("/v2/notifications/sms"))
                .withHeader("Authorization", matching("Bearer [\\w-]+\\.[\\w-]+\\.[\\w-]+"))
                .withRequestBody(equalToJson("""
                        {"phone_number": "+447700900123", "template_id": "%s", "reference": "a1/carer-0/step-0",
                         "personalisation": {"message": "Hearth: J.S. not up yet (usually by 08:10). Reply OK 4821 to take this."}}
                        """.formatted(TEMPLATE), true, true)));

        // The token is what Notify checks: HS256 over header.payload with the key's secret, iss = service id.
        String jwt = notify.getAllServeEvents().get(0).getRequest().getHeader("Authorization").substring("Bearer ".length());
        String[] parts = jwt.split("\\.");
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        byte[] expected = mac.doFinal((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertThat(Base64.getUrlDecoder().decode(parts[2])).isEqualTo(expected);
        JsonNode claims = HearthJson.json().readTree(Base64.getUrlDecoder().decode(parts[1]));
        assertThat(claims.path("iss").asText()).isEqualTo(SERVICE_ID);
        assertThat(claims.path("iat").asLong()).isPositive();
    }

    @Test
    void send_badRequestIsPermanentAndRateLimitIsRetryable() {
        notify.stubFor(post("/v2/notifications/sms").willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"errors\":[{\"error\":\"ValidationError\",\"message\":\"phone_number Not a UK mobile number\"}],\"status_code\":400}")));
        assertThatThrownBy(() -> gateway().send(message)).isInstanceOfSatisfying(GatewayException.class, e -> {
            assertThat(e.retryable()).isFalse();
            assertThat(e.code()).isEqualTo("http-400");
            assertThat(e.getMessage()).doesNotContain("phone_number");
        });
        notify.resetAll();
        notify.stubFor(post("/v2/notifications/sms").willReturn(aResponse().withStatus(429)
                .withBody("{\"errors\":[{\"error\":\"RateLimitError\",\"message\":\"Exceeded rate limit\"}],\"status_code\":429}")));
        assertThatThrownBy(() -> gateway().send(message)).isInstanceOfSatisfying(GatewayException.class, e -> assertThat(e.retryable()).isTrue());
    }

    @Test
    void reliableSender_retriesNotifyServerErrorsThenSucceeds() throws Exception {
        notify.stubFor(post("/v2/notifications/sms").inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(500).withBody("{\"errors\":[{\"error\":\"Exception\",\"message\":\"Internal server error\"}],\"status_code\":500}"))
                .willSetStateTo("second"));
        notify.stubFor(post("/v2/notifications/sms").inScenario("flaky").whenScenarioStateIs("second")
                .willReturn(aResponse().withStatus(503)).willSetStateTo("up"));
        notify.stubFor(post("/v2/notifications/sms").inScenario("flaky").whenScenarioStateIs("up")
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json").withBody(CREATED)));
        List<Duration> slept = new ArrayList<>();
        try (AuditLog audit = new AuditLog(dir.resolve("audit.jsonl"), Clock.systemUTC())) {
            ReliableSender sender = new ReliableSender(gateway(), null, RetryPolicy.defaults(), slept::add, new Random(5), audit);
            ReliableSender.Outcome outcome = sender.send(message);
            assertThat(outcome.sent()).isTrue();
            assertThat(outcome.attempts()).isEqualTo(3);
            assertThat(slept).hasSize(2);
        }
        notify.verify(3, postRequestedFor(urlEqualTo("/v2/notifications/sms")).withHeader("Content-Type", equalTo("application/json")));
    }

    /** Notify's documented answer once the service's daily limit is used up (REST API docs, error codes: 429). */
    static final String DAILY_LIMIT = "{\"status_code\": 429, \"errors\": [{\"error\": \"TooManyRequestsError\","
            + " \"message\": \"Exceeded send limits (250000) for today\"}]}";

    @Test
    void send_dailyLimitIsNotRetryableButThePerMinuteRateLimitIs() {
        notify.stubFor(post("/v2/notifications/sms").willReturn(aResponse().withStatus(429)
                .withHeader("Content-Type", "application/json").withBody(DAILY_LIMIT)));
        assertThatThrownBy(() -> gateway().send(message)).isInstanceOfSatisfying(GatewayException.class, e -> {
            assertThat(e.retryable()).isFalse();
            assertThat(e.failure()).isEqualTo(GatewayException.Failure.GATEWAY_EXHAUSTED);
            assertThat(e.code()).isEqualTo("notify-daily-limit");
        });
    }

    @Test
    void reliableSender_dailyLimitFailsOverAtOnceToSmppAndLeavesNotifyAloneUntilMidnight() throws Exception {
        notify.stubFor(post("/v2/notifications/sms").willReturn(aResponse().withStatus(429)
                .withHeader("Content-Type", "application/json").withBody(DAILY_LIMIT)));
        org.hearth.models.testing.TestClock clock = new org.hearth.models.testing.TestClock(java.time.Instant.parse("2026-11-23T21:30:00Z"));
        List<Duration> slept = new ArrayList<>();
        List<String> failing = new ArrayList<>();
        try (TestSmsc smsc = new TestSmsc("pw");
                SmppGateway smpp = new SmppGateway(new SmppGateway.Settings("127.0.0.1", smsc.port, "hearth", "pw", "", "Hearth",
                        true, 5_000), null);
                AuditLog audit = new AuditLog(dir.resolve("audit.jsonl"), clock)) {
            ReliableSender sender = new ReliableSender(List.of(gateway(), smpp), RetryPolicy.defaults(), slept::add, new Random(5),
                    audit, clock, 3, new GatewayHealthListener() {
                        @Override
                        public void failing(String gateway, int failures, String lastError, java.time.Instant at) {
                            failing.add(gateway + ":" + lastError);
                        }

                        @Override
                        public void recovered(String gateway, java.time.Instant at) {
                            failing.add(gateway + ":recovered");
                        }
                    });
            ReliableSender.Outcome first = sender.send(message);
            assertThat(first.sent()).isTrue();
            assertThat(first.receipt().gateway()).isEqualTo("smpp");
            assertThat(first.attempts()).isEqualTo(2); // one to Notify, no retry, then the SMSC
            assertThat(slept).isEmpty();
            notify.verify(1, postRequestedFor(urlEqualTo("/v2/notifications/sms")));
            assertThat(failing).containsExactly("notify:notify-daily-limit");

            // The rest of the day goes straight to the SMSC; Notify is not asked again.
            assertThat(sender.send(new SmsMessage("a2/carer-0/step-0", "+447700900123", "Hearth: second", "h1/carer-0"))
                    .receipt().gateway()).isEqualTo("smpp");
            notify.verify(1, postRequestedFor(urlEqualTo("/v2/notifications/sms")));
            assertThat(smsc.submitted).hasSize(2);

            // After midnight UTC the limit has reset: Notify is tried again and, accepting, is healthy.
            clock.advance(Duration.ofHours(3));
            notify.resetAll();
            notify.stubFor(post("/v2/notifications/sms").willReturn(aResponse().withStatus(201)
                    .withHeader("Content-Type", "application/json").withBody(CREATED)));
            assertThat(sender.send(new SmsMessage("a3/carer-0/step-0", "+447700900123", "Hearth: third", "h1/carer-0"))
                    .receipt().gateway()).isEqualTo("notify");
            assertThat(failing).containsExactly("notify:notify-daily-limit", "notify:recovered");
        }
    }

    @Test
    void send_unreachableServerIsRetryable() {
        NotifyGateway down = new NotifyGateway(API_KEY, "http://127.0.0.1:1", TEMPLATE, null);
        assertThatThrownBy(() -> down.send(message)).isInstanceOfSatisfying(GatewayException.class, e -> assertThat(e.retryable()).isTrue());
    }
}
