package org.hearth.models.encoding;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * Byte-array streams without locks. {@code java.io.ByteArrayOutputStream.write(int)} and
 * {@code ByteArrayInputStream.read()} are {@code synchronized}: the state codecs write and read
 * variable-length integers a byte at a time, on every event of every home, and those locks (a
 * compare-and-swap each, since the JVM dropped biased locking) were the largest single cost of the
 * detector's per-event state path (issue 18). A stream here is used by one thread at a time.
 */
public final class Bytes {

    private Bytes() {}

    /** A growable output buffer; {@link #reset()} makes it reusable. */
    public static final class Out extends OutputStream {
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
    }

    /** An input stream over a byte array; {@link #reset(byte[])} points it at another. */
    public static final class In extends InputStream {
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
    }
}
