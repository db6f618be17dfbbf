package org.hearth.models.baseline;

import org.hearth.models.day.DayProfile;

/** Times of day that anchor a routine. Values are local wall minutes, {@link DayProfile#UNKNOWN} if absent. */
public enum Anchor {
    RISE("up"),
    FIRST_KETTLE("kettle on"),
    BEDTIME("in bed");

    private final String phrase;

    Anchor(String phrase) {
        this.phrase = phrase;
    }

    /** How an explanation says it: "usually up by 08:10". */
    public String phrase() {
        return phrase;
    }

    public int of(DayProfile p) {
        return switch (this) {
            case RISE -> p.riseMinute();
            case FIRST_KETTLE -> p.firstKettleMinute();
            case BEDTIME -> p.bedtimeMinute();
        };
    }
}
