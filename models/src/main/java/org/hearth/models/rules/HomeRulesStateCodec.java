package org.hearth.models.rules;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.hearth.models.alert.Rule;
import org.hearth.models.encoding.Bytes;
import org.hearth.models.encoding.KitStrings;
import org.hearth.models.encoding.Varints;
import org.hearth.models.state.StateCodec;

/**
 * The binary form of a home's whole rule state ({@link HomeRulesState}), which the streaming job
 * reads and writes on every event and timer (RocksDB): no JSON, no Base64, no field names. Instants
 * and dates are varints (from version 5 relative to the last message and care day, {@link CompactRulesState}),
 * the learned blobs raw
 * ({@link org.hearth.models.state.StateCodec}, {@link DayLimits}).
 *
 * <p>The baseline, the bulk of it and changed only at day close, is normally kept apart (the job's
 * own keyed value, {@link LearnedState.BaselineStore}): then only a flag says so, and this is the
 * hot state alone.
 *
 * <p>Versioned: {@link #VERSION} is written first; {@link #read} keeps a branch for every version it
 * ever wrote. Unlike the JSON form it cannot skip fields it does not know, so <b>a field added to
 * {@link HomeRulesState}, {@link SafetyState}, {@link LearnedState} or {@link WatchState} must be
 * added here, under a new version</b>; {@code HomeRulesStateCodecTest} fails until it is (it lists
 * every public field it expects).
 */
public final class HomeRulesStateCodec {

    /**
     * The format this build writes. 2: the stillness rule's last bed exit ({@link WatchState#bedExitRaw}
     * and after). 3: the baseline may be kept apart ({@link LearnedState#baselineApart()}): a flag, and
     * the baseline inline only when it is not (a state not yet split, which versions 1 and 2 always were).
     * 4: instants and dates in one varint each (a fraction only when there is one, in milliseconds when whole).
     * 5: the same fields written for size ({@link CompactRulesState}): strings once in a table, instants and dates
     * relative to the last message and the last care day, booleans as bits.
     * 6: instants in their own unit (a sensor's millisecond time one varint), the sensor tracks' numbers as a list
     * whose length is written once ({@link CompactRulesState#TRACK_NUMBERS}: a number added later is one varint per track).
     * 7: the sensors in lived-in time ({@link QuietSensors}): the home's {@link SafetyState#lived} clock, four more
     * numbers per track and a motion sensor's two counts; older versions read with none, so their sensors learn it
     * again from the restore.
     * 8: the same fields, the strings relative to the home's kit ({@link KitStrings}: its id, the resident's, the sensor
     * ids and the rooms by their index, only other strings written), in the value and in the tracker and open days
     * ({@link StateCodec#KIT_RELATIVE}), behind the kit's fingerprint and the value's length. The Flink serializer does
     * not know the home: {@link #read} keeps such a value as bytes until {@link #resolve} is given the kit.
     * 9: the same fields; a sensor track's numbers written unsigned (its flags first, saying when one is negative and
     * the track's numbers are zig-zagged as before), its age on the lived-in clock as the distance below
     * {@link CompactRulesState#AGE_CAP} (0, one byte, once learned): 2-3 bytes less per track.
     * 10: the same fields; the not-home rule's remembered outings as one varint each, the length in minutes and the
     * start's time band, the only part of the start the rule reads (a start stored as an exact minute before reads as its
     * band's first minute): about two bytes per outing where it took three or four.
     * 11: the same fields; every instant of the value through {@link org.hearth.models.encoding.RelativeInstants}: one
     * equal to an instant written before it as a one-byte reference back, a fraction finer than milliseconds relative to
     * the base's.
     * 12: the same fields; the sensor tracks' ids once as runs of consecutive indices in the kit (one run, three bytes,
     * where each track wrote one), and a track with its reports and its age at their caps as one bit of its flags where
     * both took a byte ({@link CompactRulesState#SETTLED}): about three bytes less per track in a home some weeks old.
     */
    public static final int VERSION = 12;

    /** The first version written against the home's kit ({@link KitStrings}): from it on {@link #read} keeps the bytes. */
    static final int KIT_RELATIVE = 8;

    private HomeRulesStateCodec() {}

    /**
     * Writes {@code s} in version {@link #VERSION}: against the kit {@link #writeKit} chose for it (none chosen: against
     * {@link KitStrings#NONE}, every string in the value, or the kit its stored blobs need); a state not yet
     * {@link #resolve resolved} as the bytes it was read from.
     */
    public static void write(HomeRulesState s, DataOutput out) throws IOException {
        if (s.unresolved != null) { // as it was read, in the version it was read in
            Varints.writeUnsigned(out, s.unresolvedVersion);
            Varints.writeUnsigned(out, s.unresolved.length);
            out.write(s.unresolved);
            return;
        }
        writeAgainstKit(s, out, VERSION);
    }

    /** Versions 8 and later: the body behind its length, written against the kit {@link #writeKit} chose. */
    private static void writeAgainstKit(HomeRulesState s, DataOutput out, int version) throws IOException {
        Varints.writeUnsigned(out, version);
        KitStrings kit = writtenWith(s);
        Bytes.Out body = new Bytes.Out(512);
        CompactRulesState.write(s, body, kit, version);
        Varints.writeUnsigned(out, body.size());
        body.copyTo(out);
    }

    /**
     * Writes {@code s} in an older {@code version} (1 to {@link #VERSION}), as an older Hearth did: the
     * baseline inline before version 3 (loaded from its store when kept apart), no bed exit before 2.
     * For the tests that restore old state, and for tools that must hand state to an older release.
     */
    public static void write(HomeRulesState s, DataOutput out, int version) throws IOException {
        if (version < 1 || version > VERSION) {
            throw new IllegalArgumentException("no rule state version " + version);
        }
        if (version == VERSION) {
            write(s, out);
            return;
        }
        if (version >= KIT_RELATIVE) {
            if (s.unresolved != null) {
                throw new IllegalStateException("a rule state not yet resolved is written as it was read");
            }
            writeAgainstKit(s, out, version);
            return;
        }
        Varints.writeUnsigned(out, version);
        if (version >= 5) {
            CompactRulesState.write(s, out, version);
            return;
        }
        string(out, s.learnedFor);
        date(out, s.lastCareDay, version);
        safety(out, s.safety, version);
        learned(out, s.learned, version);
    }

    public static HomeRulesState read(DataInput in) throws IOException {
        int version = Varints.readInt(in);
        if (version < 1 || version > VERSION) {
            throw new IOException("rule state version " + version + " is newer than this Hearth (" + VERSION + ")");
        }
        if (version >= KIT_RELATIVE) {
            byte[] body = new byte[Varints.readInt(in)];
            in.readFully(body);
            HomeRulesState s = new HomeRulesState();
            s.unresolved = body;
            s.unresolvedVersion = version;
            if (fingerprint(body) == 0) { // written without a kit: readable now
                resolve(s, KitStrings.NONE, () -> null);
            }
            return s;
        }
        if (version >= 5) {
            return CompactRulesState.read(in, version);
        }
        HomeRulesState s = new HomeRulesState();
        s.learnedFor = string(in);
        s.lastCareDay = date(in, version);
        s.safety = safety(in, version);
        s.learned = learned(in, version);
        return s;
    }

    // ---- version 8: relative to the home's kit ------------------------------------------------

    /** Where the kit's strings a value was written against are kept when they are not the current kit's. */
    @FunctionalInterface
    public interface WrittenKit {
        /** The bytes of {@link KitStrings#encode} last stored for the home, or null. */
        byte[] load() throws IOException;
    }

    private static int fingerprint(byte[] body) throws IOException {
        if (body.length < 4) {
            throw new IOException("a rule state of version 8 or later shorter than its kit's fingerprint");
        }
        return ((body[0] & 0xff) << 24) | ((body[1] & 0xff) << 16) | ((body[2] & 0xff) << 8) | (body[3] & 0xff);
    }

    /**
     * Decodes a state {@link #read} kept as bytes, with the home's {@code current} kit when it was written against it,
     * else with the kit's strings it was written against ({@code written}: the home's kit changed since). Nothing to do
     * for a state already decoded. Afterwards the state's memory of the kit strings stored is the one it was read with.
     */
    public static void resolve(HomeRulesState s, KitStrings current, WrittenKit written) throws IOException {
        if (s.unresolved == null) {
            return;
        }
        int fingerprint = fingerprint(s.unresolved);
        KitStrings kit;
        if (fingerprint == current.fingerprint()) {
            kit = current;
        } else if (fingerprint == 0) {
            kit = KitStrings.NONE;
        } else {
            byte[] bytes = written.load();
            kit = bytes == null ? null : KitStrings.decode(bytes);
            if (kit == null || kit.fingerprint() != fingerprint) {
                throw new IOException("the rule state was written against kit strings " + Integer.toHexString(fingerprint)
                        + ", which are neither the home's kit (" + Integer.toHexString(current.fingerprint())
                        + ") nor the strings kept for it (" + (kit == null ? "none" : Integer.toHexString(kit.fingerprint()))
                        + ")");
            }
        }
        Bytes.In in = new Bytes.In(s.unresolved);
        in.readInt();
        HomeRulesState d = CompactRulesState.read(in, kit, s.unresolvedVersion);
        if (in.available() > 0) {
            throw new IOException(in.available() + " trailing bytes in a rule state of version " + s.unresolvedVersion);
        }
        s.safety = d.safety;
        s.learned = d.learned;
        s.learnedFor = d.learnedFor;
        s.lastCareDay = d.lastCareDay;
        s.unresolved = null;
        s.unresolvedVersion = 0;
        s.storedKit = kit.fingerprint();
    }

    /**
     * Chooses the kit {@code s} is written against next and returns it: the home's {@code current} one, unless the
     * tracker or open days are kept as bytes relative to the kit they were read with (not decoded in this access: then
     * that one, until an access decodes them). Whoever stores the value must keep the returned kit's strings
     * ({@link KitStrings#encode}) for a reader with another kit, when {@link #keptKit} is not already its fingerprint.
     */
    public static KitStrings writeKit(HomeRulesState s, KitStrings current) {
        if (s.unresolved != null) {
            throw new IllegalStateException("a rule state not yet resolved is written as it was read");
        }
        s.kit = s.learned.storedKitRelative() ? s.learned.kit : current;
        return s.kit;
    }

    /** The kit a decoded {@code s} is written against by {@link #write(HomeRulesState, DataOutput)}. */
    private static KitStrings writtenWith(HomeRulesState s) {
        return s.learned.storedKitRelative() ? s.learned.kit : s.kit != null ? s.kit : KitStrings.NONE;
    }

    /**
     * Decodes {@code copy}, just read from the bytes {@code original} was written to (a serializer's copy), with the kit
     * those bytes were written against: the copy is then as the original, without a kit lookup.
     */
    public static void resolveCopy(HomeRulesState copy, HomeRulesState original) throws IOException {
        if (original.unresolved != null) {
            return; // the same bytes, decoded when the original would have been
        }
        KitStrings kit = writtenWith(original);
        resolve(copy, kit, () -> null);
        copy.kit = original.kit;
        copy.storedKit = original.storedKit;
    }

    /** The fingerprint of the kit strings the home's store is known to keep (0: none known). */
    public static int keptKit(HomeRulesState s) {
        return s.storedKit;
    }

    /** The home's store now keeps the strings of {@code kit}. */
    public static void keptKit(HomeRulesState s, KitStrings kit) {
        s.storedKit = kit.fingerprint();
    }

    // ---- safety -------------------------------------------------------------------------------

    private static void safety(DataOutput out, SafetyState s, int version) throws IOException {
        instant(out, s.lastMessage, version);
        out.writeBoolean(s.heartbeats);
        out.writeBoolean(s.hubOffline);
        instant(out, s.resumedAt, version);
        instant(out, s.lastInside, version);
        string(out, s.lastInsideRoom);
        instant(out, s.lastDoor, version);
        instant(out, s.lastMotion, version);
        out.writeBoolean(s.stillnessRaised);
        instant(out, s.lastPress, version);
        out.writeBoolean(s.helpRaised);
        Varints.writeUnsigned(out, s.sensors.size());
        for (Map.Entry<String, SafetyState.SensorTrack> e : s.sensors.entrySet()) {
            out.writeUTF(e.getKey());
            SafetyState.SensorTrack t = e.getValue();
            instant(out, t.lastSeen, version);
            Varints.writeSigned(out, t.longestGapSeconds);
            Varints.writeSigned(out, t.reports);
            out.writeBoolean(t.checksIn);
        }
        Varints.writeUnsigned(out, s.offline.size());
        for (Map.Entry<String, Instant> e : s.offline.entrySet()) {
            out.writeUTF(e.getKey());
            instant(out, e.getValue(), version);
        }
        Varints.writeUnsigned(out, s.lowBattery.size());
        for (Map.Entry<String, Integer> e : s.lowBattery.entrySet()) {
            out.writeUTF(e.getKey());
            Varints.writeSigned(out, e.getValue());
        }
        Varints.writeUnsigned(out, s.unavailable.size());
        for (String id : s.unavailable) {
            out.writeUTF(id);
        }
    }

    private static SafetyState safety(DataInput in, int version) throws IOException {
        SafetyState s = new SafetyState();
        s.lastMessage = instant(in, version);
        s.heartbeats = in.readBoolean();
        s.hubOffline = in.readBoolean();
        s.resumedAt = instant(in, version);
        s.lastInside = instant(in, version);
        s.lastInsideRoom = string(in);
        s.lastDoor = instant(in, version);
        s.lastMotion = instant(in, version);
        s.stillnessRaised = in.readBoolean();
        s.lastPress = instant(in, version);
        s.helpRaised = in.readBoolean();
        for (int i = Varints.readInt(in); i > 0; i--) {
            String id = in.readUTF();
            SafetyState.SensorTrack t = new SafetyState.SensorTrack();
            t.lastSeen = instant(in, version);
            t.longestGapSeconds = Varints.readSigned(in);
            t.reports = Varints.readSigned(in);
            t.checksIn = in.readBoolean();
            s.sensors.put(id, t);
        }
        for (int i = Varints.readInt(in); i > 0; i--) {
            String id = in.readUTF();
            s.offline.put(id, instant(in, version));
        }
        for (int i = Varints.readInt(in); i > 0; i--) {
            String id = in.readUTF();
            s.lowBattery.put(id, (int) Varints.readSigned(in));
        }
        for (int i = Varints.readInt(in); i > 0; i--) {
            s.unavailable.add(in.readUTF());
        }
        return s;
    }

    // ---- learned ------------------------------------------------------------------------------

    private static void learned(DataOutput out, LearnedState s, int version) throws IOException {
        boolean apart = version >= 3 && s.baselineApart();
        if (version >= 3) {
            out.writeBoolean(apart);
        }
        if (!apart) {
            Varints.writeOptionalBytes(out, s.baselineRaw());
        }
        Varints.writeOptionalBytes(out, s.daysRaw());
        Varints.writeOptionalBytes(out, s.trackerRaw());
        Varints.writeOptionalBytes(out, s.limitsRaw());
        instant(out, s.trackerWatermark, version);
        date(out, s.upDay, version);
        date(out, s.kettleDay, version);
        date(out, s.kitchenDay, version);
        date(out, s.notUpDecided, version);
        date(out, s.noKettleDecided, version);
        out.writeBoolean(s.notUpRaised);
        out.writeBoolean(s.noKettleRaised);
        instant(out, s.notUpRaisedAt, version);
        instant(out, s.noKettleRaisedAt, version);
        out.writeBoolean(s.unusualDayRaised);
        instant(out, s.lastMovement, version);
        instant(out, s.stillnessRaisedSince, version);
        watch(out, s.watch, version);
    }

    private static LearnedState learned(DataInput in, int version) throws IOException {
        LearnedState s = new LearnedState();
        boolean apart = version >= 3 && in.readBoolean();
        byte[] baseline = apart ? null : Varints.readOptionalBytes(in);
        byte[] days = Varints.readOptionalBytes(in);
        byte[] tracker = Varints.readOptionalBytes(in);
        byte[] limits = Varints.readOptionalBytes(in);
        s.restoreRaw(baseline, days, tracker, limits);
        if (apart) {
            s.baselineKeptApart();
        }
        s.trackerWatermark = instant(in, version);
        s.upDay = date(in, version);
        s.kettleDay = date(in, version);
        s.kitchenDay = date(in, version);
        s.notUpDecided = date(in, version);
        s.noKettleDecided = date(in, version);
        s.notUpRaised = in.readBoolean();
        s.noKettleRaised = in.readBoolean();
        s.notUpRaisedAt = instant(in, version);
        s.noKettleRaisedAt = instant(in, version);
        s.unusualDayRaised = in.readBoolean();
        s.lastMovement = instant(in, version);
        s.stillnessRaisedSince = instant(in, version);
        s.watch = watch(in, version);
        return s;
    }

    private static void watch(DataOutput out, WatchState s, int version) throws IOException {
        instant(out, s.lastRawSign, version);
        instant(out, s.stillnessDecided, version);
        instant(out, s.stillnessRaisedFor, version);
        instant(out, s.unmonitoredUntil, version);
        instant(out, s.lastFrontDoorRaw, version);
        instant(out, s.outSince, version);
        ints(out, s.outingStarts);
        ints(out, s.outingMinutes);
        instant(out, s.notHomeDecided, version);
        out.writeBoolean(s.notHomeRaised);
        date(out, s.doorNight, version);
        Varints.writeSigned(out, s.nightDoorOpenings);
        out.writeBoolean(s.nightDoorRaised);
        instant(out, s.nightDoorAt, version);
        date(out, s.activityNight, version);
        ints(out, List.copyOf(s.unusualSlots));
        out.writeBoolean(s.nightActivityRaised);
        Varints.writeUnsigned(out, s.residentOks.size());
        for (ResidentOk ok : s.residentOks) {
            out.writeUTF(ok.rule().name());
            instant(out, ok.at(), version);
        }
        out.writeBoolean(s.routesRaised);
        out.writeBoolean(s.bathroomTrendRaised);
        out.writeBoolean(s.kettleTrendRaised);
        out.writeBoolean(s.sleepTrendRaised);
        if (version >= 2) {
            instant(out, s.bedExitRaw, version);
            instant(out, s.bedExitFirstMove, version);
            out.writeBoolean(s.bedExitLeftRoom);
        }
    }

    private static WatchState watch(DataInput in, int version) throws IOException {
        WatchState s = new WatchState();
        s.lastRawSign = instant(in, version);
        s.stillnessDecided = instant(in, version);
        s.stillnessRaisedFor = instant(in, version);
        s.unmonitoredUntil = instant(in, version);
        s.lastFrontDoorRaw = instant(in, version);
        s.outSince = instant(in, version);
        s.outingStarts = ints(in);
        s.outingMinutes = ints(in);
        s.notHomeDecided = instant(in, version);
        s.notHomeRaised = in.readBoolean();
        s.doorNight = date(in, version);
        s.nightDoorOpenings = (int) Varints.readSigned(in);
        s.nightDoorRaised = in.readBoolean();
        s.nightDoorAt = instant(in, version);
        s.activityNight = date(in, version);
        s.unusualSlots = new java.util.TreeSet<>(ints(in));
        s.nightActivityRaised = in.readBoolean();
        for (int i = Varints.readInt(in); i > 0; i--) {
            Rule rule = Rule.valueOf(in.readUTF());
            s.residentOks.add(new ResidentOk(rule, instant(in, version)));
        }
        s.routesRaised = in.readBoolean();
        s.bathroomTrendRaised = in.readBoolean();
        s.kettleTrendRaised = in.readBoolean();
        s.sleepTrendRaised = in.readBoolean();
        if (version >= 2) {
            s.bedExitRaw = instant(in, version);
            s.bedExitFirstMove = instant(in, version);
            s.bedExitLeftRoom = in.readBoolean();
        }
        return s;
    }

    // ---- primitives -----------------------------------------------------------------------------

    /**
     * An instant. Version 4: one varint of the zig-zagged epoch second, two bits saying whether a fraction
     * follows (none, milliseconds, nanoseconds: sensors report milliseconds) and one added so that 0 is null,
     * then the fraction: 5-7 bytes for a sensor's time where versions 1-3 wrote a flag, the seconds and the
     * nanoseconds (7-11).
     */
    private static void instant(DataOutput out, Instant t, int version) throws IOException {
        if (version < 4) {
            out.writeBoolean(t != null);
            if (t != null) {
                Varints.writeSigned(out, t.getEpochSecond());
                Varints.writeUnsigned(out, t.getNano());
            }
            return;
        }
        Varints.writeInstant(out, t, 0);
    }

    private static Instant instant(DataInput in, int version) throws IOException {
        if (version < 4) {
            if (!in.readBoolean()) {
                return null;
            }
            long seconds = Varints.readSigned(in);
            return Instant.ofEpochSecond(seconds, Varints.readUnsigned(in));
        }
        return Varints.readInstant(in, 0);
    }

    /** A date: a flag and the epoch day before version 4; from 4 one varint, the zig-zagged epoch day plus one (0: null). */
    private static void date(DataOutput out, LocalDate d, int version) throws IOException {
        if (version < 4) {
            out.writeBoolean(d != null);
            if (d != null) {
                Varints.writeSigned(out, d.toEpochDay());
            }
            return;
        }
        Varints.writeDate(out, d, 0);
    }

    private static LocalDate date(DataInput in, int version) throws IOException {
        if (version < 4) {
            return in.readBoolean() ? LocalDate.ofEpochDay(Varints.readSigned(in)) : null;
        }
        return Varints.readDate(in, 0);
    }

    private static void string(DataOutput out, String s) throws IOException {
        out.writeBoolean(s != null);
        if (s != null) {
            out.writeUTF(s);
        }
    }

    private static String string(DataInput in) throws IOException {
        return in.readBoolean() ? in.readUTF() : null;
    }


    private static void ints(DataOutput out, List<Integer> values) throws IOException {
        Varints.writeUnsigned(out, values.size());
        for (int v : values) {
            Varints.writeSigned(out, v);
        }
    }

    private static java.util.ArrayList<Integer> ints(DataInput in) throws IOException {
        int n = Varints.readInt(in);
        java.util.ArrayList<Integer> values = new java.util.ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            values.add((int) Varints.readSigned(in));
        }
        return values;
    }
}
