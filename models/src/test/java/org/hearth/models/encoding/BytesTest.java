package org.hearth.models.encoding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link Bytes.Out} and {@link Bytes.In} as {@link DataOutput} and {@link DataInput}: the state codecs write and read
 * through them instead of {@link DataOutputStream} and {@link DataInputStream}, so every stored value's bytes depend on
 * their layout being exactly those classes'.
 */
class BytesTest {

    /** Writes the same mix of every {@link DataOutput} call and varint to {@code out}. */
    private static void writeAll(DataOutput out, long seed) throws Exception {
        Random r = new Random(seed);
        for (int i = 0; i < 200; i++) {
            out.writeBoolean(r.nextBoolean());
            out.writeByte(r.nextInt());
            out.writeShort(r.nextInt());
            out.writeChar(r.nextInt());
            out.writeInt(r.nextInt());
            out.writeLong(r.nextLong());
            out.writeFloat(r.nextFloat());
            out.writeDouble(r.nextGaussian());
            out.writeUTF("kitchen-plug \u00e9\u20ac " + r.nextInt(1000));
            out.writeBytes("hall");
            out.writeChars("bath");
            Varints.writeUnsigned(out, r.nextLong() >>> (1 + r.nextInt(63)));
            Varints.writeSigned(out, r.nextLong() >> r.nextInt(64));
            byte[] block = new byte[r.nextInt(20)];
            r.nextBytes(block);
            out.writeByte(block.length);
            out.write(block, 0, block.length);
        }
    }

    @Test
    void writesTheBytesOfADataOutputStream() throws Exception {
        for (long seed = 1; seed <= 5; seed++) {
            ByteArrayOutputStream reference = new ByteArrayOutputStream();
            writeAll(new DataOutputStream(reference), seed);
            Bytes.Out out = new Bytes.Out(16); // grows on the way
            writeAll(out, seed);
            assertThat(out.toByteArray()).isEqualTo(reference.toByteArray());
        }
    }

    @Test
    void readsBackWhatADataInputStreamReads() throws Exception {
        Bytes.Out out = new Bytes.Out(64);
        writeAll(out, 7);
        byte[] bytes = out.toByteArray();
        DataInputStream reference = new DataInputStream(new java.io.ByteArrayInputStream(bytes));
        Bytes.In in = new Bytes.In(bytes);
        for (int i = 0; i < 200; i++) {
            assertThat(in.readBoolean()).isEqualTo(reference.readBoolean());
            assertThat(in.readByte()).isEqualTo(reference.readByte());
            assertThat(in.readShort()).isEqualTo(reference.readShort());
            assertThat(in.readChar()).isEqualTo(reference.readChar());
            assertThat(in.readInt()).isEqualTo(reference.readInt());
            assertThat(in.readLong()).isEqualTo(reference.readLong());
            assertThat(in.readFloat()).isEqualTo(reference.readFloat());
            assertThat(in.readDouble()).isEqualTo(reference.readDouble());
            assertThat(in.readUTF()).isEqualTo(reference.readUTF());
            assertThat(in.readUnsignedShort() << 16 | in.readUnsignedShort()).isEqualTo(reference.readInt()); // "hall"
            byte[] chars = new byte[8];
            byte[] refChars = new byte[8];
            in.readFully(chars);
            reference.readFully(refChars);
            assertThat(chars).isEqualTo(refChars);
            assertThat(Varints.readUnsigned(in)).isEqualTo(Varints.readUnsigned(reference));
            assertThat(Varints.readSigned(in)).isEqualTo(Varints.readSigned(reference));
            int length = in.readUnsignedByte();
            assertThat(reference.readUnsignedByte()).isEqualTo(length);
            byte[] block = new byte[length];
            byte[] refBlock = new byte[length];
            in.readFully(block);
            reference.readFully(refBlock);
            assertThat(block).isEqualTo(refBlock);
        }
        assertThat(in.available()).isZero();
        assertThat(reference.available()).isZero();
    }

    @Test
    void readingPastTheEndIsAnEofAsWithADataInputStream() throws Exception {
        Bytes.In in = new Bytes.In(new byte[] {1, 2, 3});
        assertThatThrownBy(in::readInt).isInstanceOf(EOFException.class);
        assertThatThrownBy(() -> new Bytes.In(new byte[] {0, 5, 'a'}).readUTF()).isInstanceOf(EOFException.class);
        assertThatThrownBy(() -> new Bytes.In(new byte[2]).readFully(new byte[3])).isInstanceOf(EOFException.class);
        assertThatThrownBy(() -> Varints.readUnsigned(new Bytes.In(new byte[] {(byte) 0x80}))).isInstanceOf(EOFException.class);
    }
}
