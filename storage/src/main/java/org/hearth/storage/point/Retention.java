package org.hearth.storage.point;

/**
 * What may be given up when the time-series server is away. Only raw sensor events are
 * droppable: they are voluminous and the detection job has already consumed them. Alerts, their
 * lifecycle and everything derived are few and are the audit trail, so they are kept (spilled to a
 * local file) however long the outage lasts.
 */
public enum Retention {
    /** Dropped, and counted, when the bounded buffer is full. */
    DROPPABLE,
    /** Never dropped: held in memory, then spilled to disk, then replayed. */
    KEPT
}
