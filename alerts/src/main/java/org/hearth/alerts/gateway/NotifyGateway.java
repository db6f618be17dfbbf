package org.hearth.alerts.gateway;

import java.util.Map;
import java.util.Objects;
import uk.gov.service.notify.NotificationClient;
import uk.gov.service.notify.NotificationClientException;
import uk.gov.service.notify.SendSmsResponse;

/**
 * GOV.UK Notify through its official Java client. Notify sends only from templates: create one SMS
 * template whose whole content is {@code ((message))} and configure its id; Hearth fills the
 * placeholder. The idempotency key goes as Notify's {@code reference}, which Notify echoes in its
 * delivery-status callbacks. The base URL is configurable (Notify's own is the default) so that
 * tests speak to a local server.
 */
public final class NotifyGateway implements SmsGateway {

    public static final String DEFAULT_BASE_URL = "https://api.notifications.service.gov.uk";

    private final NotificationClient client;
    private final String templateId;
    private final String senderId;

    /**
     * @param apiKey Notify API key (from the environment)
     * @param baseUrl API base URL, or null for Notify's
     * @param templateId the {@code ((message))} template
     * @param senderId an SMS sender id configured in Notify, or null for the service default
     */
    public NotifyGateway(String apiKey, String baseUrl, String templateId, String senderId) {
        Objects.requireNonNull(apiKey, "apiKey");
        this.client = new NotificationClient(apiKey, baseUrl == null || baseUrl.isBlank() ? DEFAULT_BASE_URL : baseUrl);
        this.templateId = Objects.requireNonNull(templateId, "templateId");
        this.senderId = senderId == null || senderId.isBlank() ? null : senderId;
    }

    @Override
    public String name() {
        return "notify";
    }

    @Override
    public SendReceipt send(SmsMessage message) throws GatewayException {
        try {
            SendSmsResponse response = senderId == null
                    ? client.sendSms(templateId, message.to(), Map.of("message", message.body()), message.key())
                    : client.sendSms(templateId, message.to(), Map.of("message", message.body()), message.key(), senderId);
            return new SendReceipt(name(), response.getNotificationId().toString());
        } catch (NotificationClientException e) {
            // Notify's message text echoes the request's problem (possibly the number): keep the status
            // and Notify's error class only. A 429 is either the per-minute RateLimitError (retry) or
            // the daily TooManyRequestsError "Exceeded send limits (N) for today", which no retry
            // today can pass: fail over at once, and leave Notify alone until its limits reset.
            if (e.getHttpResult() == 429 && String.valueOf(e.getMessage()).contains("TooManyRequestsError")) {
                throw new GatewayException("notify-daily-limit", GatewayException.Failure.GATEWAY_EXHAUSTED, null, null);
            }
            throw GatewayException.forHttpStatus(e.getHttpResult(), null);
        } catch (RuntimeException e) {
            throw new GatewayException("notify-" + e.getClass().getSimpleName(), true, null);
        }
    }
}
