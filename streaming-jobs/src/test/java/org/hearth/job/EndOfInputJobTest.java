package org.hearth.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hearth.job.DetectionFixtures.HOMES;
import static org.hearth.job.DetectionFixtures.MORNING;
import static org.hearth.job.DetectionFixtures.TWELVE_HOURS_LATER;
import static org.hearth.job.DetectionFixtures.motion;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.hearth.ingest.control.ControlMessage;
import org.hearth.models.alert.Alert;
import org.hearth.models.event.SensorEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The detection graph on a MiniCluster with finite inputs whose time does not move on the way: a
 * finite control input (the registry, one message) that ends before the events, and events that
 * carry no watermark until their end. Event time then goes from nothing to its maximum in one step.
 * When detector and lifecycle read "watermark at its maximum" as the end of data, a deadline that
 * no later event of its own home reaches (a fall: silence) was taken for the end and never raised,
 * though other homes' data went on for hours; now only the real end of the whole input
 * ({@link EndOfInputOperator}) holds deadlines back.
 */
class EndOfInputJobTest {

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    @Test
    void shouldRaiseDeadlinesInsideTheDataWhenAFiniteSideInputEndsFirstAndTimeJumpsToTheEnd() throws Exception {
        // h1 falls in the bathroom at 08:00 and sends nothing more (a fall is silence); h2 lives on, its
        // kitchen seeing someone every 30 min until 21:00.
        List<SensorEvent> events = new ArrayList<>();
        events.add(motion("h1", "pir-bathroom", MORNING));
        for (int i = 1; i <= 26; i++) {
            events.add(motion("h2", i % 2 == 0 ? "pir-kitchen" : "pir-bathroom", MORNING.plus(Duration.ofMinutes(30L * i))));
        }

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        DataStream<SensorEvent> input = env.fromData(events)
                .assignTimestampsAndWatermarks(WatermarkStrategy.<SensorEvent>noWatermarks()
                        .withTimestampAssigner((e, previous) -> e.ts().toEpochMilli()));
        DataStream<ControlMessage> registry = env.fromData(ControlMessage.homes(HOMES));
        DetectionStreams out = new DetectionJob(DetectionJobConfig.of(HOMES)).attach(input, registry);
        List<Alert> alerts = new ArrayList<>();
        out.alerts().executeAndCollect("end-of-input-test").forEachRemaining(alerts::add);

        // h1's stillness raised at its deadline, inside the data; nothing after the data's end (21:00) is silence.
        assertThat(alerts).singleElement().satisfies(a -> {
            assertThat(a.homeId()).isEqualTo("h1");
            assertThat(a.rule()).isEqualTo(org.hearth.models.alert.Rule.STILLNESS);
            assertThat(a.at()).isEqualTo(TWELVE_HOURS_LATER);
        });
    }
}
