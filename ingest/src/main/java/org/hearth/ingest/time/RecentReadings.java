package org.hearth.ingest.time;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * What one sensor sent of one kind lately: the instant of its newest reading, and the readings
 * (instant and value) within a window of it, newest {@link #MAX_KEPT} at most. Enough to tell a
 * redelivered copy from a new reading: the broker redelivers only what the last checkpoint held
 * and did not see acknowledged, the readings just before it, all at or before the newest.
 *
 * <p>A copy older than the window, or past the cap, is not recognised and passes once (downstream tolerates
 * at-least-once), as one did after the old memory's six hours.
 *
 * <p>Replaces remembering every event's identity for hours: one value per sensor and kind, a few
 * dozen bytes, instead of a key per event (about 330 per home over six hours, tens of KB).
 */
final class RecentReadings {

    /** The byte format of {@link #toBytes()}; raise it on a change and keep reading the older. */
    static final int FORMAT = 1;

    /** Readings kept at most: a sensor that reports every second keeps its last minute. */
    static final int MAX_KEPT = 64;

    private long newest;
    private long[] at;
    private long[] valueBits;
    private int size;

    private RecentReadings(long newest, long[] at, long[] valueBits, int size) {
        this.newest = newest;
        this.at = at;
        this.valueBits = valueBits;
        this.size = size;
    }

    /** A sensor not heard from yet (or forgotten). */
    static RecentReadings none() {
        return new RecentReadings(Long.MIN_VALUE, new long[4], new long[4], 0);
    }

    /**
     * Whether the same instant and value is among the readings kept. One not kept is new, even one older than the window: with several readers one sensor's
     * readings reach here from each, and after an outage one reader's share of the backlog can run minutes ahead of
     * another's (each reader's watermark judged its own on time), so "older than the newest" is not "seen".
     *
     * @param ts the reading's instant, epoch milliseconds (an event's identity has milliseconds)
     */
    boolean isCopy(long ts, double value) {
        long bits = Double.doubleToLongBits(value);
        for (int i = 0; i < size; i++) {
            if (at[i] == ts && valueBits[i] == bits) {
                return true;
            }
        }
        return false;
    }

    /**
     * Keeps a reading that is not a copy; forgets what fell out of the window or past {@link #MAX_KEPT}.
     *
     * @param windowMs how far behind the newest reading the ones kept reach
     */
    void remember(long ts, double value, long windowMs) {
        newest = Math.max(newest, ts);
        if (size == at.length) {
            at = Arrays.copyOf(at, Math.min(MAX_KEPT + 1, size * 2));
            valueBits = Arrays.copyOf(valueBits, at.length);
        }
        at[size] = ts;
        valueBits[size] = Double.doubleToLongBits(value);
        size++;
        long from = newest - windowMs;
        int kept = 0;
        for (int i = 0; i < size; i++) {
            if (at[i] >= from) {
                at[kept] = at[i];
                valueBits[kept] = valueBits[i];
                kept++;
            }
        }
        size = kept;
        if (size > MAX_KEPT) {
            dropOldest(size - MAX_KEPT);
        }
    }

    /** The instant of the newest reading, epoch milliseconds; {@code Long.MIN_VALUE} when none. */
    long newest() {
        return newest;
    }

    int size() {
        return size;
    }

    private void dropOldest(int n) {
        for (int d = 0; d < n; d++) {
            int oldest = 0;
            for (int i = 1; i < size; i++) {
                if (at[i] < at[oldest]) {
                    oldest = i;
                }
            }
            size--;
            at[oldest] = at[size];
            valueBits[oldest] = valueBits[size];
        }
    }

    /** Format byte, the newest instant, the count, then per reading its distance below the newest (ms) and its value. */
    byte[] toBytes() {
        ByteBuffer b = ByteBuffer.allocate(1 + 8 + 2 + size * (4 + 8));
        b.put((byte) FORMAT).putLong(newest).putShort((short) size);
        for (int i = 0; i < size; i++) {
            b.putInt((int) Math.min(Integer.MAX_VALUE, newest - at[i])).putLong(valueBits[i]);
        }
        return b.array();
    }

    /** Reads {@link #toBytes()}; a format this release does not know is an error, never a guess. */
    static RecentReadings of(byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        int format = b.get();
        if (format != FORMAT) {
            throw new IllegalStateException("recent readings in format " + format + ", this release reads " + FORMAT);
        }
        long newest = b.getLong();
        int size = b.getShort();
        long[] at = new long[Math.max(4, size)];
        long[] bits = new long[at.length];
        for (int i = 0; i < size; i++) {
            at[i] = newest - b.getInt();
            bits[i] = b.getLong();
        }
        return new RecentReadings(newest, at, bits, size);
    }
}
