package org.hearth.models.rules;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.hearth.models.alert.Rule;
import org.hearth.models.day.TimeBand;
import org.hearth.models.encoding.Bytes;
import org.hearth.models.encoding.KitStrings;
import org.hearth.models.encoding.RelativeInstants;
import org.hearth.models.encoding.StringTable;
import org.hearth.models.encoding.Varints;

/**
 * {@link HomeRulesStateCodec} version 5: the hot value read and written on every event, written for its
 * size (issue 18). Against version 4 (the same fields, the same blobs):
 * <ul>
 * <li>every string (sensor ids, the last room, the resident, rule names) once, in a table at the front,
 *     and referenced by its index: the table travels with the state, so a kit change needs no migration
 *     (a sensor that left is a string no one references after its track goes);
 * <li>instants as the difference from one base instant, the home's last message (most are within the
 *     day: 3 bytes where version 4 wrote 5), dates as the difference from the last care day (1 byte);
 * <li>the booleans as bits of one flag byte per part, the sensors' "checks in" as one bitset.
 * </ul>
 * The same state always gives the same bytes: the table is in the order the strings are first met.
 *
 * <p>Version 6 (the same fields): instants in their own unit ({@link Varints#writeInstantScaled}: a sensor's
 * millisecond time a byte shorter), and the sensor tracks' numbers after the id and last-seen instant as a list whose
 * length is written once for all tracks ({@link #TRACK_NUMBERS}): a number added to every track later is one varint
 * per track, and a reader fills the ones a state was written without with 0.
 *
 * <p>Version 7: the home's lived-in clock ({@link SafetyState#lived}) before the tracks, four more numbers per
 * track ({@link QuietSensors}): its flags (on the clock, reads motion, quiet), its last place on the clock as a
 * difference back from it, its age on the clock (up to {@link #AGE_CAP}) and its learned gap; after the tracks, a
 * motion sensor's two decayed counts. A state written before reads them as 0: off the clock. Two more flags
 * (bits 3 and 4, added within version 7: a state without them reads "not known"): whether a contact has been read,
 * and whether its last reading was open ({@link SafetyRules} takes a repeat of it for the sensor's own report).
 *
 * <p>Version 9 (the same fields, against the kit as version 8): a track's six numbers with its flags first, the others
 * unsigned (zig-zag doubled them, and most are never negative: a byte less where a value just passes 63 or 8191) unless
 * one is negative ({@link #SIGNED_NUMBERS}), its age as the distance below {@link #AGE_CAP} (0 once learned: one byte
 * where the age took two). Its layout is fixed at {@link #TRACK_NUMBERS}: a number added needs a version.
 *
 * <p>Version 10 (the same fields): the not-home rule's remembered outings as one varint each, the length and the start's
 * time band ({@link #outings}): about two bytes each where they took three or four.
 *
 * <p>Version 11 (the same fields): every instant through {@link RelativeInstants}: one equal to an instant written
 * before in the value (the last motion is the last movement inside, the last raw sign of life, a sensor's last reading)
 * as a one-byte reference back to it, and a fraction finer than milliseconds (the tracker's watermark, a nanosecond
 * before the last message) relative to the base's.
 *
 * <p>Version 12 (the same fields): the sensor tracks' ids once, before the tracks, as runs of consecutive string indices
 * ({@link #trackIds}: the tracks are the kit's sensors, sorted as the kit sorts them, so usually one run of three bytes
 * where each track wrote its index), and a track whose reports reached {@link SafetyState#REPORTS_KEPT} and whose age
 * reached {@link #AGE_CAP} (every track of a home some weeks old) says so by a bit of its flags instead of writing both
 * ({@link #SETTLED}); the count of numbers per track, fixed since version 9, is no longer written.
 */
final class CompactRulesState {

    private CompactRulesState() {}

    /**
     * How many numbers this version writes per sensor track after its id and last-seen instant: the longest gap and the
     * reports (version 6), then its place in lived-in time (version 7). To add one, append it to {@link #trackNumbers}
     * and {@link #trackNumbers(SafetyState, SafetyState.SensorTrack, long[])} and raise {@link HomeRulesStateCodec#VERSION}
     * (a state written before reads with the new number 0).
     */
    static final int TRACK_NUMBERS = 6;

    /**
     * A track's age on the lived-in clock is written up to this: past it only "learned" matters, which {@link
     * QuietSensorSettings#learnReadings} must not exceed. Two bytes where the age itself grows to three.
     */
    static final long AGE_CAP = 8191;

    /**
     * Version 9: the bit of a track's flags (written first, unsigned) saying that one of its other numbers is negative,
     * so that they are zig-zagged as in versions 6-8; without it they are written unsigned (a byte less where 7 bits
     * or 14 bits just miss). Not one of {@link SafetyState.SensorTrack}'s own flags.
     */
    static final long SIGNED_NUMBERS = 32;

    /**
     * Version 12: the bit of a track's flags saying that its reports are at {@link SafetyState#REPORTS_KEPT} and its age
     * at {@link #AGE_CAP}, so that neither is written (two bytes less per track once the home is a few weeks old). With
     * {@link #SIGNED_NUMBERS} and the track's own five flags it keeps the flags in one byte.
     */
    static final long SETTLED = 64;

    /** The numbers per track that {@code version} wrote. */
    private static int trackNumbers(int version) {
        return version >= 7 ? TRACK_NUMBERS : 2;
    }

    private static long[] trackNumbers(SafetyState s, SafetyState.SensorTrack t) {
        long flags = (t.onClock ? 1 : 0) | (t.motion ? 2 : 0) | (t.quiet ? 4 : 0)
                | (t.contactKnown ? 8 : 0) | (t.contactOpen ? 16 : 0);
        return new long[] {t.longestGapSeconds, t.reports,
                flags, s.lived - t.livedAt, Math.min(s.lived - t.livedFirst, AGE_CAP), t.livedGap};
    }

    private static void trackNumbers(SafetyState s, SafetyState.SensorTrack t, long[] v) {
        t.longestGapSeconds = v[0];
        t.reports = v[1];
        t.onClock = (v[2] & 1) != 0;
        t.motion = (v[2] & 2) != 0;
        t.quiet = (v[2] & 4) != 0;
        t.contactKnown = (v[2] & 8) != 0;
        t.contactOpen = (v[2] & 16) != 0;
        t.livedAt = s.lived - v[3];
        t.livedFirst = s.lived - v[4];
        t.livedGap = v[5];
    }

    // ---- write -----------------------------------------------------------------------------------

    /** Writes {@code s} in {@code version} 5 to 7 (the version itself is the caller's). */
    static void write(HomeRulesState s, DataOutput out, int version) throws IOException {
        if (version >= HomeRulesStateCodec.KIT_RELATIVE) {
            throw new IllegalArgumentException("version " + version + " is written against a kit");
        }
        Map<String, Integer> table = strings(s);
        Varints.writeStrings(out, table.keySet());
        body(s, new Writer(out, table::get, version, null));
    }

    /**
     * Writes {@code s} in version 8 against {@code kit}: its fingerprint (4 bytes), the strings the kit does not know
     * (usually none), then the body with every string as its index in the kit or after it; the tracker and open days
     * as {@link org.hearth.models.state.StateCodec#KIT_RELATIVE} blobs against the same kit (the caller makes sure that
     * stored ones not decoded in this access were written against it: {@link HomeRulesStateCodec#writeKit}).
     */
    static void write(HomeRulesState s, DataOutput out, KitStrings kit, int version) throws IOException {
        KitStrings.Writing strings = kit.writing();
        // The body first, to a buffer: it meets the strings in the order eachString lists them, so the extras it
        // collects are the ones a pass of their own collected before (one look-up per string, not two).
        Bytes.Out body = new Bytes.Out(512);
        // Without a kit the blobs keep tables of their own (format 3): a value written so can be written again
        // against any kit without decoding them.
        body(s, new Writer(body, strings::index, version, kit.size() == 0 ? null : kit));
        out.writeInt(kit.fingerprint());
        Varints.writeStrings(out, strings.extras());
        body.copyTo(out);
    }

    private static void body(HomeRulesState s, Writer w) throws IOException {
        Instant base = s.safety.lastMessage;
        LocalDate day = s.lastCareDay;
        w.instant(base); // the bases themselves from 0: absolute
        w.date(day);
        w.baseSeconds = base == null ? 0 : base.getEpochSecond();
        w.baseDay = day == null ? 0 : day.toEpochDay();
        w.string(s.learnedFor);
        safety(w, s.safety);
        learned(w, s.learned);
        watch(w, s.learned.watch);
    }

    /** Every string the state refers to, in the order {@link #write} meets them. */
    private static Map<String, Integer> strings(HomeRulesState s) {
        Map<String, Integer> table = new LinkedHashMap<>();
        eachString(s, str -> table.putIfAbsent(str, table.size()));
        return table;
    }

    /**
     * Hands every string the state refers to (repeats included, nulls left out) to {@code use}, in the order
     * {@link #write} meets them (versions 5-7: the value's own table; from version 8 the body itself meets them in
     * this order, {@link #write(HomeRulesState, DataOutput, KitStrings, int)}).
     */
    private static void eachString(HomeRulesState s, java.util.function.Consumer<String> use) {
        if (s.learnedFor != null) {
            use.accept(s.learnedFor);
        }
        if (s.safety.lastInsideRoom != null) {
            use.accept(s.safety.lastInsideRoom);
        }
        for (String id : s.safety.sensors.keySet()) {
            use.accept(id);
        }
        for (String id : s.safety.offline.keySet()) {
            use.accept(id);
        }
        for (String id : s.safety.lowBattery.keySet()) {
            use.accept(id);
        }
        for (String id : s.safety.unavailable) {
            use.accept(id);
        }
        for (ResidentOk ok : s.learned.watch.residentOks) {
            use.accept(ok.rule().name());
        }
    }

    private static void safety(Writer w, SafetyState s) throws IOException {
        w.out.writeByte(bits(s.heartbeats, s.hubOffline, s.stillnessRaised, s.helpRaised));
        w.instant(s.lastMessage);
        w.instant(s.resumedAt);
        w.instant(s.lastInside);
        w.string(s.lastInsideRoom);
        w.instant(s.lastDoor);
        w.instant(s.lastMotion);
        w.instant(s.lastPress);
        if (w.version >= 7) {
            Varints.writeUnsigned(w.out, s.lived);
        }
        Varints.writeUnsigned(w.out, s.sensors.size());
        int numbers = trackNumbers(w.version);
        if (w.version >= 12) {
            trackIds(w, s.sensors.keySet());
        } else if (w.version >= 6) {
            Varints.writeUnsigned(w.out, numbers);
        }
        byte[] checksIn = new byte[(s.sensors.size() + 7) / 8];
        int i = 0;
        for (Map.Entry<String, SafetyState.SensorTrack> e : s.sensors.entrySet()) {
            SafetyState.SensorTrack t = e.getValue();
            if (w.version < 12) {
                w.string(e.getKey());
            }
            w.instant(t.lastSeen);
            long[] v = trackNumbers(s, t);
            if (w.version >= 12) {
                writeSettledNumbers(w.out, v);
            } else if (w.version >= 9) {
                writeUnsignedNumbers(w.out, v);
            } else {
                for (int k = 0; k < numbers; k++) {
                    Varints.writeSigned(w.out, v[k]);
                }
            }
            if (t.checksIn) {
                checksIn[i / 8] |= (byte) (1 << (i % 8));
            }
            i++;
        }
        w.out.write(checksIn);
        if (w.version >= 7) { // a motion sensor's two decayed counts, after all the tracks (others have none)
            for (SafetyState.SensorTrack t : s.sensors.values()) {
                if (t.motion) {
                    Varints.writeUnsigned(w.out, t.recent);
                    Varints.writeUnsigned(w.out, t.usual);
                }
            }
        }
        Varints.writeUnsigned(w.out, s.offline.size());
        for (Map.Entry<String, Instant> e : s.offline.entrySet()) {
            w.string(e.getKey());
            w.instant(e.getValue());
        }
        Varints.writeUnsigned(w.out, s.lowBattery.size());
        for (Map.Entry<String, Integer> e : s.lowBattery.entrySet()) {
            w.string(e.getKey());
            Varints.writeSigned(w.out, e.getValue());
        }
        Varints.writeUnsigned(w.out, s.unavailable.size());
        for (String id : s.unavailable) {
            w.string(id);
        }
    }

    /**
     * Version 9: a track's numbers ({@link #trackNumbers}: gap, reports, flags, lived-at, age, learned gap) with the
     * flags first, then the others unsigned, the age as its distance below {@link #AGE_CAP}; zig-zagged when one is
     * negative (flagged {@link #SIGNED_NUMBERS}).
     */
    private static void writeUnsignedNumbers(DataOutput out, long[] v) throws IOException {
        long[] rest = {v[0], v[1], v[3], AGE_CAP - v[4], v[5]};
        boolean signed = false;
        for (long x : rest) {
            signed |= x < 0;
        }
        if ((v[2] & SIGNED_NUMBERS) != 0 || v[2] < 0) {
            throw new IllegalStateException("a sensor track's flags use the bit of the numbers' sign: " + v[2]);
        }
        Varints.writeUnsigned(out, v[2] | (signed ? SIGNED_NUMBERS : 0));
        for (long x : rest) {
            if (signed) {
                Varints.writeSigned(out, x);
            } else {
                Varints.writeUnsigned(out, x);
            }
        }
    }

    /**
     * Version 12: as {@link #writeUnsignedNumbers}, except that a track whose reports are at {@link
     * SafetyState#REPORTS_KEPT} and whose age is at {@link #AGE_CAP} writes neither, flagged {@link #SETTLED}.
     */
    private static void writeSettledNumbers(DataOutput out, long[] v) throws IOException {
        boolean settled = v[1] == SafetyState.REPORTS_KEPT && v[4] == AGE_CAP;
        long[] rest = settled ? new long[] {v[0], v[3], v[5]} : new long[] {v[0], v[1], v[3], AGE_CAP - v[4], v[5]};
        boolean signed = false;
        for (long x : rest) {
            signed |= x < 0;
        }
        if ((v[2] & (SIGNED_NUMBERS | SETTLED)) != 0 || v[2] < 0) {
            throw new IllegalStateException("a sensor track's flags use the bits of the numbers' layout: " + v[2]);
        }
        Varints.writeUnsigned(out, v[2] | (signed ? SIGNED_NUMBERS : 0) | (settled ? SETTLED : 0));
        for (long x : rest) {
            if (signed) {
                Varints.writeSigned(out, x);
            } else {
                Varints.writeUnsigned(out, x);
            }
        }
    }

    private static long[] readSettledNumbers(DataInput in) throws IOException {
        long flags = Varints.readUnsigned(in);
        boolean signed = (flags & SIGNED_NUMBERS) != 0;
        boolean settled = (flags & SETTLED) != 0;
        long[] rest = new long[settled ? 3 : 5];
        for (int k = 0; k < rest.length; k++) {
            rest[k] = signed ? Varints.readSigned(in) : Varints.readUnsigned(in);
        }
        long own = flags & ~(SIGNED_NUMBERS | SETTLED);
        return settled
                ? new long[] {rest[0], SafetyState.REPORTS_KEPT, own, rest[1], AGE_CAP, rest[2]}
                : new long[] {rest[0], rest[1], own, rest[2], AGE_CAP - rest[3], rest[4]};
    }

    /**
     * Version 12: the tracks' sensor ids, in the tracks' order, as runs of consecutive string indices: the number of runs,
     * then per run its first index as the zig-zagged distance from where the run before ended, and its length less one.
     * The tracks are sorted by id as the kit sorts its sensor ids, so a home whose every sensor has reported is one run
     * (three bytes for any number of tracks); any other set of ids (a sensor that left the kit, one not yet heard) still
     * comes back exactly, in a run or two more.
     */
    private static void trackIds(Writer w, java.util.Collection<String> ids) throws IOException {
        int[] index = new int[ids.size()];
        int n = 0;
        int runs = 0;
        for (String id : ids) {
            index[n] = w.table.applyAsInt(id);
            if (n == 0 || index[n] != index[n - 1] + 1) {
                runs++;
            }
            n++;
        }
        Varints.writeUnsigned(w.out, runs);
        int next = 0;
        for (int i = 0; i < n; ) {
            int j = i + 1;
            while (j < n && index[j] == index[j - 1] + 1) {
                j++;
            }
            Varints.writeSigned(w.out, index[i] - (long) next);
            Varints.writeUnsigned(w.out, j - i - 1L);
            next = index[j - 1] + 1;
            i = j;
        }
    }

    private static List<String> trackIds(Reader r, int tracks) throws IOException {
        int runs = Varints.readInt(r.in);
        if (runs > tracks) {
            throw new IOException(runs + " runs of sensor ids for " + tracks + " sensor tracks");
        }
        List<String> ids = new ArrayList<>(Math.min(tracks, 1024));
        long next = 0;
        for (int k = 0; k < runs; k++) {
            long start = next + Varints.readSigned(r.in);
            long length = Varints.readUnsigned(r.in) + 1;
            if (start < 0 || start > Integer.MAX_VALUE || ids.size() + length > tracks) {
                throw new IOException("a run of sensor ids from string " + start + " of " + length + " past the "
                        + tracks + " sensor tracks");
            }
            for (long i = start; i < start + length; i++) {
                ids.add(r.table.get((int) i));
            }
            next = start + length;
        }
        if (ids.size() != tracks) {
            throw new IOException(ids.size() + " sensor ids for " + tracks + " sensor tracks");
        }
        return ids;
    }

    private static long[] readUnsignedNumbers(DataInput in) throws IOException {
        long flags = Varints.readUnsigned(in);
        boolean signed = (flags & SIGNED_NUMBERS) != 0;
        long[] rest = new long[5];
        for (int k = 0; k < rest.length; k++) {
            rest[k] = signed ? Varints.readSigned(in) : Varints.readUnsigned(in);
        }
        return new long[] {rest[0], rest[1], flags & ~SIGNED_NUMBERS, rest[2], AGE_CAP - rest[3], rest[4]};
    }

    private static void learned(Writer w, LearnedState s) throws IOException {
        boolean apart = s.baselineApart();
        w.out.writeByte(bits(apart, s.notUpRaised, s.noKettleRaised, s.unusualDayRaised));
        if (!apart) {
            Varints.writeOptionalBytes(w.out, s.baselineRaw());
        }
        Varints.writeOptionalBytes(w.out, w.kit == null ? s.daysRaw() : s.daysRaw(w.kit));
        Varints.writeOptionalBytes(w.out, w.kit == null ? s.trackerRaw() : s.trackerRaw(w.kit));
        Varints.writeOptionalBytes(w.out, s.limitsRaw());
        w.instant(s.trackerWatermark);
        w.date(s.upDay);
        w.date(s.kettleDay);
        w.date(s.kitchenDay);
        w.date(s.notUpDecided);
        w.date(s.noKettleDecided);
        w.instant(s.notUpRaisedAt);
        w.instant(s.noKettleRaisedAt);
        w.instant(s.lastMovement);
        w.instant(s.stillnessRaisedSince);
    }

    private static void watch(Writer w, WatchState s) throws IOException {
        w.out.writeByte(bits(s.notHomeRaised, s.nightDoorRaised, s.nightActivityRaised, s.routesRaised,
                s.bathroomTrendRaised, s.kettleTrendRaised, s.sleepTrendRaised, s.bedExitLeftRoom));
        w.instant(s.lastRawSign);
        w.instant(s.stillnessDecided);
        w.instant(s.stillnessRaisedFor);
        w.instant(s.unmonitoredUntil);
        w.instant(s.lastFrontDoorRaw);
        w.instant(s.outSince);
        w.instant(s.notHomeDecided);
        w.instant(s.nightDoorAt);
        w.instant(s.bedExitRaw);
        w.instant(s.bedExitFirstMove);
        if (w.version >= 10) {
            outings(w.out, s);
        } else {
            ints(w.out, s.outingStarts);
            ints(w.out, s.outingMinutes);
        }
        ints(w.out, s.unusualSlots);
        w.date(s.doorNight);
        w.date(s.activityNight);
        Varints.writeSigned(w.out, s.nightDoorOpenings);
        Varints.writeUnsigned(w.out, s.residentOks.size());
        for (ResidentOk ok : s.residentOks) {
            w.string(ok.rule().name());
            w.instant(ok.at());
        }
    }

    /**
     * Version 10: the not-home rule's remembered outings ({@link WatchState#outingStarts}), their count, then one varint
     * each: the zig-zagged length in minutes times four plus the start's {@link TimeBand} (only the band is read): two
     * bytes for an outing of up to 17 hours where versions 5-9 wrote the start minute (two) and the length (one or two).
     * A state whose starts were exact minutes (stored before version 10) comes back with each as its band's first minute.
     */
    private static void outings(DataOutput out, WatchState s) throws IOException {
        int n = s.outingMinutes.size();
        if (s.outingStarts.size() != n) {
            throw new IllegalStateException(s.outingStarts.size() + " outing starts for " + n + " outing lengths");
        }
        Varints.writeUnsigned(out, n);
        for (int i = 0; i < n; i++) {
            Varints.writeUnsigned(out, Varints.zigzag(s.outingMinutes.get(i)) << 2 | TimeBand.ofMinute(s.outingStarts.get(i)).ordinal());
        }
    }

    private static void outings(DataInput in, WatchState s) throws IOException {
        int n = Varints.readInt(in);
        s.outingStarts = new ArrayList<>(n);
        s.outingMinutes = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            long v = Varints.readUnsigned(in);
            s.outingStarts.add(TimeBand.values()[(int) (v & 3)].firstMinute());
            s.outingMinutes.add((int) Varints.unzigzag(v >>> 2));
        }
    }

    // ---- read ------------------------------------------------------------------------------------

    /** Reads what {@link #write} wrote in {@code version} 5 to 7. */
    static HomeRulesState read(DataInput in, int version) throws IOException {
        List<String> table = Varints.readStrings(in);
        return body(new Reader(in, i -> {
            if (i >= table.size()) {
                throw new IOException("string " + i + " is not in the state's table of " + table.size());
            }
            return table.get(i);
        }, version));
    }

    /**
     * Reads what {@link #write(HomeRulesState, DataOutput, KitStrings)} wrote, after its fingerprint (the caller's: it
     * chose {@code kit} by it). The tracker and open days stay as stored, to be decoded against {@code kit}.
     */
    static HomeRulesState read(DataInput in, KitStrings kit, int version) throws IOException {
        StringTable strings = kit.reading(Varints.readStrings(in));
        HomeRulesState s = body(new Reader(in, i -> {
            try {
                return strings.get(i);
            } catch (IllegalArgumentException e) {
                throw new IOException(e.getMessage(), e);
            }
        }, version));
        s.learned.kit = kit;
        return s;
    }

    private static HomeRulesState body(Reader r) throws IOException {
        Instant base = r.instant();
        LocalDate day = r.date();
        r.baseSeconds = base == null ? 0 : base.getEpochSecond();
        r.baseDay = day == null ? 0 : day.toEpochDay();
        HomeRulesState s = new HomeRulesState();
        s.lastCareDay = day;
        s.learnedFor = r.string();
        s.safety = safety(r);
        s.learned = learned(r);
        s.learned.watch = watch(r);
        return s;
    }

    private static SafetyState safety(Reader r) throws IOException {
        SafetyState s = new SafetyState();
        int flags = r.in.readUnsignedByte();
        s.heartbeats = bit(flags, 0);
        s.hubOffline = bit(flags, 1);
        s.stillnessRaised = bit(flags, 2);
        s.helpRaised = bit(flags, 3);
        s.lastMessage = r.instant();
        s.resumedAt = r.instant();
        s.lastInside = r.instant();
        s.lastInsideRoom = r.string();
        s.lastDoor = r.instant();
        s.lastMotion = r.instant();
        s.lastPress = r.instant();
        s.lived = r.version >= 7 ? Varints.readUnsigned(r.in) : 0;
        int sensors = Varints.readInt(r.in);
        // version 5: the gap and the reports; from 12 the count fixed since 9 is not written
        int numbers = r.version >= 12 ? TRACK_NUMBERS : r.version >= 6 ? Varints.readInt(r.in) : 2;
        List<String> ids = r.version >= 12 ? trackIds(r, sensors) : null;
        if (numbers > TRACK_NUMBERS) { // a build writes at most the numbers it knows, and newer versions are refused
            throw new IOException(numbers + " numbers per sensor track: this Hearth knows " + TRACK_NUMBERS);
        }
        List<SafetyState.SensorTrack> tracks = new ArrayList<>(Math.min(sensors, 1024));
        long[] known = new long[TRACK_NUMBERS];
        for (int i = 0; i < sensors; i++) {
            String id = ids != null ? ids.get(i) : r.string();
            SafetyState.SensorTrack t = new SafetyState.SensorTrack();
            t.lastSeen = r.instant();
            java.util.Arrays.fill(known, 0);
            if (r.version >= 12) {
                System.arraycopy(readSettledNumbers(r.in), 0, known, 0, TRACK_NUMBERS);
            } else if (r.version >= 9) {
                if (numbers != TRACK_NUMBERS) {
                    throw new IOException(numbers + " numbers per sensor track in version " + r.version + ": it writes "
                            + TRACK_NUMBERS);
                }
                System.arraycopy(readUnsignedNumbers(r.in), 0, known, 0, TRACK_NUMBERS);
            } else {
                for (int k = 0; k < numbers; k++) {
                    known[k] = Varints.readSigned(r.in);
                }
            }
            trackNumbers(s, t, known);
            if (s.sensors.put(id, t) != null) {
                throw new IOException("two sensor tracks for one sensor id");
            }
            tracks.add(t);
        }
        byte[] checksIn = new byte[(sensors + 7) / 8];
        r.in.readFully(checksIn);
        for (int i = 0; i < sensors; i++) {
            tracks.get(i).checksIn = (checksIn[i / 8] & (1 << (i % 8))) != 0;
        }
        if (r.version >= 7) {
            for (SafetyState.SensorTrack t : tracks) {
                if (t.motion) {
                    t.recent = (int) Varints.readUnsigned(r.in);
                    t.usual = (int) Varints.readUnsigned(r.in);
                }
            }
        }
        for (int i = Varints.readInt(r.in); i > 0; i--) {
            String id = r.string();
            s.offline.put(id, r.instant());
        }
        for (int i = Varints.readInt(r.in); i > 0; i--) {
            String id = r.string();
            s.lowBattery.put(id, (int) Varints.readSigned(r.in));
        }
        for (int i = Varints.readInt(r.in); i > 0; i--) {
            s.unavailable.add(r.string());
        }
        return s;
    }

    private static LearnedState learned(Reader r) throws IOException {
        LearnedState s = new LearnedState();
        int flags = r.in.readUnsignedByte();
        boolean apart = bit(flags, 0);
        s.notUpRaised = bit(flags, 1);
        s.noKettleRaised = bit(flags, 2);
        s.unusualDayRaised = bit(flags, 3);
        byte[] baseline = apart ? null : Varints.readOptionalBytes(r.in);
        byte[] days = Varints.readOptionalBytes(r.in);
        byte[] tracker = Varints.readOptionalBytes(r.in);
        byte[] limits = Varints.readOptionalBytes(r.in);
        s.restoreRaw(baseline, days, tracker, limits);
        if (apart) {
            s.baselineKeptApart();
        }
        s.trackerWatermark = r.instant();
        s.upDay = r.date();
        s.kettleDay = r.date();
        s.kitchenDay = r.date();
        s.notUpDecided = r.date();
        s.noKettleDecided = r.date();
        s.notUpRaisedAt = r.instant();
        s.noKettleRaisedAt = r.instant();
        s.lastMovement = r.instant();
        s.stillnessRaisedSince = r.instant();
        return s;
    }

    private static WatchState watch(Reader r) throws IOException {
        WatchState s = new WatchState();
        int flags = r.in.readUnsignedByte();
        s.notHomeRaised = bit(flags, 0);
        s.nightDoorRaised = bit(flags, 1);
        s.nightActivityRaised = bit(flags, 2);
        s.routesRaised = bit(flags, 3);
        s.bathroomTrendRaised = bit(flags, 4);
        s.kettleTrendRaised = bit(flags, 5);
        s.sleepTrendRaised = bit(flags, 6);
        s.bedExitLeftRoom = bit(flags, 7);
        s.lastRawSign = r.instant();
        s.stillnessDecided = r.instant();
        s.stillnessRaisedFor = r.instant();
        s.unmonitoredUntil = r.instant();
        s.lastFrontDoorRaw = r.instant();
        s.outSince = r.instant();
        s.notHomeDecided = r.instant();
        s.nightDoorAt = r.instant();
        s.bedExitRaw = r.instant();
        s.bedExitFirstMove = r.instant();
        if (r.version >= 10) {
            outings(r.in, s);
        } else {
            s.outingStarts = ints(r.in);
            s.outingMinutes = ints(r.in);
        }
        s.unusualSlots = new TreeSet<>(ints(r.in));
        s.doorNight = r.date();
        s.activityNight = r.date();
        s.nightDoorOpenings = (int) Varints.readSigned(r.in);
        for (int i = Varints.readInt(r.in); i > 0; i--) {
            Rule rule = Rule.valueOf(r.string());
            s.residentOks.add(new ResidentOk(rule, r.instant()));
        }
        return s;
    }

    // ---- primitives ------------------------------------------------------------------------------

    /**
     * Instants relative to {@link #baseSeconds}: one varint of the zig-zagged difference in seconds, two bits for
     * the fraction that follows (none, milliseconds, nanoseconds) and one added so that 0 is null. Dates relative to
     * {@link #baseDay}, zig-zagged, plus one.
     */
    private static final class Writer {
        final DataOutput out;
        final java.util.function.ToIntFunction<String> table;
        final int version;
        /** The kit the blobs are written against (version 8), or null: their own tables. */
        final KitStrings kit;
        long baseSeconds;
        long baseDay;

        Writer(DataOutput out, java.util.function.ToIntFunction<String> table, int version, KitStrings kit) {
            this.out = out;
            this.table = table;
            this.version = version;
            this.kit = kit;
        }

        /** From version 11 every instant of the value through these, the base first. */
        final RelativeInstants instants = new RelativeInstants();

        void instant(Instant t) throws IOException {
            if (version >= 11) {
                instants.write(out, t);
            } else if (version >= 6) {
                Varints.writeInstantScaled(out, t, baseSeconds);
            } else {
                Varints.writeInstant(out, t, baseSeconds);
            }
        }

        void date(LocalDate d) throws IOException {
            Varints.writeDate(out, d, baseDay);
        }

        void string(String s) throws IOException {
            Varints.writeUnsigned(out, s == null ? 0 : table.applyAsInt(s) + 1L);
        }
    }

    /** A string of the value's table by its index. */
    private interface Strings {
        String get(int i) throws IOException;
    }

    private static final class Reader {
        final DataInput in;
        final Strings table;
        final int version;
        long baseSeconds;
        long baseDay;

        Reader(DataInput in, Strings table, int version) {
            this.in = in;
            this.table = table;
            this.version = version;
        }

        final RelativeInstants instants = new RelativeInstants();

        Instant instant() throws IOException {
            if (version >= 11) {
                return instants.read(in);
            }
            return version >= 6 ? Varints.readInstantScaled(in, baseSeconds) : Varints.readInstant(in, baseSeconds);
        }

        LocalDate date() throws IOException {
            return Varints.readDate(in, baseDay);
        }

        String string() throws IOException {
            int i = Varints.readInt(in);
            return i == 0 ? null : table.get(i - 1);
        }
    }

    private static int bits(boolean... flags) {
        int b = 0;
        for (int i = 0; i < flags.length; i++) {
            if (flags[i]) {
                b |= 1 << i;
            }
        }
        return b;
    }

    private static boolean bit(int flags, int i) {
        return (flags & (1 << i)) != 0;
    }


    private static void ints(DataOutput out, java.util.Collection<Integer> values) throws IOException {
        Varints.writeUnsigned(out, values.size());
        for (int v : values) {
            Varints.writeSigned(out, v);
        }
    }

    private static ArrayList<Integer> ints(DataInput in) throws IOException {
        int n = Varints.readInt(in);
        ArrayList<Integer> values = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            values.add((int) Varints.readSigned(in));
        }
        return values;
    }
}
