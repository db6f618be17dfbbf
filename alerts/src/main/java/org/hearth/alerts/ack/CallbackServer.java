package org.hearth.alerts.ack;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.twilio.security.RequestValidator;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import org.hearth.alerts.audit.AuditLog;
import org.hearth.alerts.gateway.InboundSink;
import org.hearth.models.json.HearthJson;

/**
 * The HTTP endpoint SMS gateways call back: inbound texts and delivery receipts, each route with
 * its gateway's own authentication. Requests that fail authentication get 403 and are audited; they
 * never reach the {@link InboundSink}.
 *
 * <ul>
 *   <li>{@code POST /sms/twilio/inbound}, {@code POST /sms/twilio/status}: Twilio form posts,
 *       checked with {@code X-Twilio-Signature} (HMAC-SHA1 of the public URL plus the sorted form
 *       parameters, keyed by the auth token, as Twilio documents; the SDK's {@link RequestValidator}).
 *   <li>{@code POST /sms/notify/inbound}, {@code POST /sms/notify/status}: GOV.UK Notify's JSON
 *       callbacks, checked with the bearer token configured in Notify.
 *   <li>{@code GET /sms/kannel/inbound?token=&from=%p&text=%a}, {@code GET /sms/kannel/dlr?token=&key=&status=%d}:
 *       Kannel's get-url and dlr-url, checked with a shared token in the query.
 * </ul>
 */
public final class CallbackServer implements AutoCloseable {

    /**
     * Secrets and the public address.
     *
     * @param publicBaseUrl the URL prefix the gateways call (what Twilio signs), e.g. {@code https://hearth.example}
     * @param twilioAuthToken or null to disable Twilio routes
     * @param notifyBearerToken or null to disable Notify routes
     * @param kannelToken or null to disable Kannel routes
     */
    public record Settings(String publicBaseUrl, String twilioAuthToken, String notifyBearerToken, String kannelToken) {
        @Override
        public String toString() {
            return "Settings[" + publicBaseUrl + ", secrets=***]";
        }
    }

    private final HttpServer server;
    private final Settings settings;
    private final InboundSink sink;
    private final AuditLog audit;

    /** Binds to {@code host:port} (port 0 for any free port) and starts serving. */
    public CallbackServer(String host, int port, Settings settings, InboundSink sink, AuditLog audit) throws IOException {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.sink = Objects.requireNonNull(sink, "sink");
        this.audit = Objects.requireNonNull(audit, "audit");
        server = HttpServer.create(new InetSocketAddress(host, port), 0);
        server.setExecutor(Executors.newFixedThreadPool(2));
        server.createContext("/sms/twilio/inbound", ex -> handle(ex, "twilio", this::twilioInbound));
        server.createContext("/sms/twilio/status", ex -> handle(ex, "twilio", this::twilioStatus));
        server.createContext("/sms/notify/inbound", ex -> handle(ex, "notify", this::notifyInbound));
        server.createContext("/sms/notify/status", ex -> handle(ex, "notify", this::notifyStatus));
        server.createContext("/sms/kannel/inbound", ex -> handle(ex, "kannel", this::kannelInbound));
        server.createContext("/sms/kannel/dlr", ex -> handle(ex, "kannel", this::kannelDlr));
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @FunctionalInterface
    private interface Route {
        /** @return the HTTP status to answer */
        int serve(HttpExchange exchange) throws IOException;
    }

    private void handle(HttpExchange exchange, String gateway, Route route) throws IOException {
        int status;
        try {
            status = route.serve(exchange);
        } catch (InboundSink.NotTaken e) {
            status = 503; // already audited by the handler; the gateway may try again
        } catch (RuntimeException | IOException e) {
            audit.record("callback-error", null, null, gateway, null, e.getClass().getSimpleName());
            status = 400;
        }
        if (status == 403) {
            audit.record("callback-rejected", null, null, gateway, null, "auth");
        }
        byte[] body = status == 200 && gateway.equals("twilio")
                ? "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response/>".getBytes(StandardCharsets.UTF_8) : new byte[0];
        if (body.length > 0) {
            exchange.getResponseHeaders().set("Content-Type", "text/xml");
        }
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            exchange.getResponseBody().write(body);
        }
        exchange.close();
    }

    private int twilioInbound(HttpExchange ex) throws IOException {
        Map<String, String> form = twilioForm(ex);
        if (form == null) {
            return 403;
        }
        sink.inbound("twilio", form.getOrDefault("From", ""), form.getOrDefault("Body", ""));
        return 200;
    }

    private int twilioStatus(HttpExchange ex) throws IOException {
        Map<String, String> form = twilioForm(ex);
        if (form == null) {
            return 403;
        }
        sink.receipt("twilio", form.get("MessageSid"), form.get("MessageStatus"));
        return 200;
    }

    /** The form if the request is a POST signed by Twilio, else null. */
    private Map<String, String> twilioForm(HttpExchange ex) throws IOException {
        if (settings.twilioAuthToken() == null || !"POST".equals(ex.getRequestMethod())) {
            return null;
        }
        Map<String, String> form = parse(new String(read(ex.getRequestBody()), StandardCharsets.UTF_8));
        String signature = ex.getRequestHeaders().getFirst("X-Twilio-Signature");
        String url = settings.publicBaseUrl().replaceAll("/+$", "") + ex.getRequestURI().toString();
        if (signature == null || !new RequestValidator(settings.twilioAuthToken()).validate(url, form, signature)) {
            return null;
        }
        return form;
    }

    private int notifyInbound(HttpExchange ex) throws IOException {
        JsonNode json = notifyJson(ex);
        if (json == null) {
            return 403;
        }
        sink.inbound("notify", json.path("source_number").asText(""), json.path("message").asText(""));
        return 200;
    }

    private int notifyStatus(HttpExchange ex) throws IOException {
        JsonNode json = notifyJson(ex);
        if (json == null) {
            return 403;
        }
        sink.receipt("notify", json.path("id").asText(null), json.path("status").asText(null));
        return 200;
    }

    private JsonNode notifyJson(HttpExchange ex) throws IOException {
        if (settings.notifyBearerToken() == null || !"POST".equals(ex.getRequestMethod())) {
            return null;
        }
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        if (auth == null || !auth.startsWith("Bearer ") || !same(auth.substring(7).trim(), settings.notifyBearerToken())) {
            return null;
        }
        return HearthJson.json().readTree(read(ex.getRequestBody()));
    }

    private int kannelInbound(HttpExchange ex) {
        Map<String, String> q = kannelQuery(ex);
        if (q == null) {
            return 403;
        }
        sink.inbound("kannel", q.getOrDefault("from", ""), q.getOrDefault("text", ""));
        return 200;
    }

    private int kannelDlr(HttpExchange ex) {
        Map<String, String> q = kannelQuery(ex);
        if (q == null) {
            return 403;
        }
        sink.receipt("kannel", q.get("key"), kannelStatus(q.get("status")));
        return 200;
    }

    /** Kannel's dlr-mask bits: 1 delivered, 2 failed, 4 buffered, 8 smsc accepted, 16 smsc rejected. */
    private static String kannelStatus(String code) {
        return switch (code == null ? "" : code) {
            case "1" -> "delivered";
            case "2" -> "failed";
            case "4" -> "buffered";
            case "8" -> "accepted";
            case "16" -> "rejected";
            default -> "status-" + code;
        };
    }

    private Map<String, String> kannelQuery(HttpExchange ex) {
        if (settings.kannelToken() == null) {
            return null;
        }
        Map<String, String> q = parse(ex.getRequestURI().getRawQuery());
        return same(q.getOrDefault("token", ""), settings.kannelToken()) ? q : null;
    }

    private static boolean same(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] read(InputStream in) throws IOException {
        return in.readNBytes(64 * 1024); // callbacks are small; a huge body is not a gateway
    }

    static Map<String, String> parse(String form) {
        Map<String, String> out = new LinkedHashMap<>();
        if (form == null || form.isEmpty()) {
            return out;
        }
        for (String pair : form.split("&")) {
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.put(k, v);
        }
        return out;
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
