package org.hearth.live;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.hearth.ingest.deadletter.DeadLetter;
import org.hearth.ingest.source.MqttMessage;
import org.hearth.job.CarerAck;
import org.hearth.job.CarerStreams;
import org.hearth.job.JsonTypeInfo;

/**
 * The carers' side of the live job: a source on {@code hearth/ack/+} (at least once, like ingest's;
 * a redelivered acknowledgement is harmless, the lifecycle takes a code once), decoded into what
 * the alert lifecycle reads, and the rejects for the dead-letter sink.
 *
 * @param streams acknowledgements and away modes
 * @param rejected unreadable carer commands
 */
public record CarerInput(CarerStreams streams, DataStream<DeadLetter> rejected) {

    public static CarerInput attach(StreamExecutionEnvironment env, Source<MqttMessage, ?, ?> source) {
        SingleOutputStreamOperator<CarerAck> acks = env
                .fromSource(source, WatermarkStrategy.noWatermarks(), "carer-source", TypeInformation.of(MqttMessage.class))
                .uid("carer-source")
                .process(new CarerCommandDecoder(), JsonTypeInfo.of(CarerAck.class)).name("carer-commands").uid("carer-commands");
        return new CarerInput(new CarerStreams(acks, acks.getSideOutput(CarerCommandDecoder.AWAY)),
                acks.getSideOutput(CarerCommandDecoder.REJECTED));
    }
}
