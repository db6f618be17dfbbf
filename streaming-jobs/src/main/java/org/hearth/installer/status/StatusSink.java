package org.hearth.installer.status;

import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.metrics.Counter;
import org.hearth.ingest.source.MqttSecurity;
import org.hearth.installer.mqtt.BrokerException;

/**
 * Flink sink that publishes the detection job's {@link HomeStatus} stream retained on
 * {@code hearth/status/{homeId}}. Thin: a {@link StatusThrottle} decides what is worth sending, a
 * {@link StatusPublisher} sends it. At most once per status: a lost status is replaced by the
 * next one (the throttle republishes at least every {@code refresh}), so no checkpoint coupling;
 * a broker that is away is counted ({@code statusPublishFailures}) and never fails the job.
 *
 * <p>Attach it keyed by home ({@code statuses.keyBy(HomeStatus::homeId).sinkTo(...)} is not
 * needed: every writer keeps its own throttle per home it sees, and a home's statuses come from
 * one detection subtask).
 */
public final class StatusSink implements Sink<HomeStatus> {

    private static final long serialVersionUID = 1L;

    private final String brokerUrl;
    private final Duration refresh;
    private final MqttSecurity security;

    public StatusSink(String brokerUrl, Duration refresh) {
        this(brokerUrl, refresh, MqttSecurity.none());
    }

    /** @param security credentials and TLS, as for the job's MQTT source */
    public StatusSink(String brokerUrl, Duration refresh, MqttSecurity security) {
        this.brokerUrl = Objects.requireNonNull(brokerUrl, "brokerUrl");
        this.refresh = Objects.requireNonNull(refresh, "refresh");
        this.security = Objects.requireNonNull(security, "security");
    }

    @Override
    public SinkWriter<HomeStatus> createWriter(WriterInitContext context) throws IOException {
        Counter failed = context.metricGroup().counter("statusPublishFailures");
        return new Writer(brokerUrl, security, new StatusThrottle(refresh), failed);
    }

    private static final class Writer implements SinkWriter<HomeStatus> {
        private final String brokerUrl;
        private final MqttSecurity security;
        private final StatusThrottle throttle;
        private final Counter failed;
        private StatusPublisher publisher;

        Writer(String brokerUrl, MqttSecurity security, StatusThrottle throttle, Counter failed) {
            this.brokerUrl = brokerUrl;
            this.security = security;
            this.throttle = throttle;
            this.failed = failed;
        }

        @Override
        public void write(HomeStatus status, Context context) {
            if (!throttle.admit(status)) {
                return;
            }
            try {
                if (publisher == null) {
                    publisher = StatusPublisher.connect(brokerUrl, security);
                }
                publisher.publish(status);
            } catch (BrokerException e) {
                // A status is not worth failing the job for: count it, let the next one retry,
                // and forget the home so that its next status is published whatever it says.
                failed.inc();
                throttle.forget(status.homeId());
                if (publisher != null) {
                    publisher.close();
                    publisher = null;
                }
            }
        }

        @Override
        public void flush(boolean endOfInput) {
            // each publish waits for its PUBACK: nothing is buffered here
        }

        @Override
        public void close() {
            if (publisher != null) {
                publisher.close();
            }
        }
    }
}
