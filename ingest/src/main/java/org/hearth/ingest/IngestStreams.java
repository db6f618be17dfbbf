package org.hearth.ingest;

import org.apache.flink.streaming.api.datastream.DataStream;
import org.hearth.ingest.deadletter.DeadLetter;
import org.hearth.models.event.SensorEvent;

/**
 * What {@link IngestPipeline} hands to the detection job.
 *
 * @param events valid, watermarked, de-duplicated events (timestamps = event time)
 * @param deadLetters everything rejected, with reason, topic and raw payload
 * @param late events that arrived behind the watermark (not in {@code events})
 */
public record IngestStreams(DataStream<SensorEvent> events, DataStream<DeadLetter> deadLetters, DataStream<SensorEvent> late) {}
