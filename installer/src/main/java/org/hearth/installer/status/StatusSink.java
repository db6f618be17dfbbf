package org.hearth.installer.status;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.metrics.Counter;
import org.hearth.ingest.source.MqttSecurity;
import org.hearth.installer.mqtt.BrokerException;
import org.hearth.models.status.HomeStatus;

/**
 * Flink sink that publishes the detection job's {@link HomeStatus} stream retained on
 * {@code hearth/status/{homeId}}, and clears a home's retained status when the home leaves the
 * registry ({@link StatusUpdate#clear}: an empty retained message, MQTT's way to delete one). Thin:
 * a {@link StatusThrottle} decides what is worth sending, a {@link StatusPublisher} sends it. At
 * most once per status: a lost status is replaced by the next one (the throttle republishes at least every {@code refresh}), so no checkpoint coupling;
 * a broker that is away is counted ({@code statusPublishFailures}) and never fails the job.
 *
 * <p>No keyBy is needed: every writer keeps its own throttle per home it sees, and a home's
 * statuses come from one detection subtask. A clear may reach the broker once per writer: an
 * empty retained message sent twice deletes the same nothing.
 */
public final class StatusSink implements Sink<StatusUpdate> {

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
    public SinkWriter<StatusUpdate> createWriter(WriterInitContext context) throws IOException {
        Counter failed = context.metricGroup().counter("statusPublishFailures");
        return new Writer(brokerUrl, security, new StatusThrottle(refresh), failed);
    }

    private static final class Writer implements SinkWriter<StatusUpdate> {
        private final String brokerUrl;
        private final MqttSecurity security;
        private final StatusThrottle throttle;
        private final Counter failed;
        /** Homes whose retained status must still be cleared (a clear that failed is retried on the next write). */
        private final Set<String> uncleared = new LinkedHashSet<>();
        private StatusPublisher publisher;

        Writer(String brokerUrl, MqttSecurity security, StatusThrottle throttle, Counter failed) {
            this.brokerUrl = brokerUrl;
            this.security = security;
            this.throttle = throttle;
            this.failed = failed;
        }

        @Override
        public void write(StatusUpdate update, Context context) {
            String home = update.homeId();
            HomeStatus toPublish = null;
            if (update.clears()) {
                throttle.forget(home); // a re-added home publishes its first status at once
                uncleared.add(home);
            } else {
                uncleared.remove(home); // back in the registry: its status replaces the old one
                toPublish = throttle.admit(update.status()) ? update.status() : null;
            }
            if (toPublish == null && uncleared.isEmpty()) {
                return;
            }
            try {
                if (publisher == null) {
                    publisher = StatusPublisher.connect(brokerUrl, security);
                }
                // A clear is not republished by anything later, so one that failed is retried here.
                for (var it = uncleared.iterator(); it.hasNext(); ) {
                    publisher.clear(it.next());
                    it.remove();
                }
                if (toPublish != null) {
                    publisher.publish(toPublish);
                }
            } catch (BrokerException e) {
                // A status is not worth failing the job for: count it, let the next one retry,
                // and forget the home so that its next status is published whatever it says.
                failed.inc();
                if (toPublish != null) {
                    throttle.forget(home);
                }
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
