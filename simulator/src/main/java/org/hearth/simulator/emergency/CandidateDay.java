package org.hearth.simulator.emergency;

import java.time.LocalDate;

/**
 * One day on which an emergency was due, and what happened: inserted, or why not.
 *
 * @param dayIndex local days since the recording's first event (0 = that day)
 * @param emergency the inserted emergency, or null when none could be
 * @param eligibleMinutes how many minutes of the window qualified (moved just before, no outage, ...)
 */
public record CandidateDay(String homeId, LocalDate date, int dayIndex, Emergency emergency, int eligibleMinutes, Skip skip) {

    /** Why no emergency went into a due day. */
    public enum Skip {
        NONE("inserted"),
        NO_MOVEMENT("no movement in the window (out, or no sensor saw them)"),
        OUTAGE("the recording was down"),
        RECORDING_ENDS("the recording ends before the emergency would"),
        OVERLAPS_LABEL("an emergency already labelled there");

        private final String text;

        Skip(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }
}
