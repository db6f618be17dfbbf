package org.hearth.alerts.route;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Why nobody should expect the resident's usual routine at home. */
public enum AwayKind {
    HOSPITAL,
    HOLIDAY,
    /** Someone is staying: the sensors see two people, so behavioural rules would misfire. */
    VISITOR;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static AwayKind fromWireName(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown away mode '" + name + "' (hospital, holiday, visitor)", e);
        }
    }
}
