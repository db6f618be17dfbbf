package org.hearth.alerts.ack;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.hearth.alerts.audit.AuditLog;
import org.hearth.alerts.gateway.InboundSink;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CallbackServerTest {

    private static final String PUBLIC = "https://hearth.example.org";
    private static final String TWILIO_TOKEN = "12345678901234567890123456789012";

    @TempDir
    Path dir;

    private final List<String> seen = new CopyOnWriteArrayList<>();
    private final InboundSink sink = new InboundSink() {
        @Override
        public void inbound(String gateway, String from, String text) {
            seen.add("in|" + gateway + "|" + from + "|" + text);
        }

        @Override
        public void receipt(String gateway, String providerId, String status) {
            seen.add("dlr|" + gateway + "|" + providerId + "|" + status);
        }
    };
    private final HttpClient http = HttpClient.newHttpClient();
    private AuditLog audit;
    private CallbackServer server;

    @BeforeEach
    void start() throws Exception {
        audit = new AuditLog(dir.resolve("audit.jsonl"), Clock.systemUTC());
        server = new CallbackServer("127.0.0.1", 0, new CallbackServer.Settings(PUBLIC, TWILIO_TOKEN, "notify-bearer", "kannel-token"), sink, audit);
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
        audit.close();
    }

    /** Twilio's documented signature: Base64(HMAC-SHA1(token, url + concat(sorted key+value))). */
    private static String twilioSignature(String url, Map<String, String> params) throws Exception {
        StringBuilder data = new StringBuilder(url);
        new TreeMap<>(params).forEach((k, v) -> data.append(k).append(v));
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(TWILIO_TOKEN.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
        return Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
    }

    private HttpResponse<String> postForm(String path, Map<String, String> form, String signature) throws Exception {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body));
        if (signature != null) {
            request.header("X-Twilio-Signature", signature);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> postJson(String path, String json, String bearer) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String pathAndQuery) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + pathAndQuery)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void twilioInbound_acceptsOnlyValidSignatures() throws Exception {
        Map<String, String> form = Map.of("From", "+447700900123", "To", "+447700900001", "Body", "OK 4821",
                "MessageSid", "SM1", "AccountSid", "AC1");
        String signature = twilioSignature(PUBLIC + "/sms/twilio/inbound", form);
        HttpResponse<String> ok = postForm("/sms/twilio/inbound", form, signature);
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.body()).contains("<Response/>");
        assertThat(seen).containsExactly("in|twilio|+447700900123|OK 4821");

        Map<String, String> tampered = new java.util.HashMap<>(form);
        tampered.put("Body", "OK 9999");
        assertThat(postForm("/sms/twilio/inbound", tampered, signature).statusCode()).isEqualTo(403);
        assertThat(postForm("/sms/twilio/inbound", form, null).statusCode()).isEqualTo(403);
        assertThat(seen).hasSize(1);
        assertThat(audit.recent()).extracting(e -> e.type()).containsExactly("callback-rejected", "callback-rejected");
    }

    @Test
    void twilioStatus_passesReceipt() throws Exception {
        Map<String, String> form = Map.of("MessageSid", "SM0123", "MessageStatus", "delivered", "To", "+447700900123");
        assertThat(postForm("/sms/twilio/status", form, twilioSignature(PUBLIC + "/sms/twilio/status", form)).statusCode()).isEqualTo(200);
        assertThat(seen).containsExactly("dlr|twilio|SM0123|delivered");
    }

    @Test
    void notify_needsTheBearerToken() throws Exception {
        String inbound = """
                {"id": "b0f5c6a2", "source_number": "447700900123", "destination_number": "07700900001",
                 "message": "ok 4821", "date_received": "2026-11-23T09:12:00.000000Z", "notification_id": "n1"}""";
        assertThat(postJson("/sms/notify/inbound", inbound, "wrong").statusCode()).isEqualTo(403);
        assertThat(postJson("/sms/notify/inbound", inbound, null).statusCode()).isEqualTo(403);
        assertThat(postJson("/sms/notify/inbound", inbound, "notify-bearer").statusCode()).isEqualTo(200);
        String status = """
                {"id": "740e5834", "reference": "a1/carer-0/step-0", "to": "07700900123", "status": "delivered",
                 "created_at": "2026-11-23T09:05:00Z", "notification_type": "sms"}""";
        assertThat(postJson("/sms/notify/status", status, "notify-bearer").statusCode()).isEqualTo(200);
        assertThat(seen).containsExactly("in|notify|447700900123|ok 4821", "dlr|notify|740e5834|delivered");
    }

    @Test
    void kannel_needsTheToken() throws Exception {
        assertThat(get("/sms/kannel/inbound?token=nope&from=%2B447700900123&text=OK+4821").statusCode()).isEqualTo(403);
        assertThat(get("/sms/kannel/inbound?token=kannel-token&from=%2B447700900123&text=OK+4821").statusCode()).isEqualTo(200);
        assertThat(get("/sms/kannel/dlr?token=kannel-token&key=a1%2Fcarer-0%2Fstep-0&status=1").statusCode()).isEqualTo(200);
        assertThat(seen).containsExactly("in|kannel|+447700900123|OK 4821", "dlr|kannel|a1/carer-0/step-0|delivered");
    }

    @Test
    void aReplyThatCannotBePublishedIsAnswered503SoTheGatewayMayTryAgain() throws Exception {
        AckHandler handler = new AckHandler(new org.hearth.models.registry.KitRegistry(List.of(org.hearth.alerts.TestHomes.home())),
                ack -> { throw new java.io.IOException("broker down"); }, null, audit, Clock.systemUTC(), "salt");
        try (CallbackServer failing = new CallbackServer("127.0.0.1", 0,
                new CallbackServer.Settings(PUBLIC, TWILIO_TOKEN, "notify-bearer", "kannel-token"), handler, audit)) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + failing.port()
                    + "/sms/kannel/inbound?token=kannel-token&from=%2B447700900123&text=OK+4821")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(503);
        }
        assertThat(java.nio.file.Files.readString(dir.resolve("audit.jsonl"))).contains("ack-publish-failed");
    }
}
