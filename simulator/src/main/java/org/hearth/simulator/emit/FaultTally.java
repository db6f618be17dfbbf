package org.hearth.simulator.emit;

/** Counts of what happened to readings on their way (for the run summary and tests). */
public final class FaultTally {
    /** Readings the sensors produced while online. */
    public long readings;
    /** Readings not produced because their sensor or hub was offline. */
    public long offline;
    /** Lost on the radio. */
    public long dropped;
    /** Delivered late (out of order). */
    public long late;
    /** Extra copies delivered. */
    public long duplicates;
    /** Lines delivered, copies included. */
    public long delivered;

    public void add(FaultTally other) {
        readings += other.readings;
        offline += other.offline;
        dropped += other.dropped;
        late += other.late;
        duplicates += other.duplicates;
        delivered += other.delivered;
    }
}
