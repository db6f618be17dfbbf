package org.hearth.live.sidepath;

/**
 * What a side path (dead letters, late events, alert files, storage, status) does with its
 * records, as plain Java, so that {@link SidePathGuard} can keep its faults away from detection.
 *
 * @param <T> the record type
 */
public interface SideWriter<T> extends AutoCloseable {

    /** Takes one record. Throwing means this record was not taken: the guard holds it and retries. */
    void write(T value) throws Exception;

    /** Makes what was taken durable (every checkpoint). Throwing means the path is failing. */
    void flush() throws Exception;

    @Override
    default void close() throws Exception {}
}
