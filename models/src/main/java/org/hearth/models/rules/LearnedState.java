package org.hearth.models.rules;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import org.hearth.models.activity.ActivityTracker;
import org.hearth.models.baseline.Baseline;
import org.hearth.models.day.DayTracker;
import org.hearth.models.state.StateCodec;

/**
 * What the learned rules keep per home: the baseline, the open days and the {@link ActivityTracker}
 * (stored as the compact {@link StateCodec} bytes, Base64 in JSON; a few KiB in all), and each
 * rule's memory.
 *
 * <p>While the state object stays in memory (heap backend, a backtest loop) the live objects are
 * used directly and only encoded when the state is serialized; after deserialization (a restore,
 * or every access on RocksDB) {@link LearnedRules} rebuilds them from the stored form.
 */
public final class LearnedState {

    /** Encoded baseline, open days and tracker ({@link StateCodec}), as read (live objects absent until used). */
    private byte[] baselineBytes;
    private byte[] daysBytes;
    private byte[] trackerBytes;

    /** The tracker's watermark when the state was last used (the learned deadlines are computed from it). */
    public Instant trackerWatermark;

    /** The latest care day on which the resident was seen up, and when. */
    public LocalDate upDay;
    /** The latest care day with a kettle boil after rising. */
    public LocalDate kettleDay;
    /**
     * The latest care day on which the person used the kitchen in the morning (moved there, opened
     * the fridge or a cupboard, switched on an appliance other than the kettle).
     */
    public LocalDate kitchenDay;
    /** Care days for which not-up / no-kettle have been decided (raised or found fine). */
    public LocalDate notUpDecided;
    public LocalDate noKettleDecided;
    public boolean notUpRaised;
    public boolean noKettleRaised;
    /** When the open not-up / no-kettle was raised (its all-clear names the day when it comes on another). */
    public Instant notUpRaisedAt;
    public Instant noKettleRaisedAt;
    public boolean unusualDayRaised;
    /** The last inside motion (for "no movement since"). */
    public Instant lastMovement;
    /** Learned stillness: raised for the stillness episode that began at this instant. */
    public Instant stillnessRaisedSince;

    /** The memory of the stillness, night and day-close rules ({@link WatchRules}). */
    public WatchState watch = new WatchState();

    @JsonIgnore
    transient Live live;

    /** The hot limits as stored ({@link DayLimits#write}); null on state written before them. */
    private byte[] limitsBytes;
    /** The decoded (or computed) limits and the stored form they came from or were last encoded to. */
    @JsonIgnore
    private transient DayLimits limits;
    @JsonIgnore
    private transient byte[] limitsEncoded;

    /**
     * The hot limits, decoded from the stored form on first use; null when there are none yet. {@code kitRooms}: the
     * rooms of the home's kit, sorted, which name the stillness limits ({@link DayLimits#read(byte[], java.util.List)}).
     */
    DayLimits limits(java.util.List<String> kitRooms) {
        if (limits == null && limitsBytes != null) {
            limits = DayLimits.read(limitsBytes, kitRooms);
            limitsEncoded = limitsBytes;
        }
        return limits;
    }

    /** New limits, computed from the baseline (encoded on the next write). */
    void limits(DayLimits l) {
        limits = l;
        limitsEncoded = null;
    }

    /**
     * The live objects; null on a freshly deserialized state. The tracker and open days are decoded
     * on every access (every event uses them); the baseline only when asked for ({@link LearnedRules}).
     */
    static final class Live {
        final ActivityTracker tracker;
        final DayTracker days;
        /** Null until this access needs it (day close, limits recomputed, status). */
        Baseline baseline;

        /**
         * The baseline's stored form as last decoded or encoded, valid while the baseline's version
         * is {@code baselineEncodedAt}. The 28-day baseline changes only at day close, yet was
         * re-encoded on every state write (about half the per-event state cost on RocksDB).
         */
        private byte[] baselineEncoded;
        private long baselineEncodedAt;

        /**
         * The open days' stored form as decoded, the kit it refers to (null: its own table) and the days' {@link
         * DayTracker#changes} then: most events leave the days as they were (72.5 % on the real home, RealHomeSectionChanges), and their bytes
         * are then written again as they were read instead of encoded anew.
         */
        private byte[] daysEncoded;
        private org.hearth.models.encoding.KitStrings daysEncodedKit;
        private long daysEncodedAt;

        Live(ActivityTracker tracker, DayTracker days) {
            this.tracker = tracker;
            this.days = days;
        }

        /** Remembers the bytes the open days were just decoded from, against {@code kit} (null: their own table). */
        void decodedDays(byte[] encoded, org.hearth.models.encoding.KitStrings kit) {
            daysEncoded = encoded;
            daysEncodedKit = kit;
            daysEncodedAt = days.changes();
        }

        /**
         * The open days' bytes against {@code writeKit} (null: their own table): as decoded when the days did not change
         * since and those bytes are what encoding them anew gives (this build's kit-relative format against the same
         * kit), else encoded anew. Never a blob with its own table: {@link StateCodec#withOwnTable} writes such a table
         * with every string of the kit, where an encoding writes only those the days use.
         */
        byte[] daysBytes(org.hearth.models.encoding.KitStrings writeKit) {
            if (writeKit != null && daysEncoded != null && daysEncodedAt == days.changes()
                    && StateCodec.isCurrentFormat(daysEncoded, true)
                    && daysEncodedKit != null && daysEncodedKit.fingerprint() == writeKit.fingerprint()) {
                return daysEncoded;
            }
            return StateCodec.writeDays(days, writeKit);
        }

        /** Remembers the bytes the baseline was just decoded from (they re-encode identically). */
        void decodedBaseline(byte[] encoded) {
            baselineEncoded = encoded;
            baselineEncodedAt = baseline.version();
        }

        /** Whether the stored form remembered is the baseline's current one (it did not change since). */
        boolean baselineEncodedCurrent() {
            return baselineEncoded != null && baselineEncodedAt == baseline.version();
        }

        byte[] baselineBytes() {
            if (!baselineEncodedCurrent()) {
                baselineEncoded = StateCodec.writeBaseline(baseline);
                baselineEncodedAt = baseline.version();
            }
            return baselineEncoded;
        }
    }

    // ---- the stored forms: raw for the binary state serializer, Base64 in JSON -----------------

    /** The baseline's stored bytes (the unchanged stored form when this access has not changed it), or null. */
    public byte[] baselineRaw() {
        return live != null && live.baseline != null ? live.baselineBytes() : storedBaseline();
    }

    // ---- the baseline kept apart (the job's own keyed value, read only when needed) ------------

    /**
     * Where the baseline is kept when it is not in this object: the streaming job keeps it in a keyed
     * value of its own, so that the per-event value holds only the hot state.
     */
    @FunctionalInterface
    public interface BaselineStore {
        /** The baseline's stored bytes ({@link StateCodec}), or null when there is none. */
        byte[] load();
    }

    /**
     * Whether the baseline is kept apart ({@link BaselineStore}) rather than in this object. False for
     * a new state, for one read from a single-value form (the formats written before the split, JSON)
     * and for one whose baseline has not been moved out yet: those keep it inline until
     * {@link #baselineSaved} is called.
     */
    @JsonIgnore
    private transient boolean baselineApart;
    @JsonIgnore
    private transient BaselineStore baselineStore;

    /** Whether the baseline is kept apart: the binary form then leaves it out. */
    public boolean baselineApart() {
        return baselineApart;
    }

    /** Marks the baseline as kept apart (a hot value read back): {@link #useBaselineStore} must name where. */
    public void baselineKeptApart() {
        baselineApart = true;
        baselineBytes = null;
    }

    /**
     * Where to load the baseline from when this access needs it (set on every access: the store is
     * the job's keyed state for the current key). Ignored while the baseline is inline.
     */
    public void useBaselineStore(BaselineStore store) {
        this.baselineStore = store;
    }

    /**
     * Whether the baseline must be written to its store: it is not there yet (a new state, or one read
     * from a single-value form) or this access changed it (day close, a new resident). The bytes to
     * write are {@link #baselineRaw()} (null: none, clear the store); then call {@link #baselineSaved}.
     */
    public boolean baselineUnsaved() {
        if (!baselineApart) {
            return true;
        }
        return live != null && live.baseline != null && !live.baselineEncodedCurrent();
    }

    /** The baseline was written to its store: from now on it is kept apart, not in this object. */
    public void baselineSaved() {
        if (live != null && live.baseline != null) {
            live.baselineBytes(); // remembered as encoded: unchanged until its version moves
        }
        baselineApart = true;
        baselineBytes = null;
    }

    // ---- the open days' parts kept apart (the job's keyed list, read only when a day closes) ----------

    /**
     * Past this many entries ({@link DayTracker#entries}) the open days' accumulators leave the hot value for
     * {@link DayPartsStore} ({@link #spillDays}): issue 18's hot value holds what every event needs, and what a day
     * gathers for learning is needed only when it closes. Measured (BENCHMARKS.md, §Hot value 626 -> 495 B):
     * a part leaves once every ~60 events on the real home and ~200 on ScaleBench's templates; 4 would save the real
     * home 7 B more for twice the parts, 16 cost it 13 B for a third of them.
     */
    public static final int SPILL_ENTRIES = 8;

    /** Where the open days' parts moved out of the hot value are kept ({@link #spillDays}). */
    @FunctionalInterface
    public interface DayPartsStore {
        /** The parts added since the last fold, oldest first ({@link StateCodec#writeDays} blobs); empty when none. */
        java.util.List<byte[]> load();
    }

    @JsonIgnore
    private transient DayPartsStore dayParts;
    /** This access folded the stored parts back: the store must forget them. */
    @JsonIgnore
    private transient boolean dayPartsFolded;

    /** Where to load the open days' parts from when a day closes (set on every access, as the baseline's store). */
    public void useDayPartsStore(DayPartsStore store) {
        this.dayParts = store;
    }

    /**
     * When the open days gathered more than {@code maxEntries}, moves their accumulators out and returns them, to be
     * added to the {@link DayPartsStore} (self-contained: the part does not depend on the kit); else null. Only a state
     * with a store may spill: its days fold the parts back before they close.
     */
    public byte[] spillDays(int maxEntries) {
        if (live == null || live.days.entries() <= maxEntries) {
            return null;
        }
        if (dayParts == null) {
            throw new IllegalStateException("the open days are moved out only where a store keeps them");
        }
        return StateCodec.writeDays(live.days.spill());
    }

    /** Folds the stored parts back into the open days (a day is about to close); nothing when there is no store. */
    void foldDayParts() {
        if (dayParts == null || live == null || dayPartsFolded) {
            return; // folded already in this access: the store keeps the parts until the state is written
        }
        java.util.List<byte[]> stored = dayParts.load();
        if (stored.isEmpty()) {
            return;
        }
        java.util.List<DayTracker> parts = new java.util.ArrayList<>(stored.size());
        for (byte[] b : stored) {
            parts.add(StateCodec.readDays(b, live.days.zone(), live.days.config()));
        }
        live.days.absorb(parts);
        dayPartsFolded = true;
    }

    /** Whether this access folded the stored parts back (then the store forgets them: {@link #dayPartsForgotten}). */
    public boolean dayPartsFolded() {
        return dayPartsFolded;
    }

    /** The store forgot the parts folded back. */
    public void dayPartsForgotten() {
        dayPartsFolded = false;
    }

    /**
     * The kit's strings that the stored tracker and open days refer to when they are {@link StateCodec#KIT_RELATIVE}
     * (read from a hot value of {@link HomeRulesStateCodec} version 8); null when they are not.
     */
    @JsonIgnore
    transient org.hearth.models.encoding.KitStrings kit;

    /**
     * Whether the tracker or the open days are kept as stored bytes that refer to {@link #kit}'s strings (not decoded in
     * this access): written again only against that same kit.
     */
    boolean storedKitRelative() {
        return live == null && (StateCodec.isKitRelative(trackerBytes) || StateCodec.isKitRelative(daysBytes));
    }

    /** The open days' bytes, encoded anew against {@code kit} when live (else as stored), or null. */
    public byte[] daysRaw(org.hearth.models.encoding.KitStrings writeKit) {
        return live != null ? live.daysBytes(writeKit) : daysBytes;
    }

    /** The tracker's bytes, encoded anew against {@code kit} when live (else as stored), or null. */
    public byte[] trackerRaw(org.hearth.models.encoding.KitStrings writeKit) {
        return live != null ? StateCodec.writeTracker(live.tracker, writeKit) : trackerBytes;
    }

    /**
     * The open days' bytes (encoded anew when live), or null: self-contained (their own table), for the formats
     * before the hot value's version 8 and JSON.
     */
    public byte[] daysRaw() {
        return live != null ? live.daysBytes(null) : StateCodec.withOwnTable(daysBytes, kit);
    }

    /** The tracker's bytes (encoded anew when live), or null: self-contained, as {@link #daysRaw()}. */
    public byte[] trackerRaw() {
        return live != null ? StateCodec.writeTracker(live.tracker) : StateCodec.withOwnTable(trackerBytes, kit);
    }

    /** The hot limits' bytes, or null when there are none yet. */
    public byte[] limitsRaw() {
        if (limits != null && limitsEncoded == null) {
            limitsEncoded = limits.write();
        }
        return limits != null ? limitsEncoded : limitsBytes;
    }

    /** Sets the stored forms read back (any may be null); the live objects are rebuilt from them on use. */
    public void restoreRaw(byte[] baseline, byte[] days, byte[] tracker, byte[] limitsBlob) {
        baselineBytes = baseline;
        daysBytes = days;
        trackerBytes = tracker;
        limitsBytes = limitsBlob;
        kit = null;
        baselineApart = false;
        live = null;
        limits = null;
        limitsEncoded = null;
    }

    private static String b64(byte[] b) {
        return b == null ? null : Base64.getEncoder().encodeToString(b);
    }

    private static byte[] unb64(String s) {
        return s == null ? null : Base64.getDecoder().decode(s);
    }

    @JsonProperty("baseline")
    String getBaselineBytes() {
        return b64(baselineRaw());
    }

    @JsonProperty("baseline")
    void setBaselineBytes(String b) {
        this.baselineBytes = unb64(b);
        this.live = null;
    }

    @JsonProperty("days")
    String getDaysBytes() {
        return b64(daysRaw());
    }

    @JsonProperty("days")
    void setDaysBytes(String b) {
        this.daysBytes = unb64(b);
        this.live = null;
    }

    @JsonProperty("tracker")
    String getTrackerBytes() {
        return b64(trackerRaw());
    }

    @JsonProperty("tracker")
    void setTrackerBytes(String b) {
        this.trackerBytes = unb64(b);
        this.live = null;
    }

    @JsonProperty("limits")
    String getLimitsBytes() {
        return b64(limitsRaw());
    }

    @JsonProperty("limits")
    void setLimitsBytes(String b) {
        this.limitsBytes = unb64(b);
        this.limits = null;
        this.limitsEncoded = null;
    }

    @JsonIgnore
    byte[] storedTracker() {
        return trackerBytes;
    }

    /** The baseline's stored bytes as read: inline, or loaded from its store when kept apart. */
    @JsonIgnore
    byte[] storedBaseline() {
        if (!baselineApart) {
            return baselineBytes;
        }
        if (baselineStore == null) {
            throw new IllegalStateException("the baseline is kept apart and no store was given to load it from");
        }
        return baselineStore.load();
    }

    @JsonIgnore
    byte[] storedDays() {
        return daysBytes;
    }
}
