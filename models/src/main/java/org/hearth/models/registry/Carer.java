package org.hearth.models.registry;

/**
 * Someone who receives alerts, in escalation order within a home.
 *
 * @param name how the carer is addressed (never logged)
 * @param phone E.164 number (never logged)
 * @param quietHours local {@code HH:mm-HH:mm} window in which only urgent alerts are sent; may span midnight
 */
public record Carer(String name, String phone, String quietHours) {

    @Override
    public String toString() {
        // Phone numbers and names are personal data: keep them out of logs and exception messages.
        return "Carer[redacted]";
    }
}
