package org.hearth.job;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.hearth.models.encoding.KitStrings;
import org.hearth.models.rules.HomeRulesStateCodec;
import org.hearth.models.rules.LearnedState;

/**
 * {@link HomeDetector}'s keyed state of the current home, in two values: the hot state
 * ({@link DetectorState}: tracker, open days, today's limits, the rules' memory), read and written on
 * every event and timer, and the learned baseline, most of a resident's bytes yet changed only at day
 * close, read only by an access that needs it (day close, limits recomputed, the status) and written
 * only when it changed. On RocksDB each value is a read and a write of its bytes, so the baseline no
 * longer rides along with every event.
 *
 * <p>State kept in one value by earlier releases (the baseline inline) is read as it is and split on
 * its first write: the baseline goes to its own value, the hot value leaves it out.
 *
 * <p>The hot value refers to the strings of the home's kit by index ({@link KitStrings}, codec version 8), under the
 * kit's fingerprint. A third value keeps the strings of the kit it was written against: written when that kit changes
 * (a new home, a kit change, a value from an older release), read only when the home's kit is no longer the one the
 * hot value names, so that a kit change needs no migration and loses nothing.
 *
 * <p>What the open care days gather for learning (stillness per room and band, moves, bed changes: needed only when a
 * day closes) leaves the hot value once it holds more than {@link LearnedState#SPILL_ENTRIES} entries: each such part
 * is added to a keyed list (on RocksDB a merge, no read), read back and cleared only when a day closes, where the
 * rules fold the parts back in order before learning the day ({@link LearnedState#spillDays}). A state from before
 * keeps its open days in the hot value until they grow past that.
 */
final class DetectorStore {

    static final ValueStateDescriptor<DetectorState> HOT =
            new ValueStateDescriptor<>("detector", DetectorStateSerializer.INSTANCE);
    static final ValueStateDescriptor<byte[]> BASELINE = new ValueStateDescriptor<>("baseline", BaselineSerializer.INSTANCE);
    /** The kit strings the hot value was written against ({@link KitStrings#encode}): bytes behind a length, as the baseline. */
    static final ValueStateDescriptor<byte[]> KIT = new ValueStateDescriptor<>("kit-strings", BaselineSerializer.INSTANCE);
    /** The open days' parts moved out of the hot value ({@link org.hearth.models.state.StateCodec#writeDays} blobs), oldest first. */
    static final ListStateDescriptor<byte[]> DAY_PARTS = new ListStateDescriptor<>("open-day-parts", BaselineSerializer.INSTANCE);

    private final ValueState<DetectorState> hot;
    private final ValueState<byte[]> baseline;
    private final ValueState<byte[]> kit;
    private final ListState<byte[]> dayParts;
    /** Loads the current key's open-day parts (only when a day closes). */
    private final LearnedState.DayPartsStore partsLoader;
    /** Loads the current key's baseline: every access runs in its home's key context. */
    private final LearnedState.BaselineStore loader;

    DetectorStore(RuntimeContext context) {
        this.hot = context.getState(HOT);
        this.baseline = context.getState(BASELINE);
        this.kit = context.getState(KIT);
        this.dayParts = context.getListState(DAY_PARTS);
        this.partsLoader = () -> {
            try {
                List<byte[]> parts = new ArrayList<>();
                Iterable<byte[]> stored = dayParts.get();
                if (stored != null) {
                    stored.forEach(parts::add);
                }
                return parts;
            } catch (Exception e) {
                throw new IllegalStateException("cannot read the home's open-day parts", e);
            }
        };
        this.loader = () -> {
            try {
                return baseline.value();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the home's baseline", e);
            }
        };
    }

    /**
     * The current home's state, or null, decoded with the home's {@code current} kit strings (or, when the kit changed
     * since it was written, with those kept for it); its baseline is loaded only if this access asks for it.
     */
    DetectorState read(KitStrings current) throws IOException {
        DetectorState s = hot.value();
        if (s != null) {
            HomeRulesStateCodec.resolve(s.rules, current, kit::value);
            s.rules.learned.useBaselineStore(loader);
            s.rules.learned.useDayPartsStore(partsLoader);
        }
        return s;
    }

    /** The current home's registered deadline timer ({@link DetectorState#deadlineTimer}), or null; kit strings not resolved. */
    Long registeredDeadline() throws IOException {
        DetectorState s = hot.value();
        return s == null ? null : s.deadlineTimer;
    }

    /** Drops the open days' parts gathered so far: they were the previous resident's ({@code ResidentChange}). */
    void forgetDayParts() {
        dayParts.clear();
    }

    /**
     * Writes the hot state, and the baseline only when it changed (day close, a new resident) or is not in
     * its own value yet (a new home, a state from a release that kept one value); the kit strings when the hot value
     * is written against others than the store keeps; the open days' gatherings to their list once they are many.
     */
    void write(DetectorState s, KitStrings current) throws IOException {
        LearnedState learned = s.rules.learned;
        if (learned.baselineUnsaved()) {
            byte[] bytes = learned.baselineRaw();
            if (bytes == null) {
                baseline.clear();
            } else {
                baseline.update(bytes);
            }
            learned.baselineSaved();
        }
        learned.useDayPartsStore(partsLoader); // a new home's state was not read through this store
        if (learned.dayPartsFolded()) {
            dayParts.clear();
            learned.dayPartsForgotten();
        }
        byte[] part = learned.spillDays(LearnedState.SPILL_ENTRIES);
        if (part != null) {
            try {
                dayParts.add(part);
            } catch (IOException e) {
                throw e;
            } catch (Exception e) {
                throw new IOException("cannot add to the home's open-day parts", e);
            }
        }
        KitStrings written = HomeRulesStateCodec.writeKit(s.rules, current);
        if (HomeRulesStateCodec.keptKit(s.rules) != written.fingerprint()) {
            kit.update(written.encode());
            HomeRulesStateCodec.keptKit(s.rules, written);
        }
        hot.update(s);
    }
}
