package org.hearth.models.activity;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.time.Instant;
import org.hearth.models.encoding.Varints;
import org.hearth.models.event.SensorEvent;
import org.hearth.models.event.SensorKind;

/**
 * The field encodings of an {@link ActivityTracker}'s binary state (see
 * {@link ActivityTracker#writeState}): nullable instants at full precision, nullable strings, whole
 * events. Exact, not compact: a tracker holds a handful of instants and the few minutes of events
 * it has not applied yet, so its state is a few hundred bytes.
 */
final class TrackerIO {

    private TrackerIO() {}

    static void writeInstant(DataOutput out, Instant t) throws IOException {
        out.writeBoolean(t != null);
        if (t != null) {
            Varints.writeSigned(out, t.getEpochSecond());
            Varints.writeUnsigned(out, t.getNano());
        }
    }

    static Instant readInstant(DataInput in) throws IOException {
        if (!in.readBoolean()) {
            return null;
        }
        long seconds = Varints.readSigned(in);
        return Instant.ofEpochSecond(seconds, Varints.readUnsigned(in));
    }

    static void writeString(DataOutput out, String s) throws IOException {
        out.writeBoolean(s != null);
        if (s != null) {
            out.writeUTF(s);
        }
    }

    static String readString(DataInput in) throws IOException {
        return in.readBoolean() ? in.readUTF() : null;
    }

    static void writeEvent(DataOutput out, SensorEvent e) throws IOException {
        out.writeUTF(e.homeId());
        out.writeUTF(e.sensorId());
        writeInstant(out, e.ts());
        out.writeUTF(e.kind().name());
        out.writeDouble(e.value());
        writeNullableInt(out, e.battery());
        writeNullableInt(out, e.linkQuality());
    }

    static SensorEvent readEvent(DataInput in) throws IOException {
        String home = in.readUTF();
        String sensor = in.readUTF();
        Instant ts = readInstant(in);
        SensorKind kind = SensorKind.valueOf(in.readUTF());
        double value = in.readDouble();
        return new SensorEvent(home, sensor, ts, kind, value, readNullableInt(in), readNullableInt(in));
    }

    private static void writeNullableInt(DataOutput out, Integer v) throws IOException {
        out.writeBoolean(v != null);
        if (v != null) {
            Varints.writeSigned(out, v);
        }
    }

    private static Integer readNullableInt(DataInput in) throws IOException {
        return in.readBoolean() ? Math.toIntExact(Varints.readSigned(in)) : null;
    }
}
