package org.hearth.storage.write;

/**
 * What the writer has done so far. Every point offered ends in exactly one of written, dropped,
 * rejected or refused, or is still buffered: {@code offered == written + dropped + rejected + refused + buffered}.
 *
 * @param offered points handed to the writer
 * @param written points the server acknowledged
 * @param retried failed write attempts that will be tried again (server away, busy or refusing us)
 * @param buffered points waiting now: in memory, in flight or in the spill file
 * @param spilled kept points ever written to the local spill file
 * @param dropped raw events given up: buffer full during an outage, or unsent at shutdown
 * @param rejected points the server refused as malformed, kept in the rejected file
 * @param refused points given up because the server refused the credentials (401/403)
 */
public record StorageCounters(
        long offered, long written, long retried, long buffered, long spilled, long dropped, long rejected, long refused) {

    public StorageCounters(long offered, long written, long retried, long buffered, long spilled, long dropped, long rejected) {
        this(offered, written, retried, buffered, spilled, dropped, rejected, 0);
    }
}
