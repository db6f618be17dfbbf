package org.hearth.alerts.gateway;

/**
 * A gateway accepted a text.
 *
 * @param gateway which gateway ({@code notify}, {@code twilio}, {@code smpp}, {@code kannel}, {@code outbox})
 * @param providerId the provider's message id (for delivery receipts), or null when it gives none
 */
public record SendReceipt(String gateway, String providerId) {}
