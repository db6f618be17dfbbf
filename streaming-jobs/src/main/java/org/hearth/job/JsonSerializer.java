package org.hearth.job;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Objects;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.hearth.models.json.HearthJson;

/**
 * Serializes Hearth's plain-Java values (rule state, explanations, lifecycle events) as Hearth JSON.
 *
 * <p>Why not Flink's POJO or Kryo serializers: the models and alerts classes are records with
 * immutable collections and nested maps, which Kryo cannot rebuild and the POJO serializer does not
 * cover; and JSON with unknown keys ignored lets a saved state survive a class gaining a field. The
 * heap backend serializes only at checkpoints; RocksDB on each access, which at a few KiB per home
 * and a few events per minute is cheap.
 */
public final class JsonSerializer<T> extends TypeSerializer<T> {

    private static final long serialVersionUID = 1L;

    /**
     * The byte format this serializer writes (a length, then Hearth JSON). Raise it when the format
     * changes, and keep reading the older ones: see {@link FormatSnapshot} for the contract.
     */
    public static final int FORMAT = 1;

    private final Class<T> type;
    private transient ObjectMapper mapper;

    public JsonSerializer(Class<T> type) {
        this.type = Objects.requireNonNull(type, "type");
    }

    private ObjectMapper mapper() {
        if (mapper == null) {
            mapper = HearthJson.json();
        }
        return mapper;
    }

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public TypeSerializer<T> duplicate() {
        return new JsonSerializer<>(type);
    }

    @Override
    public T createInstance() {
        return null;
    }

    @Override
    public T copy(T from) {
        if (from == null) {
            return null;
        }
        try {
            return mapper().readValue(mapper().writeValueAsBytes(from), type);
        } catch (IOException e) {
            throw new IllegalStateException("cannot copy " + type.getSimpleName(), e);
        }
    }

    @Override
    public T copy(T from, T reuse) {
        return copy(from);
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(T record, DataOutputView target) throws IOException {
        byte[] bytes = mapper().writeValueAsBytes(record);
        target.writeInt(bytes.length);
        target.write(bytes);
    }

    @Override
    public T deserialize(DataInputView source) throws IOException {
        byte[] bytes = new byte[source.readInt()];
        source.readFully(bytes);
        return mapper().readValue(bytes, type);
    }

    @Override
    public T deserialize(T reuse, DataInputView source) throws IOException {
        return deserialize(source);
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        byte[] bytes = new byte[source.readInt()];
        source.readFully(bytes);
        target.writeInt(bytes.length);
        // Not target.write(source, length): Flink 2.2's DataOutputSerializer throws EOFException
        // there instead of growing, so any value larger than its free space failed to copy.
        target.write(bytes);
    }

    @Override
    public boolean equals(Object obj) {
        return obj instanceof JsonSerializer<?> other && other.type.equals(type);
    }

    @Override
    public int hashCode() {
        return type.hashCode();
    }

    @Override
    public TypeSerializerSnapshot<T> snapshotConfiguration() {
        return new Snapshot<>(type);
    }

    /**
     * Records the class and the format (snapshot version 2; version 1 recorded the class only, in
     * format 1). Any later version of the class reads the JSON as is (unknown keys ignored, missing
     * ones defaulted); a newer format than this release knows is refused rather than misread.
     */
    public static final class Snapshot<T> implements TypeSerializerSnapshot<T> {
        private Class<T> type;
        private int format = FORMAT;

        public Snapshot() {}

        Snapshot(Class<T> type) {
            this.type = type;
        }

        @Override
        public int getCurrentVersion() {
            return 2;
        }

        @Override
        public void writeSnapshot(DataOutputView out) throws IOException {
            out.writeUTF(type.getName());
            out.writeInt(format);
        }

        @Override
        @SuppressWarnings("unchecked")
        public void readSnapshot(int readVersion, DataInputView in, ClassLoader classLoader) throws IOException {
            String name = in.readUTF();
            format = readVersion >= 2 ? in.readInt() : 1;
            try {
                type = (Class<T>) Class.forName(name, false, classLoader);
            } catch (ClassNotFoundException e) {
                throw new IOException("state class " + name + " is no longer on the classpath", e);
            }
        }

        @Override
        public TypeSerializer<T> restoreSerializer() {
            return new JsonSerializer<>(type);
        }

        @Override
        public TypeSerializerSchemaCompatibility<T> resolveSchemaCompatibility(TypeSerializerSnapshot<T> oldSnapshot) {
            if (!(oldSnapshot instanceof Snapshot<T> old) || !old.type.equals(type)) {
                return TypeSerializerSchemaCompatibility.incompatible();
            }
            if (old.format == FORMAT) {
                return TypeSerializerSchemaCompatibility.compatibleAsIs();
            }
            return old.format < FORMAT ? TypeSerializerSchemaCompatibility.compatibleAfterMigration()
                    : TypeSerializerSchemaCompatibility.incompatible(); // written by a newer Hearth
        }
    }
}
