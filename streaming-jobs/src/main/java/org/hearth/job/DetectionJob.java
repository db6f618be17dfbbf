package org.hearth.job;

import java.util.List;
import java.util.Objects;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.util.Collector;
import org.hearth.alerts.lifecycle.LifecycleEvent;
import org.hearth.alerts.lifecycle.LifecycleEventType;
import org.hearth.ingest.control.ConfigState;
import org.hearth.ingest.control.ControlMessage;
import org.hearth.job.status.AlertFact;
import org.hearth.job.status.DetectorFacts;
import org.hearth.models.alert.Alert;
import org.hearth.models.event.SensorEvent;
import org.hearth.models.status.HomeStatus;

/**
 * The detection graph, shared by {@code hearth run}, {@code hearth demo}, {@code hearth replay} and
 * the tests (shape of apache/flink-training: the caller brings source and sinks):
 * <pre>
 *   events (with event-time watermarks) --keyBy(home)--> {@link HomeDetector} --decisions, "I'm OK" answers-->
 *     (+ carers' acknowledgements) --keyBy(resident, rule)--> {@link LifecycleDriver} --> lifecycle events, alerts,
 *                                                                            the same addressed to the home's carers
 *   detector status facts + lifecycle open/closed alerts --keyBy(home)--> {@link StatusMerger} --> statuses
 *   control (homes / thresholds changes) and carers' away modes --broadcast--> detector and lifecycle
 * </pre>
 * The events must already carry timestamps and watermarks (the ingest pipeline's, with wall-clock
 * advance while idle, in live mode; {@code org.hearth.replay.ReplayWatermarks} in replay) and come
 * on time and once each: ingest's {@code IngestPipeline.onTime} judges both, for every job.
 */
public final class DetectionJob {

    private final DetectionJobConfig config;

    public DetectionJob(DetectionJobConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    /**
     * Attaches detection to an event stream.
     *
     * @param events sensor events with timestamps and watermarks assigned, on time and de-duplicated
     * @param control configuration changes, or null for none (the start configuration stays)
     */
    public DetectionStreams attach(DataStream<SensorEvent> events, DataStream<ControlMessage> control) {
        return attach(events, control, null);
    }

    /**
     * Attaches detection to an event stream, with what carers say (live mode).
     *
     * @param events sensor events with timestamps and watermarks assigned, on time and de-duplicated
     * @param control configuration changes, or null for none (the start configuration stays)
     * @param carers acknowledgements and away modes, or null for none (replay)
     */
    public DetectionStreams attach(DataStream<SensorEvent> events, DataStream<ControlMessage> control, CarerStreams carers) {
        DataStream<ControlMessage> changes = control != null ? neverHoldsBackTime(control) : noControl(events);
        DataStream<ControlMessage> lifecycleControl = carers == null ? changes : changes.union(neverHoldsBackTime(carers.away()));

        // Detector and lifecycle are told the real end of their whole input (EndOfInputOperator), not left
        // to read it from a watermark at its maximum; the broadcast input is the same as .broadcast(descriptor).
        // Both read the same registry and away modes: the detector opens the "I'm OK" windows exactly where
        // the lifecycle asks the resident, learns from the answers and sends them on as ResidentOk commands.
        SingleOutputStreamOperator<LifecycleCommand> decisions = events
                .keyBy(SensorEvent::homeId)
                .connect(lifecycleControl.broadcast())
                .transform("home-detector", JsonTypeInfo.of(LifecycleCommand.class), new PendingEventsOperator(
                        new HomeDetector(config)))
                .uid("home-detector");

        DataStream<LifecycleCommand> commands = decisions;
        if (carers != null) {
            commands = commands.union(neverHoldsBackTime(carers.acks())
                    .map(a -> (LifecycleCommand) a, JsonTypeInfo.of(LifecycleCommand.class)).name("carer-acks"));
        }
        SingleOutputStreamOperator<LifecycleEvent> lifecycle = commands
                .keyBy(LifecycleCommand::lifecycleKey)
                .connect(lifecycleControl.broadcast())
                .transform("alert-lifecycle", JsonTypeInfo.of(LifecycleEvent.class), new EndOfInputOperator<>(
                        new LifecycleDriver(config), List.of(ConfigState.DESCRIPTOR, LifecycleDriver.AWAY_MODES)))
                .uid("alert-lifecycle");

        DataStream<Alert> alerts = lifecycle
                .filter(e -> e.type() == LifecycleEventType.RAISED).name("raised")
                .map(LifecycleEvent::alert, JsonTypeInfo.of(Alert.class)).name("alerts");

        DataStream<HomeStatus> statuses = decisions.getSideOutput(HomeDetector.STATUS_FACTS).keyBy(DetectorFacts::homeId)
                .connect(lifecycle.getSideOutput(LifecycleDriver.ALERT_FACTS).keyBy(AlertFact::homeId))
                .transform("home-status", JsonTypeInfo.of(HomeStatus.class), new RestoredHomes<>(new StatusMerger(), StatusMerger.STATE))
                .uid("home-status");

        return new DetectionStreams(alerts, lifecycle, lifecycle.getSideOutput(LifecycleDriver.ADDRESSED), decisions,
                decisions.getSideOutput(HomeDetector.UNKNOWN_HOME), statuses);
    }

    /**
     * Replay has no control messages: an empty stream cut from the events themselves, so that it
     * carries their watermarks and the connected operators' time follows the events step by step. A
     * separate empty source (as before) held that time at its minimum until the source finished; when
     * the events were all read first, time jumped straight to the end of input, and the deadlines due
     * on the way (a stillness alert) were taken for the end of the data and never raised. Rare, and
     * only under load: {@code ReplayCommandTest} failed in CI with an empty second alerts file.
     * ({@link EndOfInputOperator} now holds time at the end of the data whatever the inputs do; this
     * still lets time move step by step, as live.)
     */
    private static DataStream<ControlMessage> noControl(DataStream<SensorEvent> events) {
        return events.flatMap((SensorEvent e, Collector<ControlMessage> out) -> { }, JsonTypeInfo.of(ControlMessage.class))
                .name("no-control");
    }

    /**
     * Control messages and carers' commands carry no watermark of their own (the lifecycle applies
     * a carer's command at its own time, from its payload); without this their input would hold the
     * connected operators' watermark at its minimum forever and no timer would ever fire.
     */
    private static <T> DataStream<T> neverHoldsBackTime(DataStream<T> control) {
        return control.assignTimestampsAndWatermarks(WatermarkStrategy.<T>forGenerator(
                ctx -> new MaxWatermark<>()).withTimestampAssigner((m, ts) -> Long.MIN_VALUE))
                .name("control-time");
    }

    private static final class MaxWatermark<T> implements WatermarkGenerator<T> {
        @Override
        public void onEvent(T event, long eventTimestamp, WatermarkOutput output) {
            output.emitWatermark(new Watermark(Long.MAX_VALUE));
        }

        @Override
        public void onPeriodicEmit(WatermarkOutput output) {
            output.emitWatermark(new Watermark(Long.MAX_VALUE));
        }
    }

    static TypeInformation<SensorEvent> eventType() {
        return TypeInformation.of(SensorEvent.class);
    }
}
