package org.hearth.ingest.time;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.hearth.ingest.source.SourceProgress;
import org.hearth.models.event.SensorEvent;

/**
 * Sends events at or behind the current watermark to the {@link #LATE} side output (counted in
 * {@code lateEvents}) instead of letting downstream windows and timers silently drop them, and
 * drops the reader's progress markers ({@link SourceProgress}) once the watermark has used them.
 * The one place Hearth judges lateness, for live and replay alike: an event it lets through is on
 * time everywhere downstream, whose watermark can only be at or behind this one.
 */
public final class LateEventRouter extends ProcessFunction<SensorEvent, SensorEvent> {

    /** Events that arrived behind the watermark: kept and counted, never dropped. */
    public static final OutputTag<SensorEvent> LATE = new OutputTag<>("late-events") {};

    private transient Counter late;

    @Override
    public void open(OpenContext openContext) {
        late = getRuntimeContext().getMetricGroup().counter("lateEvents");
    }

    @Override
    public void processElement(SensorEvent event, Context ctx, Collector<SensorEvent> out) {
        if (SourceProgress.isMarker(event)) {
            return; // the reader's progress has reached the watermark, its only reader
        }
        if (isLate(event.ts().toEpochMilli(), ctx.timerService().currentWatermark())) {
            late.inc();
            ctx.output(LATE, event);
        } else {
            out.collect(event);
        }
    }

    /**
     * Late means at or behind the watermark, Flink's meaning of one (no more events at or before it;
     * an event-time timer at it has fired). The generators leave the boundary on time: they emit the
     * highest event time less the out-of-orderness, less one millisecond.
     */
    static boolean isLate(long eventTime, long watermark) {
        return eventTime <= watermark;
    }
}
