package org.hearth.alerts.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * One line of the delivery audit ({@code audit.jsonl}). Never a message body, never a phone number:
 * recipients are pseudonymous ({@code h1/carer-0}, or {@code sender:5f2a...} for an inbound number,
 * a keyed hash), errors are codes.
 *
 * @param ts when it happened (wall clock of the sending process)
 * @param type {@code attempt}, {@code sent}, {@code failed}, {@code retry}, {@code failover},
 *     {@code duplicate-skipped}, {@code in-doubt-resend}, {@code no-number}, {@code receipt},
 *     {@code ack}, {@code inbound-rejected}, {@code help-sent}, {@code pre-alert-cancelled}, ...
 * @param key the idempotency key (alert/recipient/step), or null
 * @param recipient pseudonymous recipient, or null
 * @param gateway which gateway, or null
 * @param attempt 1-based attempt number, or null
 * @param outcome a short result or error code ({@code http-503}, {@code delivered}), or null
 * @param ref the provider's message id, to match delivery receipts, or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AuditEntry(Instant ts, String type, String key, String recipient, String gateway, Integer attempt,
        String outcome, String ref) {}
