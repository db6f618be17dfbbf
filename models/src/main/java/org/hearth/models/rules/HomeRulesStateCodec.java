package org.hearth.models.rules;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.hearth.models.alert.Rule;
import org.hearth.models.encoding.Varints;

/**
 * The binary form of a home's whole rule state ({@link HomeRulesState}), which the streaming job
 * reads and writes on every event and timer (RocksDB): no JSON, no Base64, no field names. Instants
 * are epoch seconds and nanoseconds as varints, dates epoch days, the learned blobs raw
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
     */
    public static final int VERSION = 3;

    private HomeRulesStateCodec() {}

    public static void write(HomeRulesState s, DataOutput out) throws IOException {
        write(s, out, VERSION);
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
        Varints.writeUnsigned(out, version);
        string(out, s.learnedFor);
        date(out, s.lastCareDay);
        safety(out, s.safety);
        learned(out, s.learned, version);
    }

    public static HomeRulesState read(DataInput in) throws IOException {
        int version = Varints.readInt(in);
        if (version < 1 || version > VERSION) {
            throw new IOException("rule state version " + version + " is newer than this Hearth (" + VERSION + ")");
        }
        HomeRulesState s = new HomeRulesState();
        s.learnedFor = string(in);
        s.lastCareDay = date(in);
        s.safety = safety(in);
        s.learned = learned(in, version);
        return s;
    }

    // ---- safety -------------------------------------------------------------------------------

    private static void safety(DataOutput out, SafetyState s) throws IOException {
        instant(out, s.lastMessage);
        out.writeBoolean(s.heartbeats);
        out.writeBoolean(s.hubOffline);
        instant(out, s.resumedAt);
        instant(out, s.lastInside);
        string(out, s.lastInsideRoom);
        instant(out, s.lastDoor);
        instant(out, s.lastMotion);
        out.writeBoolean(s.stillnessRaised);
        instant(out, s.lastPress);
        out.writeBoolean(s.helpRaised);
        Varints.writeUnsigned(out, s.sensors.size());
        for (Map.Entry<String, SafetyState.SensorTrack> e : s.sensors.entrySet()) {
            out.writeUTF(e.getKey());
            SafetyState.SensorTrack t = e.getValue();
            instant(out, t.lastSeen);
            Varints.writeSigned(out, t.longestGapSeconds);
            Varints.writeSigned(out, t.reports);
            out.writeBoolean(t.checksIn);
        }
        Varints.writeUnsigned(out, s.offline.size());
        for (Map.Entry<String, Instant> e : s.offline.entrySet()) {
            out.writeUTF(e.getKey());
            instant(out, e.getValue());
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

    private static SafetyState safety(DataInput in) throws IOException {
        SafetyState s = new SafetyState();
        s.lastMessage = instant(in);
        s.heartbeats = in.readBoolean();
        s.hubOffline = in.readBoolean();
        s.resumedAt = instant(in);
        s.lastInside = instant(in);
        s.lastInsideRoom = string(in);
        s.lastDoor = instant(in);
        s.lastMotion = instant(in);
        s.stillnessRaised = in.readBoolean();
        s.lastPress = instant(in);
        s.helpRaised = in.readBoolean();
        for (int i = Varints.readInt(in); i > 0; i--) {
            String id = in.readUTF();
            SafetyState.SensorTrack t = new SafetyState.SensorTrack();
            t.lastSeen = instant(in);
            t.longestGapSeconds = Varints.readSigned(in);
            t.reports = Varints.readSigned(in);
            t.checksIn = in.readBoolean();
            s.sensors.put(id, t);
        }
        for (int i = Varints.readInt(in); i > 0; i--) {
            String id = in.readUTF();
            s.offline.put(id, instant(in));
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
            blob(out, s.baselineRaw());
        }
        blob(out, s.daysRaw());
        blob(out, s.trackerRaw());
        blob(out, s.limitsRaw());
        instant(out, s.trackerWatermark);
        date(out, s.upDay);
        date(out, s.kettleDay);
        date(out, s.kitchenDay);
        date(out, s.notUpDecided);
        date(out, s.noKettleDecided);
        out.writeBoolean(s.notUpRaised);
        out.writeBoolean(s.noKettleRaised);
        instant(out, s.notUpRaisedAt);
        instant(out, s.noKettleRaisedAt);
        out.writeBoolean(s.unusualDayRaised);
        instant(out, s.lastMovement);
        instant(out, s.stillnessRaisedSince);
        watch(out, s.watch, version);
    }

    private static LearnedState learned(DataInput in, int version) throws IOException {
        LearnedState s = new LearnedState();
        boolean apart = version >= 3 && in.readBoolean();
        byte[] baseline = apart ? null : blob(in);
        byte[] days = blob(in);
        byte[] tracker = blob(in);
        byte[] limits = blob(in);
        s.restoreRaw(baseline, days, tracker, limits);
        if (apart) {
            s.baselineKeptApart();
        }
        s.trackerWatermark = instant(in);
        s.upDay = date(in);
        s.kettleDay = date(in);
        s.kitchenDay = date(in);
        s.notUpDecided = date(in);
        s.noKettleDecided = date(in);
        s.notUpRaised = in.readBoolean();
        s.noKettleRaised = in.readBoolean();
        s.notUpRaisedAt = instant(in);
        s.noKettleRaisedAt = instant(in);
        s.unusualDayRaised = in.readBoolean();
        s.lastMovement = instant(in);
        s.stillnessRaisedSince = instant(in);
        s.watch = watch(in, version);
        return s;
    }

    private static void watch(DataOutput out, WatchState s, int version) throws IOException {
        instant(out, s.lastRawSign);
        instant(out, s.stillnessDecided);
        instant(out, s.stillnessRaisedFor);
        instant(out, s.unmonitoredUntil);
        instant(out, s.lastFrontDoorRaw);
        instant(out, s.outSince);
        ints(out, s.outingStarts);
        ints(out, s.outingMinutes);
        instant(out, s.notHomeDecided);
        out.writeBoolean(s.notHomeRaised);
        date(out, s.doorNight);
        Varints.writeSigned(out, s.nightDoorOpenings);
        out.writeBoolean(s.nightDoorRaised);
        instant(out, s.nightDoorAt);
        date(out, s.activityNight);
        ints(out, List.copyOf(s.unusualSlots));
        out.writeBoolean(s.nightActivityRaised);
        Varints.writeUnsigned(out, s.residentOks.size());
        for (ResidentOk ok : s.residentOks) {
            out.writeUTF(ok.rule().name());
            instant(out, ok.at());
        }
        out.writeBoolean(s.routesRaised);
        out.writeBoolean(s.bathroomTrendRaised);
        out.writeBoolean(s.kettleTrendRaised);
        out.writeBoolean(s.sleepTrendRaised);
        if (version >= 2) {
            instant(out, s.bedExitRaw);
            instant(out, s.bedExitFirstMove);
            out.writeBoolean(s.bedExitLeftRoom);
        }
    }

    private static WatchState watch(DataInput in, int version) throws IOException {
        WatchState s = new WatchState();
        s.lastRawSign = instant(in);
        s.stillnessDecided = instant(in);
        s.stillnessRaisedFor = instant(in);
        s.unmonitoredUntil = instant(in);
        s.lastFrontDoorRaw = instant(in);
        s.outSince = instant(in);
        s.outingStarts = ints(in);
        s.outingMinutes = ints(in);
        s.notHomeDecided = instant(in);
        s.notHomeRaised = in.readBoolean();
        s.doorNight = date(in);
        s.nightDoorOpenings = (int) Varints.readSigned(in);
        s.nightDoorRaised = in.readBoolean();
        s.nightDoorAt = instant(in);
        s.activityNight = date(in);
        s.unusualSlots = new java.util.TreeSet<>(ints(in));
        s.nightActivityRaised = in.readBoolean();
        for (int i = Varints.readInt(in); i > 0; i--) {
            Rule rule = Rule.valueOf(in.readUTF());
            s.residentOks.add(new ResidentOk(rule, instant(in)));
        }
        s.routesRaised = in.readBoolean();
        s.bathroomTrendRaised = in.readBoolean();
        s.kettleTrendRaised = in.readBoolean();
        s.sleepTrendRaised = in.readBoolean();
        if (version >= 2) {
            s.bedExitRaw = instant(in);
            s.bedExitFirstMove = instant(in);
            s.bedExitLeftRoom = in.readBoolean();
        }
        return s;
    }

    // ---- primitives -----------------------------------------------------------------------------

    private static void instant(DataOutput out, Instant t) throws IOException {
        out.writeBoolean(t != null);
        if (t != null) {
            Varints.writeSigned(out, t.getEpochSecond());
            Varints.writeUnsigned(out, t.getNano());
        }
    }

    private static Instant instant(DataInput in) throws IOException {
        if (!in.readBoolean()) {
            return null;
        }
        long seconds = Varints.readSigned(in);
        return Instant.ofEpochSecond(seconds, Varints.readUnsigned(in));
    }

    private static void date(DataOutput out, LocalDate d) throws IOException {
        out.writeBoolean(d != null);
        if (d != null) {
            Varints.writeSigned(out, d.toEpochDay());
        }
    }

    private static LocalDate date(DataInput in) throws IOException {
        return in.readBoolean() ? LocalDate.ofEpochDay(Varints.readSigned(in)) : null;
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

    private static void blob(DataOutput out, byte[] b) throws IOException {
        if (b == null) {
            Varints.writeUnsigned(out, 0);
            return;
        }
        Varints.writeUnsigned(out, b.length + 1L);
        out.write(b);
    }

    private static byte[] blob(DataInput in) throws IOException {
        int n = Varints.readInt(in);
        if (n == 0) {
            return null;
        }
        byte[] b = new byte[n - 1];
        in.readFully(b);
        return b;
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
