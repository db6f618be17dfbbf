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

    public static void writeOpenDay(DataOutput out, OpenDay day, Strings strings) throws IOException {
        long base = day.day().start(day.zone(), day.config().boundary()).getEpochSecond();
        Varints.writeSigned(out, day.day().date().toEpochDay());
        Varints.writeUnsigned(out, day.bedChanges.size());
        for (Map.Entry<Instant, Boolean> e : day.bedChanges.entrySet()) {
            Varints.writeSigned(out, (e.getKey().getEpochSecond() - base) * 2 + (e.getValue() ? 1 : 0));
        }
        writeInstants(out, day.boilStarts, base);
        Varints.writeSigned(out, day.firstMorningMotion == null ? Long.MIN_VALUE / 4 : day.firstMorningMotion.getEpochSecond() - base);
        for (int v : new int[] {day.bathroomDay, day.bathroomNight, day.longestBathroomSeconds,
                day.totalBathroomSeconds, day.nightDoorOpenings}) {
            Varints.writeUnsigned(out, v);
        }
        writeInstants(out, day.leftAt, base);
        Varints.writeUnsigned(out, day.returns.size());
        for (Map.Entry<Instant, Instant> e : day.returns.entrySet()) {
            Varints.writeSigned(out, e.getKey().getEpochSecond() - base);
            Varints.writeSigned(out, e.getValue().getEpochSecond() - base);
        }
        Varints.writeUnsigned(out, day.activeSlots);
        writeStillness(out, day.stillness, strings);
        writeTransitions(out, day.transitions, strings);
        writeSilences(out, day.silences, strings);
        writeContactSilences(out, day.contactSilences, strings);
    }

    public static OpenDay readOpenDay(DataInput in, ZoneId zone, DayConfig config, Strings strings, int version)
            throws IOException {
        OpenDay day = new OpenDay(new CareDay(LocalDate.ofEpochDay(Varints.readSigned(in))), zone, config);
        long base = day.day().start(zone, config.boundary()).getEpochSecond();
        int n = Varints.readInt(in);
        for (int i = 0; i < n; i++) {
            long v = Varints.readSigned(in);
            day.bedChanges.put(Instant.ofEpochSecond(base + Math.floorDiv(v, 2)), Math.floorMod(v, 2) == 1);
        }
        day.boilStarts.addAll(readInstants(in, base));
        long first = Varints.readSigned(in);
        day.firstMorningMotion = first == Long.MIN_VALUE / 4 ? null : Instant.ofEpochSecond(base + first);
        day.bathroomDay = Varints.readInt(in);
        day.bathroomNight = Varints.readInt(in);
        day.longestBathroomSeconds = Varints.readInt(in);
        day.totalBathroomSeconds = Varints.readInt(in);
        day.nightDoorOpenings = Varints.readInt(in);
        day.leftAt.addAll(readInstants(in, base));
        int r = Varints.readInt(in);
        for (int i = 0; i < r; i++) {
            Instant left = Instant.ofEpochSecond(base + Varints.readSigned(in));
            day.returns.put(left, Instant.ofEpochSecond(base + Varints.readSigned(in)));
        }
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
