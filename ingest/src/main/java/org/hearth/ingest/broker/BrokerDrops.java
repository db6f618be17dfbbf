package org.hearth.ingest.broker;

/**
 * Messages a broker reports it dropped (queue full, in-flight window exceeded). With held
 * PUBACKs a broker sized too small drops silently; this is where Hearth makes that visible
 * (a metric, the demo's summary line, and the burst tests' assertion that it stays zero).
 */
public interface BrokerDrops {

    /** Dropped messages since the broker started, as far as the broker reports them. */
    long droppedMessages();
}
