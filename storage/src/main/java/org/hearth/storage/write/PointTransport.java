package org.hearth.storage.write;

import java.util.List;

/**
 * Sends one batch of line-protocol lines, all at millisecond precision, synchronously. The
 * {@link StorageWriter} owns batching, retries and the buffer; a transport only reports what the
 * server said.
 */
public interface PointTransport extends AutoCloseable {

    /** @throws WriteFailure when the server did not accept the whole batch */
    void write(List<String> lines) throws WriteFailure;

    @Override
    void close();
}
