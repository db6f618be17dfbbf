package org.hearth.models.encoding;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;

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
        while (true) {
            int b = in.readUnsignedByte();
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
