package org.hearth.installer.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.hearth.ingest.source.MqttSecurity;
import org.hearth.installer.mqtt.BrokerException;
import org.hearth.installer.testing.Mosquitto;
import org.hearth.models.status.HomeStatus;
import org.hearth.models.status.LearningState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A broker that refuses anonymous clients: statuses go out and come back with the job's credentials. */
class StatusCredentialsTest {

    @RegisterExtension
    final Mosquitto broker = new Mosquitto().withUser("hearth-job", "s3cret-for-tests");

    private static final Instant AT = Instant.parse("2026-11-23T09:05:00Z");

    @Test
    void publish_withTheBrokersCredentialsIsRetainedAndReadBack() throws Exception {
        MqttSecurity credentials = MqttSecurity.password("hearth-job", "s3cret-for-tests");
        HomeStatus status = new HomeStatus("h1", LearningState.LEARNING, 2, 7, null, List.of(), List.of("pir-hall"), AT);
        try (StatusPublisher publisher = StatusPublisher.connect(broker.url(), credentials)) {
            publisher.publish(status);
        }

        StatusReport report = new StatusReader(Clock.systemUTC())
                .read(broker.url(), credentials, null, Duration.ofSeconds(1), Duration.ofSeconds(10));

        assertThat(report.statuses()).containsExactly(status);
    }

    @Test
    void connect_withoutOrWithWrongCredentialsIsRefusedNamingTheBroker() {
        assertThatThrownBy(() -> StatusPublisher.connect(broker.url()))
                .isInstanceOf(BrokerException.class).hasMessageContaining(broker.url());
        assertThatThrownBy(() -> StatusPublisher.connect(broker.url(), MqttSecurity.password("hearth-job", "wrong")))
                .isInstanceOf(BrokerException.class).hasMessageContaining(broker.url());
    }
}
