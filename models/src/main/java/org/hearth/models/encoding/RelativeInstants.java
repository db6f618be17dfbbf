package org.hearth.models.encoding;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.time.Instant;

/**
 * The instants of one value, written relative to a base and to each other (the hot rule state from version 11): many of
 * a home's instants are the same moment under several names (the last movement is the last motion, the last raw sign of
 * life and a sensor's last reading; the last front-door use is the one not-home judged), and the tracker's watermark is
 * the last message less a nanosecond. One varint each, as {@link Varints#writeInstantScaled} writes it (0: null; then two
 * bits of kind: whole seconds, milliseconds), except:
 * <ul>
 * <li>kind 3 (free there): the same instant as one written before in this value, {@code k} instants back among those not
 *     written so ({@code (k << 2 | 3) + 1}: one byte for the {@link #WINDOW} most recent);
 * <li>kind 2 (a fraction finer than milliseconds): the seconds from the base as before, then the nanoseconds as their
 *     zig-zagged difference from the base's (one byte for the watermark where its nanoseconds took five).
 * </ul>
 * A writer and a reader go through the value's instants in the same order; the first, the base, is written absolute.
 * Not thread-safe: one per value written or read.
 */
public final class RelativeInstants {

    /** How far back a repeat is looked for: {@code (30 << 2 | 3) + 1 = 124}, one byte. */
    public static final int WINDOW = 30;

    private long[] seconds = new long[48];
    private int[] nanos = new int[48];
    private int count;
    private long baseSeconds;
    private int baseNanos;
    private boolean based;

    /** Writes {@code t} (null too); the first instant written is the base of the ones after it. */
    public void write(DataOutput out, Instant t) throws IOException {
        if (t == null) {
            out.writeByte(0);
            return;
        }
        long s = t.getEpochSecond();
        int n = t.getNano();
        for (int k = 0, i = count - 1; i >= 0 && k < WINDOW; k++, i--) {
            if (seconds[i] == s && nanos[i] == n) {
                Varints.writeUnsigned(out, ((long) k << 2 | 3) + 1);
                return;
            }
        }
        long d = s - baseSeconds;
        if (n == 0) {
            Varints.writeUnsigned(out, (Varints.zigzag(d) << 2) + 1);
        } else if (n % 1_000_000 == 0 && Math.abs(d) < (1L << 40)) {
            Varints.writeUnsigned(out, (Varints.zigzag(d * 1000 + n / 1_000_000) << 2 | 1) + 1);
        } else {
            Varints.writeUnsigned(out, (Varints.zigzag(d) << 2 | 2) + 1);
            Varints.writeUnsigned(out, Varints.zigzag(n - baseNanos));
        }
        remember(s, n);
    }

    /** Reads what {@link #write} wrote at the same place, or null. */
    public Instant read(DataInput in) throws IOException {
        long v = Varints.readUnsigned(in);
        if (v == 0) {
            return null;
        }
        long kind = (v - 1) & 3;
        if (kind == 3) {
            long k = (v - 1) >>> 2;
            if (k >= Math.min(count, WINDOW)) {
                throw new IOException("an instant " + k + " back, of " + count + " read");
            }
            int i = count - 1 - (int) k;
            return Instant.ofEpochSecond(seconds[i], nanos[i]);
        }
        long d = Varints.unzigzag((v - 1) >>> 2);
        Instant t;
        if (kind == 0) {
            t = Instant.ofEpochSecond(baseSeconds + d);
        } else if (kind == 1) {
            t = Instant.ofEpochSecond(baseSeconds + Math.floorDiv(d, 1000), Math.floorMod(d, 1000) * 1_000_000L);
        } else {
            long n = baseNanos + Varints.unzigzag(Varints.readUnsigned(in));
            if (n < 0 || n >= 1_000_000_000L) {
                throw new IOException("an instant's nanoseconds out of range: " + n);
            }
            t = Instant.ofEpochSecond(baseSeconds + d, n);
        }
        remember(t.getEpochSecond(), t.getNano());
        return t;
    }

    private void remember(long s, int n) {
        if (!based) {
            baseSeconds = s;
            baseNanos = n;
            based = true;
        }
        if (count == seconds.length) {
            seconds = java.util.Arrays.copyOf(seconds, count * 2);
            nanos = java.util.Arrays.copyOf(nanos, count * 2);
        }
        seconds[count] = s;
        nanos[count] = n;
        count++;
    }
}
