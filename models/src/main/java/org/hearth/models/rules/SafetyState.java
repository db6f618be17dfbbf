package org.hearth.models.rules;

import java.time.Instant;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the safety rules remember about one home between events: a few instants and one small entry
 * per sensor. Mutable on purpose (it is the keyed state of one home); maps are sorted so that its
 * serialized form and every decision that iterates it are deterministic.
 */
public final class SafetyState {

    /** Last message of any kind from the home (the hub's sign of life). */
    public Instant lastMessage;
    /** Whether the home has ever sent a heartbeat: only then is its silence a hub fault. */
    public boolean heartbeats;
    public boolean hubOffline;
    /** When monitoring came back after the hub was offline: stillness counts from here at the earliest. */
    public Instant resumedAt;

    /** Last movement inside the home (not the front door), and where. */
    public Instant lastInside;
    public String lastInsideRoom;
    /** Last front-door event (open or close). */
    public Instant lastDoor;
    /** Last motion-sensor reading of movement (PIRs only): with none for a day the motion kit is down. */
    public Instant lastMotion;
    public boolean stillnessRaised;

    public Instant lastPress;
    public boolean helpRaised;

    /**
     * The home's lived-in clock: readings of someone moving inside ({@link Movement.Place#INSIDE}) so far. Motion
     * sensors' silences are counted in these ({@link QuietSensors}): days away do not move it.
     */
    public long lived;

    /** Per sensor: when it last reported and its longest gap so far. */
    public TreeMap<String, SensorTrack> sensors = new TreeMap<>();
    /** Sensors currently counted as offline, with the instant they went silent. */
    public TreeMap<String, Instant> offline = new TreeMap<>();
    /** Sensors whose battery is low, with the last level reported. */
    public TreeMap<String, Integer> lowBattery = new TreeMap<>();
    /** Sensors that reported themselves unavailable (availability 0). */
    public TreeSet<String> unavailable = new TreeSet<>();

    /**
     * A sensor's reports are counted up to this: only whether they reached {@link SafetySettings#sensorMinReports} is
     * read, and a count that stays below 128 is one byte of the hot value (two or three at 28 days).
     */
    public static final long REPORTS_KEPT = 127;

    /** One sensor's reporting history, enough to tell silence from a quiet room. */
    public static final class SensorTrack {
        public Instant lastSeen;
        public long longestGapSeconds;
        /** Its reports so far, up to {@link #REPORTS_KEPT} (a state stored before counted on: down to it at the next). */
        public long reports;
        /** Whether the sensor sends heartbeats of its own (then its silence is judged on its gap). */
        public boolean checksIn;

        // The sensor in the home's lived-in time (QuietSensors): all zero until it is first heard after a restore
        // from a state that did not keep them (version 5 and older).
        /** Whether the lived-in fields below are kept. */
        public boolean onClock;
        /**
         * The home's {@link SafetyState#lived} count at its first reading (kept only as far back as learning needs:
         * {@link CompactRulesState#AGE_CAP}), and at its last (a motion sensor's: its motion readings only).
         */
        public long livedFirst;
        public long livedAt;
        /** Its longest gap in the home's readings while it reported normally. */
        public long livedGap;
        /** Counted offline as silent or near-dead in lived-in time: cleared only when it reports normally again. */
        public boolean quiet;
        /** Whether it reads motion: then its share of the home's readings is kept too. */
        public boolean motion;
        /**
         * Its motion readings decayed over the recent and the usual horizon, in {@link QuietSensors#ONE}ths, as at
         * {@link #livedAt}; while {@link #quiet}, {@code usual} is kept as it was when it went quiet.
         */
        public int recent;
        public int usual;

        /** A contact's last reading, once it has sent one: a reading of the same state is its report, no hand on a door. */
        public boolean contactKnown;
        public boolean contactOpen;

        public SensorTrack() {}

        public SensorTrack(Instant lastSeen, long longestGapSeconds, long reports) {
            this.lastSeen = lastSeen;
            this.longestGapSeconds = longestGapSeconds;
            this.reports = reports;
        }
    }
}
