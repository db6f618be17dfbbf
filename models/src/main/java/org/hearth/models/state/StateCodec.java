package org.hearth.models.state;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hearth.models.activity.ActivityConfig;
import org.hearth.models.activity.ActivityTracker;
import org.hearth.models.baseline.Baseline;
import org.hearth.models.baseline.BaselineConfig;
import org.hearth.models.day.CareDay;
import org.hearth.models.day.DayConfig;
import org.hearth.models.day.DayProfile;
import org.hearth.models.day.DayStateIO;
import org.hearth.models.day.DayTracker;
import org.hearth.models.day.OpenDay;
import org.hearth.models.encoding.Bytes;
import org.hearth.models.encoding.KitStrings;
import org.hearth.models.encoding.Varints;
import org.hearth.models.registry.Home;

/**
 * Compact, versioned binary form of a resident's learned state: the baseline, the open days and the
 * activity tracker.
 * Each blob starts with a kind byte and a format version; readers accept every version they know,
 * so state written by an older Hearth survives an upgrade (a new version adds a reader branch; the
 * old one stays). Integers are variable-length, times are deltas, room names are written once per
 * blob. The same input always gives the same bytes (maps are written in sorted order).
 *
 * <p>Sizes are measured in {@code StateCodecTest}; see the module README.
 */
public final class StateCodec {

    public static final byte BASELINE = 'B';
    public static final byte DAYS = 'D';
    public static final byte TRACKER = 'T';
    /**
     * The format version this build writes. 2: the open days' individual silences, the doors' last openings.
     * 3: the string table's strings as a varint length and UTF-8 (one byte less each), the tracker compact (its
     * strings in the table, instants relative to its latest event; {@code TrackerIO}). 5 (4 is taken by
     * {@link #KIT_RELATIVE_3}): as 3, with the days' contact silences and the tracker's learned exit doors
     * (issue 15). 7 (6 is taken by {@link #KIT_RELATIVE_5}): as 5, the open days written for their size
     * ({@link DayStateIO#COMPACT_OPEN_DAYS}: only the parts that hold anything, the date relative to the day before;
     * issue 18, an open day emptied into its kept-apart parts took 26 bytes of the hot value, now 4).
     */
    public static final byte VERSION = 7;
    /**
     * The format of the blobs inside the hot value ({@code HomeRulesStateCodec} version 8), not written on their own:
     * as {@link #VERSION}, with the strings the home's kit knows ({@link KitStrings}) referred to by their index in
     * the kit and only the others in the blob's table (usually none). Read with the kit the enclosing value was
     * written against.
     */
    public static final byte KIT_RELATIVE = 8;
    /** Kit-relative blobs as the build before the compact open days wrote them: format 5 against the kit. Read, not written. */
    public static final byte KIT_RELATIVE_5 = 6;
    /** Kit-relative blobs as the build before the exit doors wrote them: format 3 against the kit. Read, not written. */
    public static final byte KIT_RELATIVE_3 = 4;

    /** Whether blob format {@code version} refers to a kit's strings. */
    private static boolean kitRelative(int version) {
        return version == KIT_RELATIVE || version == KIT_RELATIVE_5 || version == KIT_RELATIVE_3;
    }

    /** The self-contained format a kit-relative one extends (8: 7, 6: 5, 4: 3). */
    private static int ownTableFormat(int version) {
        return kitRelative(version) ? version - 1 : version;
    }

    private StateCodec() {}

    /** Whether {@code bytes} were written in the format this build writes (so re-encoding gives them back). */
    public static boolean isCurrentVersion(byte[] bytes) {
        return bytes.length > 1 && bytes[1] == VERSION;
    }

    /**
     * Whether {@code bytes} (may be null) are in the format this build writes, kit-relative ({@link #KIT_RELATIVE}) or
     * with a table of their own ({@link #VERSION}): then a blob decoded from them encodes to them again (against the
     * same kit).
     */
    public static boolean isCurrentFormat(byte[] bytes, boolean kitRelative) {
        return bytes != null && bytes.length > 1 && bytes[1] == (kitRelative ? KIT_RELATIVE : VERSION);
    }

    /**
     * {@code bytes} self-contained: a kit-relative blob as the format it extends (8 as 7, 6 as 5, 4 as 3) whose table is the kit's strings and then
     * its own (the body refers to them by the same indexes, so it is copied as it is); any other blob (or null) as it is.
     */
    public static byte[] withOwnTable(byte[] bytes, KitStrings kit) {
        if (!isKitRelative(bytes)) {
            return bytes;
        }
        if (kit == null) {
            throw new IllegalStateException("a kit-relative blob without the kit it was written against");
        }
        try {
            Bytes.In in = new Bytes.In(bytes);
            byte kind = in.readByte();
            int version = in.readUnsignedByte();
            List<String> own = Varints.readStrings(in);
            Bytes.Out out = new Bytes.Out(bytes.length + 16 * kit.size());
            out.writeByte(kind);
            out.writeByte(ownTableFormat(version));
            List<String> table = new ArrayList<>(kit.size() + own.size());
            for (int i = 0; i < kit.size(); i++) {
                table.add(kit.get(i));
            }
            table.addAll(own);
            Varints.writeStrings(out, table);
            out.write(bytes, bytes.length - in.available(), in.available());
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalArgumentException("corrupt state blob: " + e.getMessage(), e);
        }
    }

    /** Whether {@code bytes} (may be null) refer to a kit's strings ({@link #KIT_RELATIVE}): readable only with it. */
    public static boolean isKitRelative(byte[] bytes) {
        return bytes != null && bytes.length > 1 && kitRelative(bytes[1]);
    }

    public static byte[] writeBaseline(Baseline baseline) {
        return write(BASELINE, VERSION, null, (out, strings) -> {
            BaselineConfig c = baseline.config();
            Varints.writeUnsigned(out, c.windowDays());
            Varints.writeUnsigned(out, c.minDays());
            Varints.writeUnsigned(out, c.boundary().toSecondOfDay() / 60);
            List<DayProfile> days = baseline.window();
            Varints.writeUnsigned(out, days.size());
            LocalDate previous = null;
            for (DayProfile d : days) {
                DayStateIO.writeProfile(out, d, previous, strings);
                previous = d.date();
            }
        });
    }

    public static Baseline readBaseline(byte[] bytes) {
        return read(bytes, BASELINE, null, (in, strings, version) -> {
            int window = Varints.readInt(in);
            int min = Varints.readInt(in);
            int boundary = Varints.readInt(in);
            Baseline b = new Baseline(new BaselineConfig(window, min, LocalTime.of(boundary / 60, boundary % 60)));
            int n = Varints.readInt(in);
            LocalDate previous = null;
            for (int i = 0; i < n; i++) {
                DayProfile d = DayStateIO.readProfile(in, previous, strings, version);
                b.add(d);
                previous = d.date();
            }
            return b;
        });
    }

    /** The open days and close bookkeeping of a {@link DayTracker}. */
    public static byte[] writeDays(DayTracker tracker) {
        return writeDays(tracker, null);
    }

    /** The open days relative to {@code kit} ({@link #KIT_RELATIVE}; null: format {@link #VERSION}, a table of their own). */
    public static byte[] writeDays(DayTracker tracker, KitStrings kit) {
        return write(DAYS, kit == null ? VERSION : KIT_RELATIVE, kit, (out, strings) -> {
            CareDay closed = DayStateIO.closedThrough(tracker);
            out.writeBoolean(closed != null);
            if (closed != null) {
                Varints.writeSigned(out, closed.date().toEpochDay());
            }
            Varints.writeUnsigned(out, tracker.openDays().size());
            LocalDate previous = closed == null ? null : closed.date();
            for (OpenDay d : tracker.openDays()) {
                DayStateIO.writeOpenDay(out, d, previous, strings); // each date after the one before it
                previous = d.day().date();
            }
        });
    }

    /** Restores a {@link DayTracker} for the resident's zone and day settings. */
    public static DayTracker readDays(byte[] bytes, ZoneId zone, DayConfig config) {
        return readDays(bytes, zone, config, null);
    }

    /** As {@link #readDays(byte[], ZoneId, DayConfig)}; {@code kit}: the one a {@link #KIT_RELATIVE} blob was written against. */
    public static DayTracker readDays(byte[] bytes, ZoneId zone, DayConfig config, KitStrings kit) {
        return read(bytes, DAYS, kit, (in, strings, version) -> {
            DayTracker t = new DayTracker(zone, config);
            CareDay closed = in.readBoolean() ? new CareDay(LocalDate.ofEpochDay(Varints.readSigned(in))) : null;
            int n = Varints.readInt(in);
            List<OpenDay> days = new ArrayList<>();
            LocalDate previous = closed == null ? null : closed.date();
            for (int i = 0; i < n; i++) {
                OpenDay d = DayStateIO.readOpenDay(in, zone, config, strings, version, previous);
                days.add(d);
                previous = d.day().date();
            }
            DayStateIO.restore(t, closed, days);
            return t;
        });
    }

    /** Everything an {@link ActivityTracker} remembers (a few hundred bytes; see {@link ActivityTracker#writeState}). */
    public static byte[] writeTracker(ActivityTracker tracker) {
        return writeTracker(tracker, VERSION);
    }

    /** The tracker in format {@code version} (2, 3 or 5): 2 and 3 for the tests that read what an older Hearth stored. */
    public static byte[] writeTracker(ActivityTracker tracker, int version) {
        if (kitRelative(version)) {
            throw new IllegalArgumentException("a kit-relative tracker is written with its kit");
        }
        return write(TRACKER, version, null, (out, strings) -> tracker.writeState(out, version, strings));
    }

    /** The tracker relative to {@code kit} ({@link #KIT_RELATIVE}; null: format {@link #VERSION}). */
    public static byte[] writeTracker(ActivityTracker tracker, KitStrings kit) {
        int version = kit == null ? VERSION : KIT_RELATIVE;
        return write(TRACKER, version, kit, (out, strings) -> tracker.writeState(out, version, strings));
    }

    /** The tracker {@link #writeTracker} wrote, for the same home. */
    public static ActivityTracker readTracker(byte[] bytes, Home home, ActivityConfig config) {
        return readTracker(bytes, home, config, null);
    }

    /** As {@link #readTracker(byte[], Home, ActivityConfig)}; {@code kit}: the one a {@link #KIT_RELATIVE} blob was written against. */
    public static ActivityTracker readTracker(byte[] bytes, Home home, ActivityConfig config, KitStrings kit) {
        return readTracker(bytes, org.hearth.models.activity.TrackedHome.of(home), config, kit);
    }

    /** As {@link #readTracker(byte[], Home, ActivityConfig, KitStrings)}, the home's rooms derived once for its kit. */
    public static ActivityTracker readTracker(byte[] bytes, org.hearth.models.activity.TrackedHome home, ActivityConfig config,
            KitStrings kit) {
        return read(bytes, TRACKER, kit, (in, strings, version) -> ActivityTracker.restore(home, config, in, version, strings));
    }

    // ---- framing: kind, version, string table, body -------------------------------------

    private interface Body {
        void write(DataOutput out, DayStateIO.Strings strings) throws IOException;
    }

    private interface Reader<T> {
        T read(DataInput in, DayStateIO.Strings strings, int version) throws IOException;
    }

    private static byte[] write(byte kind, int version, KitStrings kit, Body body) {
        if (version < 2 || version > KIT_RELATIVE || version == KIT_RELATIVE_3 || version == KIT_RELATIVE_5
                || (version == KIT_RELATIVE) != (kit != null)) {
            throw new IllegalArgumentException("no state blob version " + version + (kit == null ? "" : " with a kit"));
        }
        try {
            List<String> table;
            DayStateIO.Strings strings;
            if (kit != null) { // the kit's strings by their index, the table only the others
                KitStrings.Writing writing = kit.writing();
                table = writing.extras();
                strings = new DayStateIO.Strings() {
                    @Override
                    public int index(String s) {
                        return writing.index(s);
                    }

                    @Override
                    public String get(int i) {
                        return writing.get(i);
                    }
                };
            } else {
                List<String> own = new ArrayList<>();
                table = own;
                Map<String, Integer> index = new HashMap<>();
                strings = new DayStateIO.Strings() {
                    @Override
                    public int index(String s) {
                        return index.computeIfAbsent(s, k -> {
                            own.add(k);
                            return own.size() - 1;
                        });
                    }

                    @Override
                    public String get(int i) {
                        return own.get(i);
                    }
                };
            }
            Buffers buffers = Buffers.take();
            try {
                body.write(buffers.body, strings);
                Bytes.Out out = buffers.all;
                out.writeByte(kind);
                out.writeByte(version);
                if (version >= 3) {
                    Varints.writeStrings(out, table);
                } else {
                    Varints.writeUnsigned(out, table.size());
                    for (String s : table) {
                        out.writeUTF(s);
                    }
                }
                buffers.body.writeTo(out);
                return buffers.all.toByteArray();
            } finally {
                buffers.release();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The output buffers of one thread, reused by every blob it writes (written on every event: each
     * write used to allocate and grow two buffers). Taken and released around one write; a write
     * inside another (none does) gets fresh ones.
     */
    private static final class Buffers {
        private static final ThreadLocal<Buffers> MINE = ThreadLocal.withInitial(Buffers::new);

        final Bytes.Out body = new Bytes.Out(1024);
        final Bytes.Out all = new Bytes.Out(1024);
        private boolean inUse;

        static Buffers take() {
            Buffers b = MINE.get();
            if (b.inUse) {
                b = new Buffers();
            }
            b.inUse = true;
            b.body.reset();
            b.all.reset();
            return b;
        }

        void release() {
            inUse = false;
        }
    }

    private static <T> T read(byte[] bytes, byte kind, KitStrings kit, Reader<T> reader) {
        try {
            Bytes.In in = new Bytes.In(bytes);
            byte k = in.readByte();
            int version = in.readUnsignedByte();
            if (k != kind) {
                throw new IllegalArgumentException("not a " + (char) kind + " state blob (kind " + (char) k + ")");
            }
            if (version < 1 || version > KIT_RELATIVE) {
                throw new IllegalArgumentException("state version " + version + " is newer than this Hearth ("
                        + KIT_RELATIVE + ")");
            }
            if (kitRelative(version) && kit == null) {
                throw new IllegalArgumentException("a kit-relative " + (char) kind + " state blob is read with its kit");
            }
            List<String> table;
            if (version >= 3) {
                table = Varints.readStrings(in);
            } else {
                int n = Varints.readInt(in);
                table = new ArrayList<>(Math.min(n, 1024));
                for (int i = 0; i < n; i++) {
                    table.add(in.readUTF());
                }
            }
            org.hearth.models.encoding.StringTable relative = kitRelative(version) ? kit.reading(table) : null;
            DayStateIO.Strings strings = new DayStateIO.Strings() {
                @Override
                public int index(String s) {
                    throw new UnsupportedOperationException("read only");
                }

                @Override
                public String get(int i) {
                    if (relative != null) {
                        return relative.get(i);
                    }
                    if (i >= table.size()) {
                        throw new IllegalArgumentException("string " + i + " is not in the blob's table of " + table.size());
                    }
                    return table.get(i);
                }
            };
            T value = reader.read(in, strings, version);
            if (in.available() > 0) {
                throw new IllegalArgumentException(in.available() + " trailing bytes in state blob");
            }
            return value;
        } catch (IOException e) {
            throw new IllegalArgumentException("corrupt state blob: " + e.getMessage(), e);
        }
    }
}
