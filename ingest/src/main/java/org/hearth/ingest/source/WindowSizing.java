package org.hearth.ingest.source;

import java.time.Duration;

/**
 * How many connections per reader keep the acknowledge windows from filling between checkpoints.
 *
 * <p>Each connection may hold {@code receiveMaximum} unacknowledged messages, and they are acknowledged when the
 * checkpoint covering them completes: so {@code readers x connections} windows per checkpoint interval. A message
 * that arrives for a full window waits for the next checkpoint's completion (a stall of up to an interval, measured:
 * ingest/README.md, "Sizing the broker"). The fewest connections whose windows take the peak rate within
 * {@link #MARGIN} of their capacity (the checkpoint's own duration comes on top of the interval, and a peak is not
 * perfectly even), at most {@link MqttSourceConfig#MAX_CONNECTIONS_PER_READER}.
 */
public final class WindowSizing {

    /** The share of the windows a peak may fill: a fifth is kept for the checkpoint's own duration and unevenness. */
    public static final double MARGIN = 0.8;

    private WindowSizing() {}

    /** Connections per reader for {@code messagesPerSecond} at the peak; 1 when one window per reader holds it. */
    public static int connectionsPerReader(double messagesPerSecond, int readers, int receiveMaximum, Duration checkpointInterval) {
        if (readers < 1 || receiveMaximum < 1 || checkpointInterval.isZero() || checkpointInterval.isNegative()) {
            throw new IllegalArgumentException("readers >= 1, receiveMaximum >= 1 and a positive interval, got " + readers + ", "
                    + receiveMaximum + ", " + checkpointInterval);
        }
        double perConnection = MARGIN * readers * receiveMaximum / (checkpointInterval.toMillis() / 1000.0);
        double needed = Math.ceil(messagesPerSecond / perConnection);
        return (int) Math.max(1, Math.min(MqttSourceConfig.MAX_CONNECTIONS_PER_READER, needed));
    }
}
