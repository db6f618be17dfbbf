package org.hearth.job;

import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.hearth.ingest.control.ControlMessage;
import org.hearth.models.alert.Rule;

/**
 * Keyed by home, between the detector and the alert lifecycle: a help press that the detector found
 * to answer open "I'm OK" windows ({@link RuleDecision#answers()}, decided and learned from in
 * {@link HomeDetector} by {@link org.hearth.prealert.PreAlertWindows}) becomes a
 * {@link ResidentOkCommand} for each rule it answered, and no help alert; every other decision
 * passes unchanged. Counts the answers ({@link #RESIDENT_OK}).
 *
 * <p>It keeps its place in the graph (uid {@code pre-alert-gate}, keyed, with the lifecycle's
 * broadcast input) so that savepoints taken when it decided itself still restore; the windows it
 * kept then are no longer read (a window open across that upgrade is lost: minutes, at worst one
 * answer taken for a help press).
 */
public final class PreAlertGate extends KeyedBroadcastProcessFunction<String, RuleDecision, ControlMessage, LifecycleCommand> {

    private static final long serialVersionUID = 1L;

    /** Accumulator: pre-alerts the resident answered with a press. */
    public static final String RESIDENT_OK = "hearth-resident-ok";

    private transient LongCounter answered;

    @Override
    public void open(OpenContext openContext) {
        answered = new LongCounter();
        getRuntimeContext().addAccumulator(RESIDENT_OK, answered);
    }

    @Override
    public void processElement(RuleDecision decision, ReadOnlyContext ctx, Collector<LifecycleCommand> out) {
        if (decision.answers().isEmpty()) {
            out.collect(decision);
            return;
        }
        for (Rule rule : decision.answers()) {
            answered.add(1);
            out.collect(new ResidentOkCommand(decision.homeId(), rule, decision.at()));
        }
    }

    @Override
    public void processBroadcastElement(ControlMessage message, Context ctx, Collector<LifecycleCommand> out) {
        // nothing: the detector reads the registry and away modes for the windows
    }
}
