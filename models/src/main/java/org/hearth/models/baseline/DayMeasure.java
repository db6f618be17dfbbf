package org.hearth.models.baseline;

import org.hearth.models.day.DayProfile;

/** Per-day counts and durations the baseline learns the distribution of. */
public enum DayMeasure {
    KETTLE_BOILS("kettle boils", "", 1),
    BATHROOM_VISITS("bathroom visits", "", 1),
    BATHROOM_DAY("daytime bathroom visits", "", 1),
    BATHROOM_NIGHT("night bathroom visits", "", 1),
    NIGHT_BED_EXITS("times up in the night", "", 1),
    NIGHT_DOOR_OPENINGS("doors opened at night", "", 1),
    ACTIVE_SLOTS("active half-hours", "", 2),
    TIME_IN_BED("time in bed", "min", 30),
    OUT_OF_HOME("time out", "min", 30),
    LONGEST_BATHROOM("longest bathroom visit", "min", 5),
    LONGEST_STILLNESS("longest stillness", "min", 15),
    ROOM_TRANSITIONS("room changes", "", 3);

    private final String label;
    private final String unit;
    private final double minSpread;

    DayMeasure(String label, String unit, double minSpread) {
        this.label = label;
        this.unit = unit;
        this.minSpread = minSpread;
    }

    public String label() {
        return label;
    }

    /** "min" for durations (in minutes), "" for counts. */
    public String unit() {
        return unit;
    }

    /** The smallest spread treated as meaningful, so that a very regular person is not flagged for noise. */
    public double minSpread() {
        return minSpread;
    }

    public double of(DayProfile p) {
        return switch (this) {
            case KETTLE_BOILS -> p.kettleBoils();
            case BATHROOM_VISITS -> p.bathroomVisits();
            case BATHROOM_DAY -> p.bathroomDay();
            case BATHROOM_NIGHT -> p.bathroomNight();
            case NIGHT_BED_EXITS -> p.nightBedExits();
            case NIGHT_DOOR_OPENINGS -> p.nightDoorOpenings();
            case ACTIVE_SLOTS -> p.activeSlotCount();
            case TIME_IN_BED -> p.timeInBedMinutes();
            case OUT_OF_HOME -> p.outOfHomeMinutes();
            case LONGEST_BATHROOM -> p.longestBathroomSeconds() / 60.0;
            case LONGEST_STILLNESS -> p.longestStillnessSeconds() / 60.0;
            case ROOM_TRANSITIONS -> p.transitionCount();
        };
    }
}
