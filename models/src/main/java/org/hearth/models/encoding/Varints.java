package org.hearth.models.encoding;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

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
        writeBits(out, (v << 1) ^ (v >> 63));
    }

    public static long readSigned(DataInput in) throws IOException {
        long u = readUnsigned(in);
        return (u >>> 1) ^ -(u & 1);
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
