package org.hearth.models.alert;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How an alert is routed (DESIGN.md, Alerts). */
public enum Severity {
    /** Carers in escalation order, ignoring quiet hours. */
    URGENT,
    /** Carers, respecting quiet hours. */
    WARNING,
    /** A daily digest and a traffic light; never an urgent text. */
    TREND,
    /** The installer or the provider's duty line: the monitoring itself needs attention. */
    SYSTEM;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Severity fromWireName(String name) {
        return valueOf(name.trim().toUpperCase(Locale.ROOT));
    }
}
