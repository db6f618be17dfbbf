package org.hearth.job;

import java.io.IOException;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * A home's learned baseline in its own keyed value ({@link HomeDetector}): the bytes of
 * {@code StateCodec.writeBaseline}, which carry their own kind and version, behind a length (format 1).
 * Kept apart from the per-event {@link DetectorState} because it is most of a resident's state yet
 * changes only at day close: on RocksDB it is read only when an access needs it and written only
 * when it changed.
 */
public final class BaselineSerializer extends TypeSerializerSingleton<byte[]> {

    private static final long serialVersionUID = 1L;

    public static final BaselineSerializer INSTANCE = new BaselineSerializer();

    /** The byte format this serializer writes ({@link FormatSnapshot}). */
    public static final int FORMAT = 1;

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public byte[] createInstance() {
        return new byte[0];
    }

    @Override
    public byte[] copy(byte[] from) {
        return from.clone();
    }

    @Override
    public byte[] copy(byte[] from, byte[] reuse) {
        return copy(from);
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(byte[] bytes, DataOutputView out) throws IOException {
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    @Override
    public byte[] deserialize(DataInputView in) throws IOException {
        int n = in.readInt();
        if (n < 0) {
            throw new IOException("not a baseline value (length " + n + ")");
        }
        byte[] bytes = new byte[n];
        in.readFully(bytes);
        return bytes;
    }

    @Override
    public byte[] deserialize(byte[] reuse, DataInputView in) throws IOException {
        return deserialize(in);
    }

    @Override
    public void copy(DataInputView in, DataOutputView out) throws IOException {
        int n = in.readInt();
        out.writeInt(n);
        out.write(in, n);
    }

    @Override
    public TypeSerializerSnapshot<byte[]> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Records {@link #FORMAT}. */
    public static final class Snapshot extends FormatSnapshot<byte[]> {
        public Snapshot() {
            super(FORMAT);
        }

        @Override
        protected int currentFormat() {
            return FORMAT;
        }

        @Override
        protected TypeSerializer<byte[]> serializer() {
            return INSTANCE;
        }
    }
}
