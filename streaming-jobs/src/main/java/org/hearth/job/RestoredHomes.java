package org.hearth.job;

import java.util.stream.Stream;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The home-status operator, which also says, when the job was restored, how many homes' state came
 * back: every home the job has seen keeps a status here (keyed by home), so its keys are the homes.
 * The restore line names the checkpoint as {@code hearth run} found it (the global job parameter
 * {@code Recovery.RESTORED_FROM}) and the count, per parallel instance.
 */
final class RestoredHomes<IN1, IN2, OUT> extends KeyedCoProcessOperator<String, IN1, IN2, OUT> {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(RestoredHomes.class);
    private static final String RESTORED_FROM = org.hearth.checkpoint.Recovery.RESTORED_FROM;

    private final String stateName;
    private transient long restoredCheckpoint = -1;

    /** @param stateName the function's per-home value state, whose keys are counted */
    RestoredHomes(KeyedCoProcessFunction<String, IN1, IN2, OUT> function, String stateName) {
        super(function);
        this.stateName = stateName;
    }

    @Override
    public void initializeState(StateInitializationContext context) throws Exception {
        super.initializeState(context);
        restoredCheckpoint = context.getRestoredCheckpointId().orElse(-1);
    }

    @Override
    public void open() throws Exception {
        super.open(); // the function declares its state here
        if (restoredCheckpoint < 0) {
            return;
        }
        long homes;
        try (Stream<Object> keys = getKeyedStateBackend().<Object>getKeys(stateName, VoidNamespace.INSTANCE)) {
            homes = keys.count();
        }
        String from = getExecutionConfig().getGlobalJobParameters().toMap().getOrDefault(RESTORED_FROM, "checkpoint " + restoredCheckpoint);
        int subtask = getRuntimeContext().getTaskInfo().getIndexOfThisSubtask();
        int of = getRuntimeContext().getTaskInfo().getNumberOfParallelSubtasks();
        LOG.info("restored {} (checkpoint id {}): the state of {} home(s){}", from, restoredCheckpoint, homes,
                of > 1 ? " in part " + (subtask + 1) + " of " + of : "");
    }
}
