package org.hearth.alerts.gateway;

import com.twilio.exception.ApiException;
import com.twilio.exception.TwilioException;
import com.twilio.http.HttpClient;
import com.twilio.http.NetworkHttpClient;
import com.twilio.http.Request;
import com.twilio.http.Response;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.rest.api.v2010.account.MessageCreator;
import com.twilio.type.PhoneNumber;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Twilio's Programmable Messaging through its official Java SDK. The SDK has no base-URL setting,
 * so a configured base URL is applied by an SDK {@link HttpClient} that rewrites
 * {@code https://api.twilio.com} to it (tests point it at a local server). The SDK's own retries
 * are switched off: {@link ReliableSender} owns retries, so the backoff is ours and visible.
 */
public final class TwilioGateway implements SmsGateway {

    /** Twilio error 21610, "Attempt to send to unsubscribed recipient". */
    static final int OPTED_OUT = 21610;

    private final TwilioRestClient client;
    private final String from;
    private final String messagingServiceSid;
    private final String statusCallback;

    /**
     * @param accountSid the account (AC...)
     * @param authToken the auth token (from the environment); also signs Twilio's callbacks
     * @param from the sending number or alphanumeric sender, or null when a messaging service is used
     * @param messagingServiceSid a messaging service (MG...), or null
     * @param statusCallback where Twilio posts delivery status, or null
     * @param baseUrl API base URL, or null for Twilio's
     */
    public TwilioGateway(String accountSid, String authToken, String from, String messagingServiceSid,
            String statusCallback, String baseUrl) {
        Objects.requireNonNull(accountSid, "accountSid");
        Objects.requireNonNull(authToken, "authToken");
        if ((from == null || from.isBlank()) == (messagingServiceSid == null || messagingServiceSid.isBlank())) {
            throw new IllegalArgumentException("twilio needs exactly one of 'from' and 'messagingServiceSid'");
        }
        TwilioRestClient.Builder builder = new TwilioRestClient.Builder(accountSid, authToken);
        builder.httpClient(new RebasingHttpClient(baseUrl));
        this.client = builder.build();
        this.from = from;
        this.messagingServiceSid = messagingServiceSid;
        this.statusCallback = statusCallback;
    }

    @Override
    public String name() {
        return "twilio";
    }

    @Override
    public SendReceipt send(SmsMessage message) throws GatewayException {
        PhoneNumber to = new PhoneNumber(message.to());
        MessageCreator creator = from != null && !from.isBlank()
                ? Message.creator(to, new PhoneNumber(from), message.body())
                : Message.creator(to, messagingServiceSid, message.body());
        if (statusCallback != null && !statusCallback.isBlank()) {
            creator.setStatusCallback(statusCallback);
        }
        try {
            return new SendReceipt(name(), creator.create(client).getSid());
        } catch (ApiException e) {
            if (e.getCode() != null && e.getCode() == OPTED_OUT) {
                // 21610: the recipient replied STOP to this sender. Twilio refuses every text to them
                // until they reply START, and texting them another way would ignore their wish.
                throw new GatewayException("twilio-21610", GatewayException.Failure.RECIPIENT_OPTED_OUT, null, null);
            }
            Integer status = e.getStatusCode();
            GatewayException mapped = GatewayException.forHttpStatus(status == null ? 0 : status, null);
            throw e.getCode() == null ? mapped : new GatewayException(mapped.code() + "-twilio-" + e.getCode(), mapped.retryable());
        } catch (TwilioException e) {
            throw new GatewayException("twilio-" + e.getClass().getSimpleName(), true, null);
        }
    }

    /** Sends the SDK's requests to another base URL, once each (no SDK retries). */
    static final class RebasingHttpClient extends HttpClient {
        private static final String TWILIO_API = "https://api.twilio.com";
        // Apache HttpClient retries a 503 by itself; switched off so that one attempt is one request.
        private final NetworkHttpClient delegate = new NetworkHttpClient(
                org.apache.hc.client5.http.impl.classic.HttpClientBuilder.create().disableAutomaticRetries().useSystemProperties());
        private final String baseUrl;

        RebasingHttpClient(String baseUrl) {
            this.baseUrl = baseUrl == null || baseUrl.isBlank() ? null : baseUrl.replaceAll("/+$", "");
        }

        @Override
        public Response reliableRequest(Request request) {
            return makeRequest(request);
        }

        @Override
        public Response makeRequest(Request request) {
            if (baseUrl == null || !request.getUrl().startsWith(TWILIO_API)) {
                return delegate.makeRequest(request);
            }
            Request rebased = new Request(request.getMethod(), baseUrl + request.getUrl().substring(TWILIO_API.length()));
            if (request.getUsername() != null) {
                rebased.setAuth(request.getUsername(), request.getPassword());
            } else if (request.getAuthStrategy() != null) {
                rebased.setAuth(request.getAuthStrategy());
            }
            if (request.getContentType() != null) {
                rebased.setContentType(request.getContentType());
            }
            if (request.getBody() != null) {
                rebased.setBody(request.getBody());
            }
            copy(request.getPostParams(), rebased::addPostParam);
            copy(request.getQueryParams(), rebased::addQueryParam);
            copy(request.getHeaderParams(), rebased::addHeaderParam);
            rebased.setUserAgentExtensions(request.getUserAgentExtensions());
            return delegate.makeRequest(rebased);
        }

        private static void copy(Map<String, List<String>> params, java.util.function.BiConsumer<String, String> add) {
            params.forEach((k, values) -> values.forEach(v -> add.accept(k, v)));
        }
    }
}
