package org.hearth.job;

import java.util.Optional;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;
import org.hearth.models.status.HomeStatus;
import org.hearth.job.status.AlertFact;
import org.hearth.job.status.DetectorFacts;
import org.hearth.job.status.StatusAssembler;
import org.hearth.job.status.StatusMemory;

/**
 * Keyed by home: merges the detector's facts and the lifecycle's open/closed alerts into the home's
 * {@link HomeStatus}, emitted on change only. Thin: {@link StatusAssembler} decides.
 */
final class StatusMerger extends KeyedCoProcessFunction<String, DetectorFacts, AlertFact, HomeStatus> {

    private static final long serialVersionUID = 1L;

    /** The per-home state's name ({@link RestoredHomes} counts its keys). */
    static final String STATE = "status";

    private transient ValueState<StatusMemory> memory;

    @Override
    public void open(OpenContext openContext) {
        memory = getRuntimeContext().getState(new ValueStateDescriptor<>(STATE, new JsonSerializer<>(StatusMemory.class)));
    }

    @Override
    public void processElement1(DetectorFacts facts, Context ctx, Collector<HomeStatus> out) throws Exception {
        StatusMemory m = memoryOrNew();
        emit(StatusAssembler.onDetector(m, facts), m, out);
    }

    @Override
    public void processElement2(AlertFact fact, Context ctx, Collector<HomeStatus> out) throws Exception {
        StatusMemory m = memoryOrNew();
        emit(StatusAssembler.onAlert(m, fact), m, out);
    }

    private StatusMemory memoryOrNew() throws Exception {
        StatusMemory m = memory.value();
        return m != null ? m : new StatusMemory();
    }

    private void emit(Optional<HomeStatus> status, StatusMemory m, Collector<HomeStatus> out) throws Exception {
        memory.update(m);
        status.ifPresent(out::collect);
    }
}
