package org.hearth.models.activity;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.time.Instant;
import org.hearth.models.encoding.StringTable;
import org.hearth.models.encoding.Varints;
import org.hearth.models.event.SensorEvent;
import org.hearth.models.event.SensorKind;

/**
 * The field encodings of an {@link ActivityTracker}'s binary state (see {@link ActivityTracker#writeState}) in one
 * format version of the blob that holds it ({@link org.hearth.models.state.StateCodec} owns the version).
 * <ul>
 * <li>Versions 1 and 2: exact, not compact: instants as a flag, the epoch second and the nanoseconds, strings in
 *     modified UTF-8 each time, whole events with their home id and kind name.
 * <li>Version 3 (issue 18, the hot value read and written per event): instants relative to one base (the latest
 *     event seen, set by the tracker after writing it) in their own unit ({@link Varints#writeInstantScaled}: 3-4 bytes
 *     for a sensor's time where version 2 wrote 8-10), strings as indexes into the blob's string table (a
 *     room or a sensor id once per blob), events with their kind's ordinal and a compact value.
 * <li>Version 4: as 3, its strings relative to the home's kit.
 * <li>Version 5 (issue 15, learned exit doors): as 3, plus the contact whose change was the last sign of life
 *     and the contacts learned as exit doors; 6: as 5, relative to the kit.
 * </ul>
 * One object per blob read or written: it carries the version, the table and the base.
 */
final class TrackerIO {

    /** The first format version that writes compactly. */
    static final int COMPACT = 3;
    /** The first format version with the exit doors' state (the last sign's contact, the learned doors). */
    static final int EXITS = 5;

    final int version;
    private final StringTable strings;
    private long baseSeconds;

    /**
     * @param strings the blob's string table (unused before {@link #COMPACT})
     */
    TrackerIO(int version, StringTable strings) {
        this.version = version;
        this.strings = strings;
    }

    private boolean compact() {
        return version >= COMPACT;
    }

    /** From now on instants are written relative to {@code t} (null: to the epoch); versions before 3 ignore it. */
    void base(Instant t) {
        baseSeconds = t == null ? 0 : t.getEpochSecond();
    }

    void writeInstant(DataOutput out, Instant t) throws IOException {
        if (compact()) {
            Varints.writeInstantScaled(out, t, baseSeconds);
            return;
        }
        out.writeBoolean(t != null);
        if (t != null) {
            Varints.writeSigned(out, t.getEpochSecond());
            Varints.writeUnsigned(out, t.getNano());
        }
    }

    Instant readInstant(DataInput in) throws IOException {
        if (compact()) {
            return Varints.readInstantScaled(in, baseSeconds);
        }
        if (!in.readBoolean()) {
            return null;
        }
        long seconds = Varints.readSigned(in);
        return Instant.ofEpochSecond(seconds, Varints.readUnsigned(in));
    }

    /** A string that may be null. */
    void writeString(DataOutput out, String s) throws IOException {
        if (compact()) {
            Varints.writeUnsigned(out, s == null ? 0 : strings.index(s) + 1L);
            return;
        }
        out.writeBoolean(s != null);
        if (s != null) {
            out.writeUTF(s);
        }
    }

    String readString(DataInput in) throws IOException {
        if (compact()) {
            int i = Varints.readInt(in);
            return i == 0 ? null : strings.get(i - 1);
        }
        return in.readBoolean() ? in.readUTF() : null;
    }

    /** A string never null (a sensor id as a map's key). */
    void writeId(DataOutput out, String s) throws IOException {
        if (compact()) {
            Varints.writeUnsigned(out, strings.index(s));
            return;
        }
        out.writeUTF(s);
    }

    String readId(DataInput in) throws IOException {
        return compact() ? strings.get(Varints.readInt(in)) : in.readUTF();
    }

    void writeEvent(DataOutput out, SensorEvent e) throws IOException {
        writeId(out, e.homeId());
        writeId(out, e.sensorId());
        writeInstant(out, e.ts());
        if (compact()) {
            out.writeByte(e.kind().ordinal());
            Varints.writeDouble(out, e.value());
        } else {
            out.writeUTF(e.kind().name());
            out.writeDouble(e.value());
        }
        writeNullableInt(out, e.battery());
        writeNullableInt(out, e.linkQuality());
    }

    SensorEvent readEvent(DataInput in) throws IOException {
        String home = readId(in);
        String sensor = readId(in);
        Instant ts = readInstant(in);
        SensorKind kind;
        double value;
        if (compact()) {
            int k = in.readUnsignedByte();
            if (k >= SensorKind.values().length) {
                throw new IOException("no sensor kind " + k);
            }
            kind = SensorKind.values()[k];
            value = Varints.readDouble(in);
        } else {
            kind = SensorKind.valueOf(in.readUTF());
            value = in.readDouble();
        }
        return new SensorEvent(home, sensor, ts, kind, value, readNullableInt(in), readNullableInt(in));
    }

    private void writeNullableInt(DataOutput out, Integer v) throws IOException {
        if (compact()) {
            Varints.writeUnsigned(out, v == null ? 0 : Varints.zigzag(v) + 1);
            return;
        }
        out.writeBoolean(v != null);
        if (v != null) {
            Varints.writeSigned(out, v);
        }
    }

    private Integer readNullableInt(DataInput in) throws IOException {
        if (compact()) {
            long v = Varints.readUnsigned(in);
            return v == 0 ? null : Math.toIntExact(Varints.unzigzag(v - 1));
        }
        return in.readBoolean() ? Math.toIntExact(Varints.readSigned(in)) : null;
    }
}
