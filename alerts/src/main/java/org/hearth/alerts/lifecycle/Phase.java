package org.hearth.alerts.lifecycle;

/** Where an open alert stands. */
public enum Phase {
    /** Waiting for the resident's "I'm OK" before texting anyone. */
    PRE_ALERT,
    /** Every remaining carer is in quiet hours: waiting for the first to wake. */
    WAITING_QUIET,
    /** Someone has been texted; waiting for a reply before escalating. */
    NOTIFYING,
    /** A carer replied; no more escalation, waiting for the condition to clear. */
    ACKNOWLEDGED,
    /** Everyone in the order has been texted and nobody replied; waiting for a reply or a clear. */
    EXHAUSTED
}
