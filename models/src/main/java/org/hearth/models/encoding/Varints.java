package org.hearth.models.encoding;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** LEB128 variable-length integers (zig-zag for signed values): small numbers take one byte. */
public final class Varints {

    private Varints() {}

    public static void writeUnsigned(DataOutput out, long v) throws IOException {
        if (v < 0) {
            throw new IllegalArgumentException("negative: " + v);
        }
        writeBits(out, v);
    }

    /** The 64 bits of {@code v} as an unsigned number (a zig-zag value may use the top bit). */
    private static void writeBits(DataOutput out, long v) throws IOException {
        if (out instanceof Bytes.Out bytes) { // the hot value's own buffers: no call that the JIT cannot inline
            while ((v & ~0x7FL) != 0) {
                bytes.write((int) ((v & 0x7F) | 0x80));
                v >>>= 7;
            }
            bytes.write((int) v);
            return;
        }
        if ((v & ~0x7FL) == 0) {
            out.writeByte((int) v);
            return;
        }
        // Several bytes in one call: the state codecs write through several DataOutput classes, so each
        // call is a virtual one that the JIT cannot inline, and a byte-by-byte loop paid it per byte.
        byte[] bytes = new byte[10];
        int n = 0;
        while ((v & ~0x7FL) != 0) {
            bytes[n++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        bytes[n++] = (byte) v;
        out.write(bytes, 0, n);
    }

    public static long readUnsigned(DataInput in) throws IOException {
        long v = 0;
        int shift = 0;
        Bytes.In bytes = in instanceof Bytes.In own ? own : null; // the hot value's own: no virtual call per byte
        while (true) {
            int b = bytes != null ? bytes.readUnsignedByte() : in.readUnsignedByte();
            v |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return v;
            }
            shift += 7;
            if (shift > 63) {
                throw new IOException("varint too long");
            }
        }
    }

    public static void writeSigned(DataOutput out, long v) throws IOException {
        writeBits(out, zigzag(v));
    }

    public static long readSigned(DataInput in) throws IOException {
        return unzigzag(readUnsigned(in));
    }

    /** Zig-zag: small magnitudes of either sign become small unsigned numbers (0, -1, 1, -2 -> 0, 1, 2, 3). */
    public static long zigzag(long v) {
        return (v << 1) ^ (v >> 63);
    }

    public static long unzigzag(long u) {
        return (u >>> 1) ^ -(u & 1);
    }

    /**
     * An instant that may be absent, relative to {@code baseSeconds}: one varint of the zig-zagged difference in
     * seconds, two bits for the fraction that follows (none, milliseconds, nanoseconds: sensors report
     * milliseconds) and one added so that 0 is null, then the fraction.
     */
    public static void writeInstant(DataOutput out, Instant t, long baseSeconds) throws IOException {
        if (t == null) {
            out.writeByte(0);
            return;
        }
        int nanos = t.getNano();
        int fraction = nanos == 0 ? 0 : nanos % 1_000_000 == 0 ? 1 : 2;
        writeUnsigned(out, (zigzag(t.getEpochSecond() - baseSeconds) << 2 | fraction) + 1);
        if (fraction == 1) {
            writeUnsigned(out, nanos / 1_000_000);
        } else if (fraction == 2) {
            writeUnsigned(out, nanos);
        }
    }

    /** What {@link #writeInstant} wrote with the same base, or null. */
    public static Instant readInstant(DataInput in, long baseSeconds) throws IOException {
        long v = readUnsigned(in);
        if (v == 0) {
            return null;
        }
        v -= 1;
        long seconds = baseSeconds + unzigzag(v >>> 2);
        long nanos = switch ((int) (v & 3)) {
            case 0 -> 0;
            case 1 -> readUnsigned(in) * 1_000_000;
            case 2 -> readUnsigned(in);
            default -> throw new IOException("not an instant (fraction kind 3)");
        };
        return Instant.ofEpochSecond(seconds, nanos);
    }

    /**
     * An instant that may be absent, relative to {@code baseSeconds}, its difference counted in its own unit: one
     * varint of the zig-zagged difference in whole seconds (an instant without a fraction) or in milliseconds (a
     * sensor's time), shifted by two bits for which, plus one so that 0 is null; a finer fraction as seconds and
     * nanoseconds, as {@link #writeInstant}. A sensor's time takes no more bytes than {@link #writeInstant} writes
     * (its milliseconds apart), often one fewer: 3 bytes within 4 minutes of the base, 4 within 9 hours; exact.
     */
    public static void writeInstantScaled(DataOutput out, Instant t, long baseSeconds) throws IOException {
        if (t == null) {
            out.writeByte(0);
            return;
        }
        int nanos = t.getNano();
        long seconds = t.getEpochSecond() - baseSeconds;
        if (nanos == 0) {
            writeUnsigned(out, (zigzag(seconds) << 2) + 1);
        } else if (nanos % 1_000_000 == 0 && Math.abs(seconds) < (1L << 40)) {
            writeUnsigned(out, (zigzag(seconds * 1000 + nanos / 1_000_000) << 2 | 1) + 1);
        } else {
            writeUnsigned(out, (zigzag(seconds) << 2 | 2) + 1);
            writeUnsigned(out, nanos);
        }
    }

    /** What {@link #writeInstantScaled} wrote with the same base, or null. */
    public static Instant readInstantScaled(DataInput in, long baseSeconds) throws IOException {
        long v = readUnsigned(in);
        if (v == 0) {
            return null;
        }
        v -= 1;
        long d = unzigzag(v >>> 2);
        return switch ((int) (v & 3)) {
            case 0 -> Instant.ofEpochSecond(baseSeconds + d);
            case 1 -> Instant.ofEpochSecond(baseSeconds + Math.floorDiv(d, 1000), Math.floorMod(d, 1000) * 1_000_000L);
            case 2 -> Instant.ofEpochSecond(baseSeconds + d, readUnsigned(in));
            default -> throw new IOException("not an instant (unit kind 3)");
        };
    }

    /**
     * A double: a whole number that a long holds exactly (bit for bit: not -0.0) as one varint of its zig-zagged
     * value times two; anything else as the varint 1 and the 8 bytes of its bits.
     */
    public static void writeDouble(DataOutput out, double d) throws IOException {
        long whole = (long) d;
        if (Double.doubleToRawLongBits(d) == Double.doubleToRawLongBits((double) whole)
                && whole > -(1L << 53) && whole < (1L << 53)) {
            writeUnsigned(out, zigzag(whole) << 1);
        } else {
            out.writeByte(1);
            out.writeLong(Double.doubleToRawLongBits(d));
        }
    }

    /** The largest denominator {@link #writeRatio} tries: shares and means over the learned days (up to 28, or 64). */
    public static final int RATIO_DENOMINATORS = 64;

    /**
     * A double as {@link #writeDouble} writes it, except one that is exactly a small fraction: when {@code p / q} for a
     * {@code q} from 2 to {@link #RATIO_DENOMINATORS}, divided as {@link #readRatio} divides, gives the very same bits,
     * the denominator (as an odd tag) and the numerator: a share of 28 days (25 / 28) or a mean over them (559 / 28)
     * in 2-3 bytes where its bits took 9. Anything else (1 / 3 of no day count, NaN, -0.0) as {@link #writeDouble}.
     */
    public static void writeRatio(DataOutput out, double d) throws IOException {
        long whole = (long) d;
        if (Double.doubleToRawLongBits(d) != Double.doubleToRawLongBits((double) whole)
                && Double.isFinite(d) && Math.abs(d) < (1L << 40)) {
            long bits = Double.doubleToRawLongBits(d);
            for (int q = 2; q <= RATIO_DENOMINATORS; q++) {
                long p = Math.round(d * q);
                if (Double.doubleToRawLongBits((double) p / q) == bits) {
                    writeUnsigned(out, ((long) q << 1) | 1);
                    writeSigned(out, p);
                    return;
                }
            }
        }
        writeDouble(out, d);
    }

    /** What {@link #writeRatio} (or {@link #writeDouble}) wrote. */
    public static double readRatio(DataInput in) throws IOException {
        long v = readUnsigned(in);
        if (v == 1) {
            return Double.longBitsToDouble(in.readLong());
        }
        if ((v & 1) == 0) {
            return (double) unzigzag(v >>> 1);
        }
        long q = v >>> 1;
        if (q < 2 || q > RATIO_DENOMINATORS) {
            throw new IOException("not a ratio's denominator (" + q + ")");
        }
        return (double) readSigned(in) / q;
    }

    /** What {@link #writeDouble} wrote. */
    public static double readDouble(DataInput in) throws IOException {
        long v = readUnsigned(in);
        if (v == 1) {
            return Double.longBitsToDouble(in.readLong());
        }
        if ((v & 1) != 0) {
            throw new IOException("not a compact double (" + v + ")");
        }
        return (double) unzigzag(v >>> 1);
    }

    /** A date that may be absent, relative to {@code baseDay} (an epoch day): zig-zagged, plus one (0: null). */
    public static void writeDate(DataOutput out, LocalDate d, long baseDay) throws IOException {
        if (d == null) {
            out.writeByte(0);
            return;
        }
        writeUnsigned(out, zigzag(d.toEpochDay() - baseDay) + 1);
    }

    /** What {@link #writeDate} wrote with the same base, or null. */
    public static LocalDate readDate(DataInput in, long baseDay) throws IOException {
        long v = readUnsigned(in);
        return v == 0 ? null : LocalDate.ofEpochDay(baseDay + unzigzag(v - 1));
    }

    public static int readInt(DataInput in) throws IOException {
        return Math.toIntExact(readUnsigned(in));
    }

    /** A list of strings, as every string table of the stored state is written: a count, then each as its UTF-8 length and bytes. */
    public static void writeStrings(DataOutput out, Collection<String> strings) throws IOException {
        writeUnsigned(out, strings.size());
        for (String s : strings) {
            byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
            writeUnsigned(out, utf8.length);
            out.write(utf8);
        }
    }

    /** What {@link #writeStrings} wrote (a corrupt count does not reserve memory for itself). */
    public static List<String> readStrings(DataInput in) throws IOException {
        int n = readInt(in);
        List<String> strings = new ArrayList<>(Math.min(n, 1024));
        for (int i = 0; i < n; i++) {
            byte[] utf8 = new byte[readInt(in)];
            in.readFully(utf8);
            strings.add(new String(utf8, StandardCharsets.UTF_8));
        }
        return strings;
    }

    /** Bytes that may be absent: their length + 1 as a varint (0 for none), then the bytes. */
    public static void writeOptionalBytes(DataOutput out, byte[] b) throws IOException {
        if (b == null) {
            writeUnsigned(out, 0);
            return;
        }
        writeUnsigned(out, b.length + 1L);
        out.write(b);
    }

    /** What {@link #writeOptionalBytes} wrote: the bytes, or null. */
    public static byte[] readOptionalBytes(DataInput in) throws IOException {
        int n = readInt(in);
        if (n == 0) {
            return null;
        }
        byte[] b = new byte[n - 1];
        in.readFully(b);
        return b;
    }
}
