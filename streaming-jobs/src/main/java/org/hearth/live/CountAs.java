package org.hearth.live;

import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;

/**
 * Passes records through and counts them in a named accumulator, so that a command can say how
 * many were set aside (the one-line summaries of {@code hearth demo} and {@code hearth run}).
 */
final class CountAs<T> extends RichMapFunction<T, T> {

    private static final long serialVersionUID = 1L;

    private final String accumulator;
    private transient LongCounter counter;

    CountAs(String accumulator) {
        this.accumulator = accumulator;
    }

    @Override
    public void open(OpenContext openContext) {
        counter = new LongCounter();
        getRuntimeContext().addAccumulator(accumulator, counter);
    }

    @Override
    public T map(T value) {
        counter.add(1);
        return value;
    }
}
