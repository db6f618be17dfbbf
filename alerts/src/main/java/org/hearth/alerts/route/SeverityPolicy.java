package org.hearth.alerts.route;

import java.io.Serializable;
import java.time.Duration;

/**
 * How one severity is routed.
 *
 * @param escalateAfter how long a step waits for an acknowledgement before the next recipient is
 *     texted; null means never escalate (trends)
 * @param respectQuietHours whether carers in their quiet hours are skipped (and, if every remaining
 *     carer is quiet, the text waits until the first of them wakes)
 * @param preAlertWindow how long the resident has to press "I'm OK" before any carer is texted;
 *     null disables the pre-alert. Only honoured for non-urgent severities.
 */
public record SeverityPolicy(Duration escalateAfter, boolean respectQuietHours, Duration preAlertWindow)
        implements Serializable {

    public SeverityPolicy {
        if (escalateAfter != null && (escalateAfter.isNegative() || escalateAfter.isZero())) {
            throw new IllegalArgumentException("escalateAfter must be positive");
        }
        if (preAlertWindow != null && (preAlertWindow.isNegative() || preAlertWindow.isZero())) {
            throw new IllegalArgumentException("preAlertWindow must be positive");
        }
    }
}
