package org.hearth.job;

import org.apache.flink.streaming.api.datastream.DataStream;
import org.hearth.ingest.control.ControlMessage;

/**
 * What carers tell the job (from {@code hearth/ack/{homeId}}), ready for the alert lifecycle:
 * acknowledgements already fanned out per (home, rule), with event-time timestamps; away modes as
 * {@link ControlMessage.Kind#AWAY} messages for the lifecycle's broadcast state. Neither may hold
 * back the job's watermark (give them {@code Long.MAX_VALUE} watermarks, as the control stream).
 *
 * @param acks acknowledgements, one per rule of the home
 * @param away away modes set or ended
 */
public record CarerStreams(DataStream<CarerAck> acks, DataStream<ControlMessage> away) {}
