package org.hearth.job;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
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
 */
final class DetectorStore {

    static final ValueStateDescriptor<DetectorState> HOT =
            new ValueStateDescriptor<>("detector", DetectorStateSerializer.INSTANCE);
    static final ValueStateDescriptor<byte[]> BASELINE = new ValueStateDescriptor<>("baseline", BaselineSerializer.INSTANCE);

    private final ValueState<DetectorState> hot;
    private final ValueState<byte[]> baseline;
    /** Loads the current key's baseline: every access runs in its home's key context. */
    private final LearnedState.BaselineStore loader;

    DetectorStore(RuntimeContext context) {
        this.hot = context.getState(HOT);
        this.baseline = context.getState(BASELINE);
        this.loader = () -> {
            try {
                return baseline.value();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the home's baseline", e);
            }
        };
    }

    /** The current home's state, or null; its baseline is loaded only if this access asks for it. */
    DetectorState read() throws IOException {
        DetectorState s = hot.value();
        if (s != null) {
            s.rules.learned.useBaselineStore(loader);
        }
        return s;
    }

    /**
     * Writes the hot state, and the baseline only when it changed (day close, a new resident) or is not in
     * its own value yet (a new home, a state from a release that kept one value).
     */
    void write(DetectorState s) throws IOException {
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
        hot.update(s);
    }
}
