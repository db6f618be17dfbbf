package org.hearth.alerts.route;

/** Who a delivery step goes to. */
public enum RecipientKind {
    /** A carer of the home, by position in the escalation order. */
    CARER,
    /** The home's installer (the care provider's contact for the kit). */
    INSTALLER,
    /** The care provider's duty line: staffed day and night, the last step of every escalation. */
    DUTY_LINE,
    /** The home's daily digest (trends): collected, never texted on its own. */
    DIGEST
}
