package org.hearth.job;

import java.io.IOException;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * A serializer snapshot that records the version of the serializer's own byte format, so that a
 * later release knows what it is reading (issue 14: state written by this release must restore in
 * the next). The contract for every Hearth serializer: <b>it reads every format it ever wrote</b>;
 * when it changes its format it raises its {@code format} number, and on restore Flink then reads
 * the old state and writes it again in the new format ({@code compatibleAfterMigration}). State
 * written by a newer release (a higher format) is refused, with a clear error, instead of being
 * misread. {@code SavepointCompatibilityTest} restores a savepoint of this release.
 *
 * <p>Snapshot versions: 3 is Flink's {@code SimpleTypeSerializerSnapshot}, which the first releases
 * wrote (no payload: format 1); 4 writes the format number.
 */
public abstract class FormatSnapshot<T> implements TypeSerializerSnapshot<T> {

    private static final int SIMPLE = 3;
    private static final int VERSIONED = 4;

    private int format;

    /** @param currentFormat the format the current serializer writes */
    protected FormatSnapshot(int currentFormat) {
        this.format = currentFormat;
    }

    /** The format of the state this snapshot describes. */
    public int format() {
        return format;
    }

    /** The format the current serializer writes. */
    protected abstract int currentFormat();

    /** The serializer, which reads every format up to {@link #currentFormat()}. */
    protected abstract TypeSerializer<T> serializer();

    @Override
    public int getCurrentVersion() {
        return VERSIONED;
    }

    @Override
    public void writeSnapshot(DataOutputView out) throws IOException {
        out.writeInt(format);
    }

    @Override
    public void readSnapshot(int readVersion, DataInputView in, ClassLoader classLoader) throws IOException {
        format = readVersion <= SIMPLE ? 1 : in.readInt();
    }

    @Override
    public TypeSerializer<T> restoreSerializer() {
        return serializer();
    }

    @Override
    public TypeSerializerSchemaCompatibility<T> resolveSchemaCompatibility(TypeSerializerSnapshot<T> oldSnapshot) {
        if (!(oldSnapshot instanceof FormatSnapshot<T> old) || old.getClass() != getClass()) {
            return TypeSerializerSchemaCompatibility.incompatible();
        }
        if (old.format == currentFormat()) {
            return TypeSerializerSchemaCompatibility.compatibleAsIs();
        }
        return old.format < currentFormat()
                ? TypeSerializerSchemaCompatibility.compatibleAfterMigration()
                : TypeSerializerSchemaCompatibility.incompatible(); // written by a newer Hearth
    }
}
