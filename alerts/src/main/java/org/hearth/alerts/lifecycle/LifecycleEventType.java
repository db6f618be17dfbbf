package org.hearth.alerts.lifecycle;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What happened to an alert. Events that carry recipients are delivery instructions too. */
public enum LifecycleEventType {
    /** An alert opened: the {@code alerts.jsonl} line. */
    RAISED,
    /** The resident is asked "I'm OK?" on the home's device before any carer is texted (extension). */
    PRE_ALERT,
    /** The first recipient is texted (or, for trends, the digest gets a line). */
    NOTIFIED,
    /** Nobody replied in time: the next recipient is texted. */
    ESCALATED,
    /** A carer replied with the code; everyone texted so far is told. */
    ACKNOWLEDGED,
    /** The condition cleared after someone was texted; everyone texted is told. */
    RESOLVED,
    /** Closed before any carer was texted: the resident said OK, or the condition cleared during the pre-alert. */
    CANCELLED,
    /** A raise silenced by an away mode: nobody is told, the line is kept (extension). */
    SUPPRESSED,
    /**
     * A system alert already open grew (another sensor went silent while the first still is): everyone
     * texted so far is told the news, under the same alert and reply code (extension).
     */
    UPDATED;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
