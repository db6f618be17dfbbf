package org.hearth.alerts.lifecycle;

import java.util.List;
import java.util.Objects;
import java.time.Instant;
import org.hearth.alerts.route.Recipient;
import org.hearth.models.alert.Alert;

/**
 * One transition of an alert, for storage and for delivery.
 *
 * @param type what happened
 * @param at the event time it happened
 * @param alert the alert it concerns ({@code alerts.jsonl} shape; its message is the first text)
 * @param step position in the escalation order of the recipient texted by this step (-1 when the
 *     event texts nobody or everyone already texted)
 * @param recipients who this event texts (pseudonymous), empty when nobody
 * @param message the text for those recipients, null when nobody is texted
 * @param reason why, for cancellations, suppressions, acknowledgements ({@code resident-ok},
 *     {@code condition-cleared}, {@code away:hospital}, {@code by:carer-1}); null otherwise
 */
public record LifecycleEvent(
        LifecycleEventType type,
        Instant at,
        Alert alert,
        int step,
        List<Recipient> recipients,
        String message,
        String reason) {

    public LifecycleEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(alert, "alert");
        recipients = recipients == null ? List.of() : List.copyOf(recipients);
    }

    /**
     * The idempotency key of this event's text to one recipient: (alert, recipient, step). A
     * replayed event yields the same key, so the delivery store sends it once.
     */
    public String deliveryKey(Recipient recipient) {
        String stepName = switch (type) {
            case NOTIFIED, ESCALATED -> "step-" + step;
            case UPDATED -> "updated-" + at.toEpochMilli();
            default -> type.wireName();
        };
        return alert.alertId() + "/" + recipient.id() + "/" + stepName;
    }

    /** Whether a carer or the duty line learns of a cancellation: never; it is the learning signal. */
    public boolean isLearningSignal() {
        return type == LifecycleEventType.CANCELLED && "resident-ok".equals(reason);
    }
}
