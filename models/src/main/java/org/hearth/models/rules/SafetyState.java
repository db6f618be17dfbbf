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

    /** Per sensor: when it last reported and its longest gap so far. */
    public TreeMap<String, SensorTrack> sensors = new TreeMap<>();
    /** Sensors currently counted as offline, with the instant they went silent. */
    public TreeMap<String, Instant> offline = new TreeMap<>();
    /** Sensors whose battery is low, with the last level reported. */
    public TreeMap<String, Integer> lowBattery = new TreeMap<>();
    /** Sensors that reported themselves unavailable (availability 0). */
    public TreeSet<String> unavailable = new TreeSet<>();

    /** One sensor's reporting history, enough to tell silence from a quiet room. */
    public static final class SensorTrack {
        public Instant lastSeen;
        public long longestGapSeconds;
        public long reports;
        /** Whether the sensor sends heartbeats of its own (then its silence is judged on its gap). */
        public boolean checksIn;

        public SensorTrack() {}

        public SensorTrack(Instant lastSeen, long longestGapSeconds, long reports) {
            this.lastSeen = lastSeen;
            this.longestGapSeconds = longestGapSeconds;
            this.reports = reports;
        }
    }
}
