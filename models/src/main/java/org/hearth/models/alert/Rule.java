package org.hearth.models.alert;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * The rules that raise alerts, named in kebab case as in {@code alerts.jsonl} (DESIGN.md Contracts).
 * The last four extend the contract: Hearth watching itself and its deliveries.
 */
public enum Rule {
    NOT_UP(Severity.URGENT, true),
    NO_KETTLE(Severity.WARNING, true),
    STILLNESS(Severity.URGENT, true),
    NIGHT_DOOR(Severity.URGENT, true),
    NOT_HOME(Severity.URGENT, true),
    NIGHT_ACTIVITY(Severity.WARNING, true),
    UNUSUAL_ROUTES(Severity.WARNING, true),
    UNUSUAL_DAY(Severity.WARNING, true),
    BATHROOM_TREND(Severity.TREND, true),
    KETTLE_TREND(Severity.TREND, true),
    SLEEP_TREND(Severity.TREND, true),
    HELP_BUTTON(Severity.URGENT, false),
    SENSOR_OFFLINE(Severity.SYSTEM, false),
    HUB_OFFLINE(Severity.SYSTEM, false),
    BATTERY_LOW(Severity.SYSTEM, false),
    /** The detection job's own heartbeat is silent or its watermark lags (extension). */
    JOB_SILENT(Severity.SYSTEM, false),
    /** SMS delivery keeps failing (extension). */
    DELIVERY_FAILING(Severity.SYSTEM, false),
    /** A resident's baseline has not become ready when it should have (extension). */
    LEARNING_STALLED(Severity.SYSTEM, false),
    /** A carer replied STOP (or the gateway reports them unsubscribed): the escalation list needs fixing (extension). */
    CARER_OPTED_OUT(Severity.SYSTEM, false),
    /** A side path (dead letters, late events, alert files, storage) cannot write; detection goes on (extension). */
    SIDE_PATH_FAILING(Severity.SYSTEM, false);

    private final Severity severity;
    private final boolean behavioural;

    Rule(Severity severity, boolean behavioural) {
        this.severity = severity;
        this.behavioural = behavioural;
    }

    /** The default severity of alerts this rule raises. */
    public Severity severity() {
        return severity;
    }

    /**
     * Whether the rule reads the resident's behaviour. Away modes silence behavioural rules; the
     * help button and the system rules are never silenced.
     */
    public boolean behavioural() {
        return behavioural;
    }

    /** {@code not-up}, {@code help-button}, ... */
    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    @JsonCreator
    public static Rule fromWireName(String name) {
        for (Rule rule : values()) {
            if (rule.wireName().equals(name.trim().toLowerCase(Locale.ROOT))) {
                return rule;
            }
        }
        throw new IllegalArgumentException("unknown rule '" + name + "'");
    }
}
