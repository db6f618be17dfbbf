package org.hearth.alerts.gateway;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import org.hearth.alerts.render.SmsEncoding;
import org.hearth.alerts.render.SmsLength;

/**
 * Kannel's HTTP {@code sendsms} interface (smsbox), in front of whatever SMSC links the bearerbox
 * has (SMPP, UCP, CIMD, a modem). Kannel gives no message id on submission, so the idempotency key
 * travels in the {@code dlr-url}: Kannel calls it back with the delivery status ({@code %d}).
 */
public final class KannelGateway implements SmsGateway {

    /**
     * @param sendsmsUrl e.g. {@code http://127.0.0.1:13013/cgi-bin/sendsms}
     * @param username sendsms-user username
     * @param password sendsms-user password (from the environment)
     * @param from sender, or null for Kannel's default
     * @param dlrUrl Hearth's receipt endpoint (e.g. {@code http://host:8088/sms/kannel/dlr?token=...}), or null
     */
    public record Settings(String sendsmsUrl, String username, String password, String from, String dlrUrl) {
        public Settings {
            Objects.requireNonNull(sendsmsUrl, "sendsmsUrl");
            Objects.requireNonNull(username, "username");
            password = password == null ? "" : password;
        }

        @Override
        public String toString() {
            return "Settings[" + sendsmsUrl + ", username=" + username + ", password=***]";
        }
    }

    private final Settings settings;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public KannelGateway(Settings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    @Override
    public String name() {
        return "kannel";
    }

    @Override
    public SendReceipt send(SmsMessage message) throws GatewayException {
        // POST with the text as a text/plain body and everything else in X-Kannel-* headers (Kannel's
        // documented POST form of sendsms): credentials and numbers stay out of the URL, which proxies
        // and access logs record. Kannel 1.4.5 refuses a form-encoded body ("Invalid content-type").
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(settings.sendsmsUrl()))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "text/plain; charset=UTF-8")
                .header("X-Kannel-Username", settings.username())
                .header("X-Kannel-Password", settings.password())
                .header("X-Kannel-To", message.to())
                // coding 0 lets Kannel encode GSM-7 for the SMSC; 2 asks for UCS-2.
                .header("X-Kannel-Coding", SmsLength.of(message.body()).encoding() == SmsEncoding.GSM7 ? "0" : "2");
        if (settings.from() != null && !settings.from().isBlank()) {
            request.header("X-Kannel-From", settings.from());
        }
        if (settings.dlrUrl() != null && !settings.dlrUrl().isBlank()) {
            String sep = settings.dlrUrl().contains("?") ? "&" : "?";
            request.header("X-Kannel-DLR-Mask", "31");
            request.header("X-Kannel-DLR-Url", settings.dlrUrl() + sep + "key=" + enc(message.key()) + "&status=%d");
        }
        request.POST(HttpRequest.BodyPublishers.ofString(message.body(), StandardCharsets.UTF_8));
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            // Kannel answers 202 "0: Accepted for delivery" (or "3: Queued for later delivery").
            if (response.statusCode() / 100 == 2) {
                return new SendReceipt(name(), message.key());
            }
            throw GatewayException.forHttpStatus(response.statusCode(), null);
        } catch (IOException e) {
            throw new GatewayException("io", true, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GatewayException("interrupted", true, null);
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
