package org.hearth.live.sidepath;

import java.time.Clock;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A side path as an operator rather than a sink, so that its faults have somewhere to go: records
 * in, {@link SideFault}s out (to the system alert, {@link SidePathAlerts}). Thin: the
 * {@link SidePathGuard} decides; this flushes at every checkpoint, logs each change once and
 * mirrors the counts as metrics {@code sidePath.<name>.{written,failures,lost,held}}.
 */
public final class SidePathFunction<T> extends ProcessFunction<T, SideFault> implements CheckpointedFunction {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(SidePathFunction.class);
    /** Records held per writer while its path is down (a day of dead letters from a noisy home). */
    static final int MAX_HELD = 100_000;

    private final String path;
    private final SideWriterFactory<T> factory;
    private final Clock clock;
    private transient SidePathGuard<T> guard;
    private transient Collector<SideFault> lastOut;

    public SidePathFunction(String path, SideWriterFactory<T> factory, Clock clock) {
        this.path = path;
        this.factory = factory;
        this.clock = clock;
    }

    @Override
    public void open(OpenContext openContext) {
        guard = new SidePathGuard<>(path, getRuntimeContext().getTaskInfo().getIndexOfThisSubtask(), factory, MAX_HELD);
        MetricGroup group = getRuntimeContext().getMetricGroup().addGroup("sidePath").addGroup(path);
        group.gauge("written", guard::written);
        group.gauge("failures", guard::failures);
        group.gauge("lost", guard::lost);
        group.gauge("held", guard::held);
    }

    @Override
    public void processElement(T value, Context ctx, Collector<SideFault> out) {
        lastOut = out;
        guard.offer(value, clock.instant()).ifPresent(f -> report(f, out));
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) {
        // Runs before the checkpoint barrier is forwarded, so a fault emitted here still goes downstream.
        if (guard != null && lastOut != null) {
            guard.checkpoint(clock.instant()).ifPresent(f -> report(f, lastOut));
        } else if (guard != null) {
            guard.checkpoint(clock.instant()).ifPresent(f -> LOG.warn("side path '{}' {}", path, describe(f)));
        }
    }

    @Override
    public void initializeState(FunctionInitializationContext context) {
        // Nothing restored: held records are a best effort beyond the checkpoint (counted when lost).
    }

    @Override
    public void close() {
        if (guard != null) {
            guard.close();
        }
    }

    private void report(SideFault f, Collector<SideFault> out) {
        LOG.warn("side path '{}' {}", path, describe(f));
        out.collect(f);
    }

    private static String describe(SideFault f) {
        return f.failing() ? "is failing (" + f.error() + "); detection and delivery go on, records held and retried"
                : "writes again (" + f.lost() + " records lost in all)";
    }
}
