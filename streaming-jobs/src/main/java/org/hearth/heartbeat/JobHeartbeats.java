package org.hearth.heartbeat;

import java.time.Clock;
import java.time.Duration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.hearth.models.event.SensorEvent;

/** Wires the job's own heartbeat: a {@link HeartbeatOperator} beside the events, one {@link HeartbeatSink}. */
public final class JobHeartbeats {

    private JobHeartbeats() {}

    /**
     * @param events the ingested events (after watermarks), watched, not changed
     * @param brokerUrl where to publish
     * @param every how often
     * @param checkpointEvery the job's checkpoint interval, or null when checkpointing is off
     * @param clock the wall clock
     */
    public static void attach(DataStream<SensorEvent> events, String brokerUrl, Duration every, Duration checkpointEvery,
                              Clock clock) {
        events.transform("job-heartbeat", org.hearth.job.JsonTypeInfo.of(HeartbeatPart.class),
                        new HeartbeatOperator("hearth", every, checkpointEvery, clock))
                .uid("job-heartbeat")
                .sinkTo(new HeartbeatSink(brokerUrl)).setParallelism(1).name("publish-heartbeat").uid("publish-heartbeat");
    }
}
