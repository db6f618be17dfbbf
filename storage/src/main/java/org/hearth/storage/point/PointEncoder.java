package org.hearth.storage.point;

import java.io.Serializable;

/**
 * Turns one Hearth record into a point. Serializable because it travels inside the Flink sink.
 *
 * @param <T> the record type
 */
@FunctionalInterface
public interface PointEncoder<T> extends Serializable {

    /** @throws IllegalArgumentException when the value cannot be stored (the caller counts it) */
    StoredPoint encode(T value);
}
