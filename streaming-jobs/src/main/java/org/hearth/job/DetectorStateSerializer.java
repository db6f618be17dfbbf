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
import org.hearth.models.json.HearthJson;
import org.hearth.models.rules.HomeRulesState;

/**
 * {@link DetectorState} in keyed state: the deadline timer as a number, then the rules' state as
 * Hearth JSON (public fields, unknown keys ignored, so the state survives a field being added; the
 * learned rules' baseline, open days and tracker are compact binary inside it), except that instants
 * are written as epoch nanoseconds: on RocksDB the state is read and written on every timer, and
 * formatting and parsing some thirty ISO-8601 instants each time was the largest part of it.
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
        try {
            return new DetectorState(mapper().readValue(mapper().writeValueAsBytes(from.rules), HomeRulesState.class),
                    from.deadlineTimer);
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
        out.writeBoolean(state.deadlineTimer != null);
        if (state.deadlineTimer != null) {
            out.writeLong(state.deadlineTimer);
        }
        byte[] json = mapper().writeValueAsBytes(state.rules);
        out.writeInt(json.length);
        out.write(json);
    }

    @Override
    public DetectorState deserialize(DataInputView in) throws IOException {
        Long deadline = in.readBoolean() ? in.readLong() : null;
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
        boolean deadline = in.readBoolean();
        out.writeBoolean(deadline);
        if (deadline) {
            out.writeLong(in.readLong());
        }
        byte[] json = new byte[in.readInt()];
        in.readFully(json);
        out.writeInt(json.length);
        out.write(json); // not write(in, length): DataOutputSerializer does not grow for that one
    }

    @Override
    public TypeSerializerSnapshot<DetectorState> snapshotConfiguration() {
        return new Snapshot();
    }

    /**
     * The byte format this serializer writes. Raise it when the format changes, and keep reading
     * the older ones ({@link FormatSnapshot}).
     */
    public static final int FORMAT = 1;

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
