package org.hearth.models.encoding;

import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * Byte-array streams without locks. {@code java.io.ByteArrayOutputStream.write(int)} and
 * {@code ByteArrayInputStream.read()} are {@code synchronized}: the state codecs write and read
 * variable-length integers a byte at a time, on every event of every home, and those locks (a
 * compare-and-swap each, since the JVM dropped biased locking) were the largest single cost of the
 * detector's per-event state path (issue 18). A stream here is used by one thread at a time.
 *
 * <p>They are also {@link DataOutput} and {@link DataInput} themselves, with the byte layout of
 * {@link DataOutputStream} and {@link DataInputStream} (big-endian, modified UTF-8): wrapped in those, every
 * byte went through a {@code synchronized} {@code DataOutputStream.write} and a virtual {@code read()}, the
 * lock and the calls again (7 % of the per-event path's samples on the write alone, issue 18, hot-13).
 */
public final class Bytes {

    private Bytes() {}

    /** A growable output buffer; {@link #reset()} makes it reusable. */
    public static final class Out extends OutputStream implements DataOutput {
        private byte[] buf;
        private int count;

        public Out(int capacity) {
            buf = new byte[Math.max(16, capacity)];
        }

        @Override
        public void write(int b) {
            if (count == buf.length) {
                buf = Arrays.copyOf(buf, buf.length * 2);
            }
            buf[count++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            if (count + len > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, count + len));
            }
            System.arraycopy(b, off, buf, count, len);
            count += len;
        }

        /** The bytes written since the last reset, copied. */
        public byte[] toByteArray() {
            return Arrays.copyOf(buf, count);
        }

        /** Writes the bytes written since the last reset to {@code out}. */
        public void writeTo(OutputStream out) throws java.io.IOException {
            out.write(buf, 0, count);
        }

        /** Writes the bytes written since the last reset to {@code out}. */
        public void copyTo(java.io.DataOutput out) throws java.io.IOException {
            out.write(buf, 0, count);
        }

        public int size() {
            return count;
        }

        public void reset() {
            count = 0;
        }

        @Override
        public void writeBoolean(boolean v) {
            write(v ? 1 : 0);
        }

        @Override
        public void writeByte(int v) {
            write(v);
        }

        @Override
        public void writeShort(int v) {
            write(v >>> 8);
            write(v);
        }

        @Override
        public void writeChar(int v) {
            writeShort(v);
        }

        @Override
        public void writeInt(int v) {
            write(v >>> 24);
            write(v >>> 16);
            write(v >>> 8);
            write(v);
        }

        @Override
        public void writeLong(long v) {
            writeInt((int) (v >>> 32));
            writeInt((int) v);
        }

        @Override
        public void writeFloat(float v) {
            writeInt(Float.floatToIntBits(v));
        }

        @Override
        public void writeDouble(double v) {
            writeLong(Double.doubleToLongBits(v));
        }

        @Override
        public void writeBytes(String s) {
            for (int i = 0; i < s.length(); i++) {
                write(s.charAt(i));
            }
        }

        @Override
        public void writeChars(String s) {
            for (int i = 0; i < s.length(); i++) {
                writeChar(s.charAt(i));
            }
        }

        /** Modified UTF-8 behind its length, as {@link DataOutputStream#writeUTF} (which writes it here in one call). */
        @Override
        public void writeUTF(String s) throws IOException {
            new DataOutputStream(this).writeUTF(s);
        }
    }

    /** An input stream over a byte array; {@link #reset(byte[])} points it at another. */
    public static final class In extends InputStream implements DataInput {
        private byte[] buf = new byte[0];
        private int pos;

        public In() {}

        public In(byte[] bytes) {
            reset(bytes);
        }

        public In reset(byte[] bytes) {
            buf = bytes;
            pos = 0;
            return this;
        }

        @Override
        public int read() {
            return pos < buf.length ? buf[pos++] & 0xFF : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (len == 0) {
                return 0;
            }
            int n = Math.min(len, buf.length - pos);
            if (n <= 0) {
                return -1;
            }
            System.arraycopy(buf, pos, b, off, n);
            pos += n;
            return n;
        }

        @Override
        public long skip(long n) {
            int k = (int) Math.max(0, Math.min(n, buf.length - pos));
            pos += k;
            return k;
        }

        @Override
        public int available() {
            return buf.length - pos;
        }

        @Override
        public void readFully(byte[] b) throws IOException {
            readFully(b, 0, b.length);
        }

        @Override
        public void readFully(byte[] b, int off, int len) throws IOException {
            if (len > buf.length - pos) {
                pos = buf.length;
                throw new EOFException();
            }
            System.arraycopy(buf, pos, b, off, len);
            pos += len;
        }

        @Override
        public int skipBytes(int n) {
            return (int) skip(n);
        }

        @Override
        public boolean readBoolean() throws IOException {
            return readUnsignedByte() != 0;
        }

        @Override
        public byte readByte() throws IOException {
            return (byte) readUnsignedByte();
        }

        @Override
        public int readUnsignedByte() throws IOException {
            if (pos >= buf.length) {
                throw new EOFException();
            }
            return buf[pos++] & 0xFF;
        }

        @Override
        public short readShort() throws IOException {
            return (short) readUnsignedShort();
        }

        @Override
        public int readUnsignedShort() throws IOException {
            return (readUnsignedByte() << 8) | readUnsignedByte();
        }

        @Override
        public char readChar() throws IOException {
            return (char) readUnsignedShort();
        }

        @Override
        public int readInt() throws IOException {
            return (readUnsignedByte() << 24) | (readUnsignedByte() << 16) | (readUnsignedByte() << 8) | readUnsignedByte();
        }

        @Override
        public long readLong() throws IOException {
            return ((long) readInt() << 32) | (readInt() & 0xFFFFFFFFL);
        }

        @Override
        public float readFloat() throws IOException {
            return Float.intBitsToFloat(readInt());
        }

        @Override
        public double readDouble() throws IOException {
            return Double.longBitsToDouble(readLong());
        }

        /** Not a text format: refused, as nothing in the state codecs reads lines. */
        @Override
        public String readLine() {
            throw new UnsupportedOperationException("Bytes.In reads no lines");
        }

        @Override
        public String readUTF() throws IOException {
            return DataInputStream.readUTF(this);
        }
    }
}
