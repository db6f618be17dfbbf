package org.hearth.alerts.gateway;

import java.time.Instant;

/**
 * Told by {@link ReliableSender} when one gateway starts or stops failing, whatever the others do:
 * a failover that works still means the primary is down, and the provider must know (DESIGN.md:
 * "when monitoring itself fails ... someone is told").
 */
public interface GatewayHealthListener {

    /**
     * A gateway failed {@code failures} texts in a row (or said it is exhausted for the day).
     *
     * @param gateway its name
     * @param lastError the last error code (never the provider's free text)
     */
    void failing(String gateway, int failures, String lastError, Instant at);

    /** A gateway that was failing accepted a text again. */
    void recovered(String gateway, Instant at);

    GatewayHealthListener NONE = new GatewayHealthListener() {
        @Override
        public void failing(String gateway, int failures, String lastError, Instant at) {}

        @Override
        public void recovered(String gateway, Instant at) {}
    };
}
