package org.hearth.job;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.time.Instant;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.hearth.models.json.HearthJson;
import org.hearth.models.rules.HomeRulesState;
import org.hearth.models.rules.HomeRulesStateCodec;

/**
 * {@link DetectorState} in keyed state. On RocksDB it is read and written on every event and timer,
 * so it is binary: a marker byte, the deadline timer, then {@link HomeRulesStateCodec} (no JSON, no
 * Base64; the learned blobs raw). Format 4: as 3, its instants and dates one varint each
 * ({@link HomeRulesStateCodec} version 4; the codec's own version says how the rest is written, and from its version
 * 5 the strings are in one table and the instants relative to the last message; from its version 8 they refer to the
 * home's kit, which this serializer does not know: such a value is kept as bytes until {@link DetectorStore#read}
 * decodes it with the kit, and {@link #copy} decodes its copy with the kit the original was written against). Format 3 is the hot state alone: the baseline is kept in a keyed
 * value of its own ({@link BaselineSerializer}, {@link HomeDetector}), and is in this value only for a
 * state not yet split (a restored format 1 or 2 value, until its first access moves it out). Format 2
 * (codec version 2) always held the baseline inline. Format 1, which the first releases wrote, is still
 * read: the deadline timer as a flag (0/1, never the format 2 marker) and a number, then the rules'
 * state as Hearth JSON with instants as epoch nanoseconds; on restore Flink rewrites it as format 2
 * ({@link FormatSnapshot}).
 */
public final class DetectorStateSerializer extends TypeSerializerSingleton<DetectorState> {

    private static final long serialVersionUID = 1L;

    public static final DetectorStateSerializer INSTANCE = new DetectorStateSerializer();

    private transient ObjectMapper mapper;

    private ObjectMapper mapper() {
        if (mapper == null) {
            SimpleModule instants = new SimpleModule("hearth-state-instants")
                    .addSerializer(Instant.class, new InstantAsNanos())
                    .addDeserializer(Instant.class, new InstantFromNanos());
            mapper = HearthJson.json().copy().registerModule(instants);
        }
        return mapper;
    }

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public DetectorState createInstance() {
        return null;
    }

    @Override
    public DetectorState copy(DetectorState from) {
        if (from == null) {
            return null;
        }
        try { // a state of its own (heap backend's copy-on-write): through the binary form
            DataOutputSerializer out = new DataOutputSerializer(1024);
            serialize(from, out);
            DetectorState copy = deserialize(new DataInputDeserializer(out.getSharedBuffer(), 0, out.length()));
            HomeRulesStateCodec.resolveCopy(copy.rules, from.rules); // decoded as the original, with its kit
            return copy;
        } catch (IOException e) {
            throw new IllegalStateException("cannot copy the detector state", e);
        }
    }

    @Override
    public DetectorState copy(DetectorState from, DetectorState reuse) {
        return copy(from);
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(DetectorState state, DataOutputView out) throws IOException {
        out.writeByte(BINARY);
        out.writeBoolean(state.deadlineTimer != null);
        if (state.deadlineTimer != null) {
            out.writeLong(state.deadlineTimer);
        }
        HomeRulesStateCodec.write(state.rules, out);
    }

    /** The first byte of a binary (format 2 or later) value; a format 1 value starts with its deadline flag, 0 or 1. */
    static final int BINARY = 2;

    @Override
    public DetectorState deserialize(DataInputView in) throws IOException {
        int first = in.readUnsignedByte();
        if (first == BINARY) {
            Long deadline = in.readBoolean() ? in.readLong() : null;
            return new DetectorState(HomeRulesStateCodec.read(in), deadline);
        }
        if (first > 1) {
            throw new IOException("not a detector state (first byte " + first + ")");
        }
        Long deadline = first == 1 ? in.readLong() : null; // format 1: JSON
        byte[] json = new byte[in.readInt()];
        in.readFully(json);
        HomeRulesState rules = mapper().readValue(json, HomeRulesState.class);
        return new DetectorState(rules, deadline);
    }

    @Override
    public DetectorState deserialize(DetectorState reuse, DataInputView in) throws IOException {
        return deserialize(in);
    }

    @Override
    public void copy(DataInputView in, DataOutputView out) throws IOException {
        serialize(deserialize(in), out); // varint fields: no length to copy by
    }

    @Override
    public TypeSerializerSnapshot<DetectorState> snapshotConfiguration() {
        return new Snapshot();
    }

    /**
     * The byte format this serializer writes. Raise it when the format changes, and keep reading
     * the older ones ({@link FormatSnapshot}).
     */
    public static final int FORMAT = 4;

    /** Records {@link #FORMAT}; the class name stays, so that the first releases' snapshots still resolve. */
    public static final class Snapshot extends FormatSnapshot<DetectorState> {
        public Snapshot() {
            super(FORMAT);
        }

        @Override
        protected int currentFormat() {
            return FORMAT;
        }

        @Override
        protected TypeSerializer<DetectorState> serializer() {
            return INSTANCE;
        }
    }

    /** Epoch nanoseconds as a JSON number (instants outside ±292 years of 1970 as ISO text). */
    private static final class InstantAsNanos extends StdSerializer<Instant> {
        InstantAsNanos() {
            super(Instant.class);
        }

        @Override
        public void serialize(Instant t, JsonGenerator gen, SerializerProvider provider) throws IOException {
            long seconds = t.getEpochSecond();
            if (seconds > -9_000_000_000L && seconds < 9_000_000_000L) {
                gen.writeNumber(seconds * 1_000_000_000L + t.getNano());
            } else {
                gen.writeString(t.toString());
            }
        }
    }

    private static final class InstantFromNanos extends StdDeserializer<Instant> {
        InstantFromNanos() {
            super(Instant.class);
        }

        @Override
        public Instant deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
            if (p.currentToken() == JsonToken.VALUE_NUMBER_INT) {
                long nanos = p.getLongValue();
                return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
            }
            return Instant.parse(p.getValueAsString());
        }
    }
}
