package org.hearth.installer.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.hearth.installer.testing.Mosquitto;
import org.hearth.models.status.HomeStatus;
import org.hearth.models.status.LearningState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The sink the detection job attaches: a stream of statuses ends as one retained message per home. */
class StatusSinkTest {

    @RegisterExtension
    final Mosquitto broker = new Mosquitto();

    @Test
    void sinkTo_publishesTheLatestStatusPerHomeRetained() throws Exception {
        Instant t = Instant.parse("2026-11-23T09:00:00Z");
        List<HomeStatus> stream = List.of(
                status("h1", 1, t),
                status("h2", 5, t),
                status("h1", 1, t.plusSeconds(10)),   // same content, inside the refresh: throttled
                status("h1", 2, t.plusSeconds(20)));  // a day more learned: published
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        env.fromData(stream.stream().map(StatusUpdate::publish).toList()).sinkTo(new StatusSink(broker.url(), Duration.ofMinutes(5)));
        env.execute("status-sink-test");

        StatusReport report = new StatusReader(Clock.systemUTC()).read(broker.url(), null, Duration.ofSeconds(1), Duration.ofSeconds(10));

        assertThat(report.statuses()).containsExactly(status("h1", 2, t.plusSeconds(20)), status("h2", 5, t));
        assertThat(report.unreadable()).isEmpty();
    }

    @Test
    void sinkTo_clearsTheRetainedStatusOfARemovedHomeAndARemovedHomeReturnsAtOnce() throws Exception {
        Instant t = Instant.parse("2026-11-23T09:00:00Z");
        List<StatusUpdate> stream = List.of(
                StatusUpdate.publish(status("h1", 1, t)),
                StatusUpdate.publish(status("h2", 5, t)),
                StatusUpdate.publish(status("h3", 3, t)),
                StatusUpdate.clear("h2"),                                   // kit apply removed h2
                StatusUpdate.clear("h3"),                                   // and h3, which then came back:
                StatusUpdate.publish(status("h3", 3, t.plusSeconds(10))));  // same content, yet published
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        env.fromData(stream).sinkTo(new StatusSink(broker.url(), Duration.ofMinutes(5)));
        env.execute("status-sink-clear-test");

        StatusReport report = new StatusReader(Clock.systemUTC()).read(broker.url(), null, Duration.ofSeconds(1), Duration.ofSeconds(10));

        assertThat(report.statuses()).containsExactly(status("h1", 1, t), status("h3", 3, t.plusSeconds(10)));
        assertThat(report.unreadable()).isEmpty();
    }

    private static HomeStatus status(String home, int days, Instant at) {
        return new HomeStatus(home, LearningState.LEARNING, days, 7, null, List.of(), List.of(), at);
    }
}
