package org.hearth.ingest;

import org.apache.flink.streaming.api.datastream.DataStream;
import org.hearth.models.event.SensorEvent;

/**
 * Events after watermarking, late routing and de-duplication.
 *
 * @param events on-time, de-duplicated events
 * @param late events that arrived behind the watermark
 */
public record TimedEvents(DataStream<SensorEvent> events, DataStream<SensorEvent> late) {}
