package org.hearth.job;

import java.io.IOException;
import java.time.Instant;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.hearth.models.event.SensorEvent;
import org.hearth.models.event.SensorKind;

/**
 * The detector's buffered events in keyed state, as a few dozen bytes each. On RocksDB every buffered
 * event is written once and read back once; as JSON (an ISO timestamp to format and parse) that was a
 * visible share of the detector's time. The timestamp keeps its nanoseconds; the kind is written by
 * name, so adding a kind never misreads a saved event.
 */
public final class SensorEventSerializer extends TypeSerializerSingleton<SensorEvent> {

    private static final long serialVersionUID = 1L;

    public static final SensorEventSerializer INSTANCE = new SensorEventSerializer();

    @Override
    public boolean isImmutableType() {
        return true; // a record
    }

    @Override
    public SensorEvent createInstance() {
        return null;
    }

    @Override
    public SensorEvent copy(SensorEvent from) {
        return from;
    }

    @Override
    public SensorEvent copy(SensorEvent from, SensorEvent reuse) {
        return from;
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(SensorEvent e, DataOutputView out) throws IOException {
        out.writeUTF(e.homeId());
        out.writeUTF(e.sensorId());
        out.writeLong(e.ts().getEpochSecond());
        out.writeInt(e.ts().getNano());
        out.writeUTF(e.kind().name());
        out.writeDouble(e.value());
        int flags = (e.battery() != null ? 1 : 0) | (e.linkQuality() != null ? 2 : 0);
        out.writeByte(flags);
        if (e.battery() != null) {
            out.writeInt(e.battery());
        }
        if (e.linkQuality() != null) {
            out.writeInt(e.linkQuality());
        }
    }

    @Override
    public SensorEvent deserialize(DataInputView in) throws IOException {
        String home = in.readUTF();
        String sensor = in.readUTF();
        Instant ts = Instant.ofEpochSecond(in.readLong(), in.readInt());
        SensorKind kind = SensorKind.valueOf(in.readUTF());
        double value = in.readDouble();
        int flags = in.readByte();
        Integer battery = (flags & 1) != 0 ? in.readInt() : null;
        Integer linkQuality = (flags & 2) != 0 ? in.readInt() : null;
        return new SensorEvent(home, sensor, ts, kind, value, battery, linkQuality);
    }

    @Override
    public SensorEvent deserialize(SensorEvent reuse, DataInputView in) throws IOException {
        return deserialize(in);
    }

    @Override
    public void copy(DataInputView in, DataOutputView out) throws IOException {
        serialize(deserialize(in), out);
    }

    @Override
    public TypeSerializerSnapshot<SensorEvent> snapshotConfiguration() {
        return new Snapshot();
    }

    /**
     * The byte format this serializer writes. Raise it when the format changes, and keep reading
     * the older ones ({@link FormatSnapshot}).
     */
    public static final int FORMAT = 1;

    /** Records {@link #FORMAT}; the class name stays, so that the first releases' snapshots still resolve. */
    public static final class Snapshot extends FormatSnapshot<SensorEvent> {
        public Snapshot() {
            super(FORMAT);
        }

        @Override
        protected int currentFormat() {
            return FORMAT;
        }

        @Override
        protected TypeSerializer<SensorEvent> serializer() {
            return INSTANCE;
        }
    }
}
