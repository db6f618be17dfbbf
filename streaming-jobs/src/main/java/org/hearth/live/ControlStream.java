package org.hearth.live;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichFlatMapFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.Collector;
import org.hearth.ingest.control.ControlMessage;
import org.hearth.ingest.source.MqttMessage;
import org.hearth.installer.control.RegistryControl;
import org.hearth.job.JsonTypeInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The control topics as the live job's control stream: {@code hearth kit apply} publishes the whole
 * {@code homes.yaml} retained on {@value RegistryControl#TOPIC}, {@code hearth thresholds apply} the
 * whole {@code thresholds.yaml} on {@value RegistryControl#THRESHOLDS_TOPIC}; each message becomes a
 * {@link ControlMessage} that ingest and detection apply without a restart. The broker hands the
 * retained registry to the job on subscribing, so a job (re)started after an apply runs with the
 * applied registry and thresholds, not the files it was started with. An unreadable message is logged and counted
 * ({@code controlRejected}) and changes nothing; an empty one (a cleared topic) is ignored.
 */
public final class ControlStream {

    private ControlStream() {}

    /**
     * @param source a source subscribed to the control topics only (one reader, not shared:
     *     every job must see every change)
     */
    public static DataStream<ControlMessage> attach(StreamExecutionEnvironment env, Source<MqttMessage, ?, ?> source) {
        return env.fromSource(source, WatermarkStrategy.noWatermarks(), "control-source", TypeInformation.of(MqttMessage.class))
                .setParallelism(1).uid("control-source")
                .flatMap(new Decode(), JsonTypeInfo.of(ControlMessage.class)).setParallelism(1)
                .name("control-decode").uid("control-decode");
    }

    /** The control message a payload on the control topic carries, or null for an empty (cleared) one. */
    public static ControlMessage read(byte[] payload) {
        if (payload.length == 0) {
            return null;
        }
        RegistryControl control = RegistryControl.fromJson(payload, RegistryControl.HOMES, RegistryControl.THRESHOLDS);
        return RegistryControl.THRESHOLDS.equals(control.kind()) ? ControlMessage.thresholds(control.text())
                : ControlMessage.homes(control.text());
    }

    private static final class Decode extends RichFlatMapFunction<MqttMessage, ControlMessage> {
        private static final long serialVersionUID = 1L;
        private static final Logger LOG = LoggerFactory.getLogger(ControlStream.class);
        private transient Counter rejected;

        @Override
        public void open(OpenContext openContext) {
            rejected = getRuntimeContext().getMetricGroup().counter("controlRejected");
        }

        @Override
        public void flatMap(MqttMessage message, Collector<ControlMessage> out) {
            try {
                ControlMessage control = read(message.payload());
                if (control != null) {
                    out.collect(control);
                }
            } catch (IllegalArgumentException e) {
                rejected.inc();
                LOG.warn("ignored an unreadable message on {}: {}", message.topic(), e.getMessage());
            }
        }
    }
}
