package org.hearth.job;

import java.util.List;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.streaming.api.operators.BoundedMultiInput;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Flink's keyed broadcast operator, told when its whole input has ended rather than left to guess
 * it from the watermark.
 *
 * <p>Why: a deadline ("nobody has moved for 12 hours") is raised when event time passes it, and the
 * end of a finite input is not hours of silence in a home, so {@link HomeDetector} and
 * {@link LifecycleDriver} must not raise deadlines at the end of a replay. They used to take a
 * watermark of {@code Long.MAX_VALUE} for that end. But time reaches its maximum in one step whenever
 * the inputs' watermarks do not move along the way: events that carry no watermark until their end
 * (a test's finite list), or a finite side input that holds time back until it ends after the
 * events. Then a deadline that no later event of its own home reached (a fall is silence) was taken
 * for the end and never raised, though the other homes' data went on for hours.
 *
 * <p>Here the keyed input's maximum watermark is held back at the end of its data (the later of its
 * last watermark and its last record's time), so deadlines inside the data fire as usual. Only when
 * both inputs have ended ({@link BoundedMultiInput#endInput}) is the function told
 * ({@link InputEnds#inputEnded()}) and time let run to its maximum: what is still due then (buffered
 * events, never deadlines) is handled as the end of input. An input that never ends (live: the
 * control stream) never releases it, and nothing after the data fires.
 */
class EndOfInputOperator<K, IN1, IN2, OUT> extends CoBroadcastWithKeyedOperator<K, IN1, IN2, OUT>
        implements BoundedMultiInput {

    private static final long serialVersionUID = 1L;

    /** A function that must know the end of its whole input. */
    interface InputEnds {
        /** Called once both inputs have ended, before time runs to its maximum. */
        void inputEnded();
    }

    private transient long endOfData;
    private transient boolean keyedEnded;
    private transient boolean broadcastEnded;

    EndOfInputOperator(KeyedBroadcastProcessFunction<K, IN1, IN2, OUT> function, List<MapStateDescriptor<?, ?>> descriptors) {
        super(function, descriptors);
    }

    @Override
    public void open() throws Exception {
        super.open();
        endOfData = Long.MIN_VALUE;
    }

    @Override
    public void processElement1(StreamRecord<IN1> element) throws Exception {
        if (element.hasTimestamp()) {
            endOfData = Math.max(endOfData, element.getTimestamp());
        }
        super.processElement1(element);
    }

    @Override
    public void processWatermark1(Watermark mark) throws Exception {
        if (mark.getTimestamp() == Long.MAX_VALUE) {
            // The keyed input's end: time goes as far as its data, no further, until the whole input has ended.
            super.processWatermark1(new Watermark(endOfData));
            return;
        }
        endOfData = Math.max(endOfData, mark.getTimestamp());
        super.processWatermark1(mark);
    }

    @Override
    public void endInput(int inputId) throws Exception {
        if (inputId == 1) {
            keyedEnded = true;
        } else {
            broadcastEnded = true;
        }
        if (keyedEnded && broadcastEnded) {
            if (userFunction instanceof InputEnds ends) {
                ends.inputEnded();
            }
            super.processWatermark1(Watermark.MAX_WATERMARK);
        }
    }
}
