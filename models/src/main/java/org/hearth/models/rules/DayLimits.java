package org.hearth.models.rules;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeMap;
import org.hearth.models.baseline.Anchor;
import org.hearth.models.baseline.AnchorExpectation;
import org.hearth.models.day.TimeBand;
import org.hearth.models.encoding.Bytes;
import org.hearth.models.encoding.Varints;

/**
 * The hot part of a home's learned state: every number the per-event rules take from the baseline,
 * computed from it when it changes (a care day closes, an "I'm OK" answer, new settings, the first
 * access to state written before these limits existed) and kept with the per-event state. Between
 * those moments no event and no timer reads the baseline (the cold part): on RocksDB it is neither
 * decoded nor modelled per access, and no rule object keeps a model of it on the heap.
 *
 * <p>Each number is what the rules computed from the baseline before (the same functions, called
 * at day close instead of per event), so decisions are the same: stillness limits per room and
 * time band ({@link StillnessRule#limits}), the night rules' windows and thresholds
 * ({@link NightRules#limits}), the not-up and no-kettle expectations.
 *
 * @param key which settings, home and calculation they were computed for ({@link LearnedRules}):
 *     a different key recomputes them from the baseline
 * @param ready whether the baseline has enough days for the learned rules
 * @param days days learned; {@code lastLearned} the last learned care day (null: none)
 * @param rise the not-up expectation (null: none learned); {@code kettle} no-kettle's (null: none
 *     or no kettle)
 * @param watch the stillness and night rules' limits; null while not ready
 */
record DayLimits(int key, boolean ready, int days, LocalDate lastLearned, AnchorExpectation rise,
        AnchorExpectation kettle, Watch watch) {

    /**
     * Raise when a limit's calculation changes (the stillness, night, not-up or no-kettle math), so
     * that limits stored by an older build are recomputed from the baseline on their first access
     * instead of waiting for the next day close.
     */
    static final int CALCULATION = 4; // 2: stillness judges a room the person is never still in with the bathroom margin; 3: the own day ceiling; 4: per room

    static final byte KIND = 'L';
    /**
     * The byte format {@link #write} writes; {@link #read} keeps reading every older one. 2 (issue 18: the limits are
     * the largest part of the hot value): the flags in one byte, the room names with a one-byte length, a band with
     * the same limit as the band before as one byte, whole-number doubles and the half-hour masks as varints. 3: no room
     * names: the stillness limits are the kit's rooms' in their sorted order (what {@code LearnedRules.computeLimits}
     * computes), named on reading from the kit ({@link #read(byte[], java.util.List)}); a kit with other rooms has
     * another {@link #key}, so limits read for it are recomputed, never used. 4: the doubles that are small fractions
     * exactly (the anchors' shares of the learned days, the mean time out over them) as a numerator and a denominator
     * ({@link Varints#writeRatio}): 2-3 bytes where their bits took 9.
     */
    static final byte VERSION = 4;

    /** The stillness limits per room (indexed by {@link TimeBand#ordinal}) and the night rules' limits. */
    record Watch(Map<String, StillnessRule.Limit[]> stillness, NightRules.Limits night) {}

    /** A room and band's stillness limit, or null when the room was not among those computed. */
    StillnessRule.Limit stillness(String room, TimeBand band) {
        StillnessRule.Limit[] byBand = watch == null ? null : watch.stillness().get(room);
        return byBand == null ? null : byBand[band.ordinal()];
    }

    // ---- binary form -------------------------------------------------------------------------

    byte[] write() {
        return write(VERSION);
    }

    /** The limits in byte format {@code version} (1 to 4): the older ones for the tests that read what an older Hearth stored. */
    byte[] write(int version) {
        if (version >= 2 && version <= 4) {
            return writeCompact(version);
        }
        if (version != 1) {
            throw new IllegalArgumentException("no limits version " + version);
        }
        try {
            Bytes.Out out = new Bytes.Out(320);
            out.writeByte(KIND);
            out.writeByte(1);
            out.writeInt(key);
            out.writeBoolean(ready);
            Varints.writeUnsigned(out, days);
            out.writeBoolean(lastLearned != null);
            if (lastLearned != null) {
                Varints.writeSigned(out, lastLearned.toEpochDay());
            }
            writeAnchor(out, rise);
            writeAnchor(out, kettle);
            out.writeBoolean(watch != null);
            if (watch != null) {
                Varints.writeUnsigned(out, watch.stillness().size());
                for (Map.Entry<String, StillnessRule.Limit[]> e : watch.stillness().entrySet()) {
                    out.writeUTF(e.getKey());
                    for (StillnessRule.Limit l : e.getValue()) {
                        Varints.writeUnsigned(out, l.limit().getSeconds());
                        // the usual is only ever shown rounded to the second (Explanations.stillness)
                        Varints.writeSigned(out, l.usualMinutes().isPresent()
                                ? Math.round(l.usualMinutes().getAsDouble() * 60) : -1);
                    }
                }
                NightRules.Limits n = watch.night();
                writeWindow(out, n.doorWindow());
                writeWindow(out, n.activityWindow());
                writeWindow(out, n.widestWindow());
                out.writeLong(n.rareSlots());
                out.writeLong(n.answeredSlots());
                out.writeDouble(n.usualNightDoors());
                out.writeDouble(n.nightDoorsNeeded());
                out.writeDouble(n.unusualSlotsBeyond());
                Varints.writeUnsigned(out, n.baselineDays());
                out.writeDouble(n.outOfHomePerDay());
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The limits {@link #write} wrote. From format 3 the stillness limits' rooms are not in the bytes: {@code kitRooms}
     * are the rooms of the kit the limits are read for, sorted; when their number is not the stored one (another kit:
     * then the {@link #key} differs too, and the limits are recomputed) the stillness limits read as none.
     */
    static DayLimits read(byte[] bytes, java.util.List<String> kitRooms) {
        try {
            Bytes.In in = new Bytes.In(bytes); // no lock per byte: read on every access
            byte kind = in.readByte();
            int version = in.readUnsignedByte();
            if (kind != KIND) {
                throw new IllegalArgumentException("not a limits state blob (kind " + (char) kind + ")");
            }
            if (version < 1 || version > VERSION) {
                throw new IllegalArgumentException("limits state version " + version + " is newer than this Hearth ("
                        + VERSION + ")");
            }
            if (version >= 2) {
                return readCompact(in, bytes, version, kitRooms);
            }
            int key = in.readInt();
            boolean ready = in.readBoolean();
            int days = Varints.readInt(in);
            LocalDate last = in.readBoolean() ? LocalDate.ofEpochDay(Varints.readSigned(in)) : null;
            AnchorExpectation rise = readAnchor(in);
            AnchorExpectation kettle = readAnchor(in);
            Watch watch = null;
            if (in.readBoolean()) {
                int rooms = Varints.readInt(in);
                Map<String, StillnessRule.Limit[]> stillness = new TreeMap<>();
                for (int r = 0; r < rooms; r++) {
                    String room = in.readUTF();
                    StillnessRule.Limit[] byBand = new StillnessRule.Limit[TimeBand.values().length];
                    for (int b = 0; b < byBand.length; b++) {
                        long limit = Varints.readUnsigned(in);
                        long usual = Varints.readSigned(in);
                        byBand[b] = new StillnessRule.Limit(room, Duration.ofSeconds(limit),
                                usual < 0 ? OptionalDouble.empty() : OptionalDouble.of(usual / 60.0));
                    }
                    stillness.put(room, byBand);
                }
                Optional<SleepWindow> door = readWindow(in);
                Optional<SleepWindow> activity = readWindow(in);
                Optional<SleepWindow> widest = readWindow(in);
                long rare = in.readLong();
                long answered = in.readLong();
                double usualDoors = in.readDouble();
                double doorsNeeded = in.readDouble();
                double slotsBeyond = in.readDouble();
                int baselineDays = Varints.readInt(in);
                double outPerDay = in.readDouble();
                watch = new Watch(stillness, new NightRules.Limits(door, activity, widest, rare, answered, usualDoors,
                        doorsNeeded, slotsBeyond, baselineDays, outPerDay));
            }
            if (in.available() > 0) {
                throw new IllegalArgumentException(in.available() + " trailing bytes in limits state blob");
            }
            return new DayLimits(key, ready, days, last, rise, kettle, watch);
        } catch (IOException e) {
            throw new IllegalArgumentException("corrupt limits state blob: " + e.getMessage(), e);
        }
    }

    // ---- version 2 ---------------------------------------------------------------------------------

    private byte[] writeCompact(int version) {
        try {
            Bytes.Out out = new Bytes.Out(256);
            out.writeByte(KIND);
            out.writeByte(version);
            out.writeInt(key);
            NightRules.Limits n = watch == null ? null : watch.night();
            out.writeByte((ready ? 1 : 0) | (lastLearned != null ? 2 : 0) | (rise != null ? 4 : 0) | (kettle != null ? 8 : 0)
                    | (watch != null ? 16 : 0));
            Varints.writeUnsigned(out, days);
            if (lastLearned != null) {
                Varints.writeSigned(out, lastLearned.toEpochDay());
            }
            for (AnchorExpectation e : new AnchorExpectation[] {rise, kettle}) {
                if (e != null) {
                    out.writeByte(e.anchor().ordinal());
                    Varints.writeSigned(out, e.usualMinute());
                    Varints.writeSigned(out, e.deadlineMinute());
                    compactDouble(out, e.share(), version);
                    Varints.writeUnsigned(out, e.samples());
                }
            }
            if (watch != null) {
                Varints.writeUnsigned(out, watch.stillness().size());
                for (Map.Entry<String, StillnessRule.Limit[]> e : watch.stillness().entrySet()) {
                    if (version == 2) { // from 3 the kit names them
                        byte[] name = e.getKey().getBytes(java.nio.charset.StandardCharsets.UTF_8);
                        Varints.writeUnsigned(out, name.length);
                        out.write(name);
                    }
                    StillnessRule.Limit previous = null;
                    for (StillnessRule.Limit l : e.getValue()) {
                        long usual = l.usualMinutes().isPresent() ? Math.round(l.usualMinutes().getAsDouble() * 60) : -1;
                        if (previous != null && previous.limit().equals(l.limit())
                                && usual == (previous.usualMinutes().isPresent()
                                        ? Math.round(previous.usualMinutes().getAsDouble() * 60) : -1)) {
                            out.writeByte(0); // as the band before (a room's bands are often alike)
                        } else {
                            Varints.writeUnsigned(out, l.limit().getSeconds() + 1);
                            Varints.writeSigned(out, usual);
                        }
                        previous = l;
                    }
                }
                writeWindow(out, n.doorWindow());
                writeWindow(out, n.activityWindow());
                writeWindow(out, n.widestWindow());
                Varints.writeSigned(out, n.rareSlots());
                Varints.writeSigned(out, n.answeredSlots());
                compactDouble(out, n.usualNightDoors(), version);
                compactDouble(out, n.nightDoorsNeeded(), version);
                compactDouble(out, n.unusualSlotsBeyond(), version);
                Varints.writeUnsigned(out, n.baselineDays());
                compactDouble(out, n.outOfHomePerDay(), version);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static DayLimits readCompact(Bytes.In in, byte[] bytes, int version, java.util.List<String> kitRooms)
            throws IOException {
        int key = in.readInt();
        int flags = in.readUnsignedByte();
        int days = Varints.readInt(in);
        LocalDate last = (flags & 2) != 0 ? LocalDate.ofEpochDay(Varints.readSigned(in)) : null;
        AnchorExpectation rise = (flags & 4) != 0 ? readCompactAnchor(in, version) : null;
        AnchorExpectation kettle = (flags & 8) != 0 ? readCompactAnchor(in, version) : null;
        Watch watch = null;
        if ((flags & 16) != 0) {
            int rooms = Varints.readInt(in);
            if (version >= 3 && kitRooms == null) {
                throw new IllegalArgumentException("limits of format 3 are read with the kit's rooms");
            }
            boolean named = version == 2 || kitRooms.size() == rooms; // else another kit's: read past them
            Map<String, StillnessRule.Limit[]> stillness;
            if (version >= 3 && named) { // the per-event path: each room's bands decoded when first looked up
                stillness = StoredStillness.read(in, bytes, kitRooms);
            } else {
                stillness = new TreeMap<>();
                for (int r = 0; r < rooms; r++) {
                    if (version == 2) {
                        byte[] name = new byte[Varints.readInt(in)];
                        in.readFully(name);
                        String room = new String(name, java.nio.charset.StandardCharsets.UTF_8);
                        stillness.put(room, StoredStillness.readRoom(in, room));
                    } else {
                        StoredStillness.skipRoom(in, "");
                    }
                }
            }
            Optional<SleepWindow> door = readWindow(in);
            Optional<SleepWindow> activity = readWindow(in);
            Optional<SleepWindow> widest = readWindow(in);
            long rare = Varints.readSigned(in);
            long answered = Varints.readSigned(in);
            double usualDoors = readCompactDouble(in, version);
            double doorsNeeded = readCompactDouble(in, version);
            double slotsBeyond = readCompactDouble(in, version);
            int baselineDays = Varints.readInt(in);
            double outPerDay = readCompactDouble(in, version);
            watch = new Watch(stillness, new NightRules.Limits(door, activity, widest, rare, answered, usualDoors,
                    doorsNeeded, slotsBeyond, baselineDays, outPerDay));
        }
        if (in.available() > 0) {
            throw new IllegalArgumentException(in.available() + " trailing bytes in limits state blob");
        }
        return new DayLimits(key, (flags & 1) != 0, days, last, rise, kettle, watch);
    }

    private static AnchorExpectation readCompactAnchor(DataInput in, int version) throws IOException {
        Anchor anchor = Anchor.values()[in.readUnsignedByte()];
        int usual = (int) Varints.readSigned(in);
        int deadline = (int) Varints.readSigned(in);
        double share = readCompactDouble(in, version);
        int samples = Varints.readInt(in);
        return new AnchorExpectation(anchor, usual, deadline, share, samples);
    }

    private static void compactDouble(DataOutput out, double d, int version) throws IOException {
        if (version >= 4) {
            Varints.writeRatio(out, d);
        } else {
            Varints.writeDouble(out, d);
        }
    }

    private static double readCompactDouble(DataInput in, int version) throws IOException {
        return version >= 4 ? Varints.readRatio(in) : Varints.readDouble(in);
    }

    private static void writeAnchor(DataOutput out, AnchorExpectation e) throws IOException {
        out.writeBoolean(e != null);
        if (e != null) {
            out.writeByte(e.anchor().ordinal());
            Varints.writeSigned(out, e.usualMinute());
            Varints.writeSigned(out, e.deadlineMinute());
            out.writeDouble(e.share());
            Varints.writeUnsigned(out, e.samples());
        }
    }

    private static AnchorExpectation readAnchor(DataInput in) throws IOException {
        if (!in.readBoolean()) {
            return null;
        }
        Anchor anchor = Anchor.values()[in.readUnsignedByte()];
        int usual = (int) Varints.readSigned(in);
        int deadline = (int) Varints.readSigned(in);
        double share = in.readDouble();
        int samples = Varints.readInt(in);
        return new AnchorExpectation(anchor, usual, deadline, share, samples);
    }

    private static void writeWindow(DataOutput out, Optional<SleepWindow> w) throws IOException {
        out.writeBoolean(w.isPresent());
        if (w.isPresent()) {
            Varints.writeSigned(out, w.get().startMinute());
            Varints.writeSigned(out, w.get().endMinute());
        }
    }

    private static Optional<SleepWindow> readWindow(DataInput in) throws IOException {
        if (!in.readBoolean()) {
            return Optional.empty();
        }
        int start = (int) Varints.readSigned(in);
        int end = (int) Varints.readSigned(in);
        return Optional.of(new SleepWindow(start, end));
    }
}
