package org.hearth.job;

/** Names of the job's accumulators, read by the replay summary and the demo's. */
public final class Counters {
    /** Events handed to the rules. */
    public static final String EVENTS = "hearth-events";
    /** Events that arrived at or behind the watermark, set aside by ingest (its {@code late} output): live, counted by {@code LiveJob}. */
    public static final String LATE = "hearth-late";
    /** Homes that received at least one event. */
    public static final String HOMES = "hearth-homes";
    /** Care days (per home, local, 12:00 boundary) that had events: home-days replayed. */
    public static final String DAYS = "hearth-days";
    /** Redelivered events dropped by ingest's de-duplicator. */
    public static final String DUPLICATES = org.hearth.ingest.time.Deduplicator.DUPLICATES;
    /** Alerts raised (lifecycle {@code raised}). */
    public static final String ALERTS = "hearth-alerts";

    private Counters() {}
}
