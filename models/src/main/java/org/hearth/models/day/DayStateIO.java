package org.hearth.models.day;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.hearth.models.encoding.Varints;

/**
 * Binary form of day-level state, written and read by {@link org.hearth.models.state.StateCodec}
 * (which owns the version byte). Instants are seconds, written as deltas from the care day's start
 * so that most take two or three bytes; room names go through the caller's string table.
 */
public final class DayStateIO {

    private DayStateIO() {}

    /** Looks room names up in, or adds them to, a string table shared by one state blob. */
    public interface Strings extends org.hearth.models.encoding.StringTable {}

    public static void writeProfile(DataOutput out, DayProfile p, LocalDate previous, Strings strings)
            throws IOException {
        Varints.writeSigned(out, previous == null ? p.date().toEpochDay() : p.date().toEpochDay() - previous.toEpochDay());
        Varints.writeSigned(out, p.lengthMinutes() - 1440L);
        for (int v : new int[] {p.riseMinute(), p.bedtimeMinute(), p.timeInBedMinutes(), p.nightBedExits(),
                p.firstKettleMinute(), p.kettleBoils(), p.bathroomDay(), p.bathroomNight(),
                p.longestBathroomSeconds(), p.totalBathroomSeconds(), p.outOfHomeMinutes(), p.nightDoorOpenings()}) {
            Varints.writeUnsigned(out, v + 1L);
        }
        Varints.writeUnsigned(out, p.activeSlots());
        writeStillness(out, p.stillness(), strings);
        writeTransitions(out, p.transitions(), strings);
        writeSilences(out, p.silences(), strings);
        writeContactSilences(out, p.contactSilences(), strings);
    }

    /**
     * Reads what {@link #writeProfile} wrote; format version 1 had no individual silences, versions
     * before {@link #CONTACT_SILENCES} no contact silences.
     */
    public static DayProfile readProfile(DataInput in, LocalDate previous, Strings strings, int version)
            throws IOException {
        long d = Varints.readSigned(in);
        LocalDate date = LocalDate.ofEpochDay(previous == null ? d : previous.toEpochDay() + d);
        int length = (int) (Varints.readSigned(in) + 1440);
        int[] v = new int[12];
        for (int i = 0; i < v.length; i++) {
            v[i] = (int) (Varints.readUnsigned(in) - 1);
        }
        long slots = Varints.readUnsigned(in);
        Map<RoomBand, Integer> stillness = readStillness(in, strings);
        Map<Transition, Integer> transitions = readTransitions(in, strings);
        Map<RoomBand, List<Integer>> silences = version >= 2 ? readSilences(in, strings) : Map.of();
        return new DayProfile(date, length, v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10], v[11],
                slots, stillness, transitions, silences,
                version >= CONTACT_SILENCES ? readContactSilences(in, strings) : Map.of());
    }

    /** The first state format whose days keep their contact silences (format 6 is 5 relative to a kit). */
    public static final int CONTACT_SILENCES = 5;

    private static void writeContactSilences(DataOutput out, Map<String, ContactSilences> m, Strings strings)
            throws IOException {
        Varints.writeUnsigned(out, m.size());
        for (Map.Entry<String, ContactSilences> e : new TreeMap<>(m).entrySet()) {
            Varints.writeUnsigned(out, strings.index(e.getKey()));
            Varints.writeUnsigned(out, e.getValue().opened());
            Varints.writeUnsigned(out, e.getValue().roundTrips());
        }
    }

    private static Map<String, ContactSilences> readContactSilences(DataInput in, Strings strings) throws IOException {
        int n = Varints.readInt(in);
        Map<String, ContactSilences> m = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            String id = strings.get(Varints.readInt(in));
            int opened = Varints.readInt(in);
            int roundTrips = Varints.readInt(in);
            if (roundTrips > opened) {
                throw new IOException("contact " + id + ": " + roundTrips + " round trips of " + opened + " silences");
            }
            m.put(id, new ContactSilences(opened, roundTrips));
        }
        return m;
    }

    private static void writeSilences(DataOutput out, Map<RoomBand, List<Integer>> silences, Strings strings)
            throws IOException {
        Varints.writeUnsigned(out, silences.size());
        for (Map.Entry<RoomBand, List<Integer>> e : new TreeMap<>(silences).entrySet()) {
            Varints.writeUnsigned(out, (long) strings.index(e.getKey().room()) * 4 + e.getKey().band().ordinal());
            Varints.writeUnsigned(out, e.getValue().size());
            for (int minutes : e.getValue()) {
                Varints.writeUnsigned(out, minutes);
            }
        }
    }

    private static Map<RoomBand, List<Integer>> readSilences(DataInput in, Strings strings) throws IOException {
        int n = Varints.readInt(in);
        Map<RoomBand, List<Integer>> m = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            int key = Varints.readInt(in);
            int count = Varints.readInt(in);
            List<Integer> values = new java.util.ArrayList<>(count);
            for (int j = 0; j < count; j++) {
                values.add(Varints.readInt(in));
            }
            m.put(new RoomBand(strings.get(key / 4), TimeBand.values()[key % 4]), values);
        }
        return m;
    }

    private static void writeStillness(DataOutput out, Map<RoomBand, Integer> stillness, Strings strings)
            throws IOException {
        Varints.writeUnsigned(out, stillness.size());
        for (Map.Entry<RoomBand, Integer> e : new TreeMap<>(stillness).entrySet()) {
            Varints.writeUnsigned(out, (long) strings.index(e.getKey().room()) * 4 + e.getKey().band().ordinal());
            Varints.writeUnsigned(out, e.getValue());
        }
    }

    private static Map<RoomBand, Integer> readStillness(DataInput in, Strings strings) throws IOException {
        int n = Varints.readInt(in);
        Map<RoomBand, Integer> m = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            int key = Varints.readInt(in);
            m.put(new RoomBand(strings.get(key / 4), TimeBand.values()[key % 4]), Varints.readInt(in));
        }
        return m;
    }

    private static void writeTransitions(DataOutput out, Map<Transition, Integer> transitions, Strings strings)
            throws IOException {
        Varints.writeUnsigned(out, transitions.size());
        for (Map.Entry<Transition, Integer> e : new TreeMap<>(transitions).entrySet()) {
            Varints.writeUnsigned(out, strings.index(e.getKey().from()));
            Varints.writeUnsigned(out, strings.index(e.getKey().to()));
            Varints.writeUnsigned(out, e.getValue());
        }
    }

    private static Map<Transition, Integer> readTransitions(DataInput in, Strings strings) throws IOException {
        int n = Varints.readInt(in);
        Map<Transition, Integer> m = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            String from = strings.get(Varints.readInt(in));
            String to = strings.get(Varints.readInt(in));
            m.put(new Transition(from, to), Varints.readInt(in));
        }
        return m;
    }

    /**
     * The first state format whose open days are written for their size ({@link #writeOpenDay}: a mask of the parts that
     * hold anything, then only those; the date relative to the day before it; format 8 is 7 relative to a kit).
     */
    public static final int COMPACT_OPEN_DAYS = 7;

    /**
     * One open day in format {@link #COMPACT_OPEN_DAYS}: its date as the zig-zagged days after {@code previous} (the day
     * before it in the blob, or the last closed day; null: from the epoch), two bytes whose bits say which of its fifteen
     * parts hold anything ({@link #OPEN_DAY_PARTS}), then only those, each as formats 2-6 wrote it (the first morning
     * motion without their "none" of nine bytes). An open day that gathered nothing (every day right after its parts were
     * kept apart, issue 18) is four bytes where it took twenty-six.
     */
    public static void writeOpenDay(DataOutput out, OpenDay day, LocalDate previous, Strings strings) throws IOException {
        long base = day.day().start(day.zone(), day.config().boundary()).getEpochSecond();
        long date = day.day().date().toEpochDay();
        Varints.writeSigned(out, previous == null ? date : date - previous.toEpochDay());
        int[] counts = {day.bathroomDay, day.bathroomNight, day.longestBathroomSeconds, day.totalBathroomSeconds,
            day.nightDoorOpenings};
        boolean[] held = {!day.bedChanges.isEmpty(), !day.boilStarts.isEmpty(), day.firstMorningMotion != null,
            counts[0] != 0, counts[1] != 0, counts[2] != 0, counts[3] != 0, counts[4] != 0, !day.leftAt.isEmpty(),
            !day.returns.isEmpty(), day.activeSlots != 0, !day.stillness.isEmpty(), !day.transitions.isEmpty(),
            !day.silences.isEmpty(), !day.contactSilences.isEmpty()};
        int mask = 0;
        for (int i = 0; i < held.length; i++) {
            mask |= held[i] ? 1 << i : 0;
        }
        out.writeShort(mask);
        if (held[0]) {
            writeBedChanges(out, day, base);
        }
        if (held[1]) {
            writeInstants(out, day.boilStarts, base);
        }
        if (held[2]) {
            Varints.writeSigned(out, day.firstMorningMotion.getEpochSecond() - base);
        }
        for (int i = 0; i < counts.length; i++) {
            if (held[3 + i]) {
                Varints.writeUnsigned(out, counts[i]);
            }
        }
        if (held[8]) {
            writeInstants(out, day.leftAt, base);
        }
        if (held[9]) {
            writeReturns(out, day, base);
        }
        if (held[10]) {
            Varints.writeUnsigned(out, day.activeSlots);
        }
        if (held[11]) {
            writeStillness(out, day.stillness, strings);
        }
        if (held[12]) {
            writeTransitions(out, day.transitions, strings);
        }
        if (held[13]) {
            writeSilences(out, day.silences, strings);
        }
        if (held[14]) {
            writeContactSilences(out, day.contactSilences, strings);
        }
    }

    /** The parts of an open day that {@link #writeOpenDay}'s mask names, one bit each. */
    static final int OPEN_DAY_PARTS = 15;

    private static void writeBedChanges(DataOutput out, OpenDay day, long base) throws IOException {
        Varints.writeUnsigned(out, day.bedChanges.size());
        for (Map.Entry<Instant, Boolean> e : day.bedChanges.entrySet()) {
            Varints.writeSigned(out, (e.getKey().getEpochSecond() - base) * 2 + (e.getValue() ? 1 : 0));
        }
    }

    private static void readBedChanges(DataInput in, OpenDay day, long base) throws IOException {
        int n = Varints.readInt(in);
        for (int i = 0; i < n; i++) {
            long v = Varints.readSigned(in);
            day.bedChanges.put(Instant.ofEpochSecond(base + Math.floorDiv(v, 2)), Math.floorMod(v, 2) == 1);
        }
    }

    private static void writeReturns(DataOutput out, OpenDay day, long base) throws IOException {
        Varints.writeUnsigned(out, day.returns.size());
        for (Map.Entry<Instant, Instant> e : day.returns.entrySet()) {
            Varints.writeSigned(out, e.getKey().getEpochSecond() - base);
            Varints.writeSigned(out, e.getValue().getEpochSecond() - base);
        }
    }

    private static void readReturns(DataInput in, OpenDay day, long base) throws IOException {
        int r = Varints.readInt(in);
        for (int i = 0; i < r; i++) {
            Instant left = Instant.ofEpochSecond(base + Varints.readSigned(in));
            day.returns.put(left, Instant.ofEpochSecond(base + Varints.readSigned(in)));
        }
    }

    /**
     * Reads one open day: in format {@link #COMPACT_OPEN_DAYS} and later what {@link #writeOpenDay} wrote after
     * {@code previous}; before it (formats 1-6, which wrote the date from the epoch) every part in order.
     */
    public static OpenDay readOpenDay(DataInput in, ZoneId zone, DayConfig config, Strings strings, int version,
            LocalDate previous) throws IOException {
        if (version < COMPACT_OPEN_DAYS) {
            return readOpenDay(in, zone, config, strings, version);
        }
        long d = Varints.readSigned(in);
        OpenDay day = new OpenDay(new CareDay(LocalDate.ofEpochDay(previous == null ? d : previous.toEpochDay() + d)),
                zone, config);
        long base = day.day().start(zone, config.boundary()).getEpochSecond();
        int mask = in.readUnsignedShort();
        if (mask >>> OPEN_DAY_PARTS != 0) {
            throw new IOException("an open day's parts 0x" + Integer.toHexString(mask) + " name one this Hearth does not know");
        }
        if ((mask & 1) != 0) {
            readBedChanges(in, day, base);
        }
        if ((mask & 2) != 0) {
            day.boilStarts.addAll(readInstants(in, base));
        }
        if ((mask & 4) != 0) {
            day.firstMorningMotion = Instant.ofEpochSecond(base + Varints.readSigned(in));
        }
        int[] counts = new int[5];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = (mask & 1 << (3 + i)) != 0 ? Varints.readInt(in) : 0;
        }
        day.bathroomDay = counts[0];
        day.bathroomNight = counts[1];
        day.longestBathroomSeconds = counts[2];
        day.totalBathroomSeconds = counts[3];
        day.nightDoorOpenings = counts[4];
        if ((mask & 1 << 8) != 0) {
            day.leftAt.addAll(readInstants(in, base));
        }
        if ((mask & 1 << 9) != 0) {
            readReturns(in, day, base);
        }
        if ((mask & 1 << 10) != 0) {
            day.activeSlots = Varints.readUnsigned(in);
        }
        if ((mask & 1 << 11) != 0) {
            day.stillness.putAll(readStillness(in, strings));
        }
        if ((mask & 1 << 12) != 0) {
            day.transitions.putAll(readTransitions(in, strings));
        }
        if ((mask & 1 << 13) != 0) {
            readSilences(in, strings).forEach((k, v) -> day.silences.put(k, new java.util.ArrayList<>(v)));
        }
        if ((mask & 1 << 14) != 0) {
            day.contactSilences.putAll(readContactSilences(in, strings));
        }
        return day;
    }

    /** An open day as formats 1-6 wrote it: every part in order, the date from the epoch. */
    private static OpenDay readOpenDay(DataInput in, ZoneId zone, DayConfig config, Strings strings, int version)
            throws IOException {
        OpenDay day = new OpenDay(new CareDay(LocalDate.ofEpochDay(Varints.readSigned(in))), zone, config);
        long base = day.day().start(zone, config.boundary()).getEpochSecond();
        readBedChanges(in, day, base);
        day.boilStarts.addAll(readInstants(in, base));
        long first = Varints.readSigned(in);
        day.firstMorningMotion = first == Long.MIN_VALUE / 4 ? null : Instant.ofEpochSecond(base + first);
        day.bathroomDay = Varints.readInt(in);
        day.bathroomNight = Varints.readInt(in);
        day.longestBathroomSeconds = Varints.readInt(in);
        day.totalBathroomSeconds = Varints.readInt(in);
        day.nightDoorOpenings = Varints.readInt(in);
        day.leftAt.addAll(readInstants(in, base));
        readReturns(in, day, base);
        day.activeSlots = Varints.readUnsigned(in);
        day.stillness.putAll(readStillness(in, strings));
        day.transitions.putAll(readTransitions(in, strings));
        if (version >= 2) {
            readSilences(in, strings).forEach((k, v) -> day.silences.put(k, new java.util.ArrayList<>(v)));
        }
        if (version >= CONTACT_SILENCES) {
            day.contactSilences.putAll(readContactSilences(in, strings));
        }
        return day;
    }

    private static void writeInstants(DataOutput out, java.util.Collection<Instant> instants, long base)
            throws IOException {
        Varints.writeUnsigned(out, instants.size());
        for (Instant t : instants) {
            Varints.writeSigned(out, t.getEpochSecond() - base);
        }
    }

    private static List<Instant> readInstants(DataInput in, long base) throws IOException {
        int n = Varints.readInt(in);
        Instant[] out = new Instant[n];
        for (int i = 0; i < n; i++) {
            out[i] = Instant.ofEpochSecond(base + Varints.readSigned(in));
        }
        return List.of(out);
    }

    /** The tracker's open days and last closed day, for the codec. */
    public static CareDay closedThrough(DayTracker t) {
        return t.closedThrough();
    }

    public static void restore(DayTracker t, CareDay closedThrough, List<OpenDay> days) {
        t.restore(closedThrough, days);
    }
}
