package org.hearth.storage.point;

import java.util.Objects;

/**
 * One point ready to send: a line of InfluxDB line protocol at millisecond precision, and whether
 * it may be dropped under pressure.
 *
 * @param line line protocol without a trailing newline; never contains a newline
 * @param retention what happens to it when the server is away
 */
public record StoredPoint(String line, Retention retention) {

    public StoredPoint {
        Objects.requireNonNull(line, "line");
        Objects.requireNonNull(retention, "retention");
        if (line.indexOf('\n') >= 0 || line.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("a line protocol point must be one line");
        }
    }

    public static StoredPoint raw(String line) {
        return new StoredPoint(line, Retention.DROPPABLE);
    }

    public static StoredPoint kept(String line) {
        return new StoredPoint(line, Retention.KEPT);
    }
}
