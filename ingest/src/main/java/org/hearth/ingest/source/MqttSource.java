package org.hearth.ingest.source;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.hearth.ingest.source.internal.enumerator.MqttEnumeratorState;
import org.hearth.ingest.source.internal.enumerator.MqttEnumeratorStateSerializer;
import org.hearth.ingest.source.internal.enumerator.MqttSplitEnumerator;
import org.hearth.ingest.source.internal.split.MqttSplit;
import org.hearth.ingest.source.internal.split.MqttSplitSerializer;

/**
 * A Flink (FLIP-27) source reading MQTT 5 at least once, over Eclipse Paho.
 *
 * <p>Each reader holds a persistent session (clean start off, session expiry set) under a stable
 * client id, subscribes at QoS 1 with manual acknowledgements, and sends a message's PUBACK only
 * once the checkpoint that follows its <em>emission</em> has completed. A crash before that leaves
 * the message unacknowledged in the broker session, which redelivers it when the restarted reader
 * reconnects under the same id; redeliveries are dropped downstream by {@code time.Deduplicator}.
 * Parallel readers share the subscription through {@code $share/{group}/{filter}}, and so do the
 * connections of one reader when it holds several ({@link Builder#connectionsPerReader}): each is its
 * own session with its own in-flight window, and each message is acknowledged on the one that received it.
 *
 * <p>Holding PUBACKs means the broker must allow that many messages in flight and queue the rest:
 * see ingest/README.md for sizing ({@code receiveMaximum}, broker queue limits).
 */
public final class MqttSource implements Source<MqttMessage, MqttSplit, MqttEnumeratorState>, ResultTypeQueryable<MqttMessage> {

    private static final long serialVersionUID = 1L;

    private final MqttSourceConfig config;

    public MqttSource(MqttSourceConfig config) {
        this.config = config;
    }

    public static Builder builder() {
        return new Builder();
    }

    public MqttSourceConfig config() {
        return config;
    }

    @Override
    public Boundedness getBoundedness() {
        return Boundedness.CONTINUOUS_UNBOUNDED;
    }

    @Override
    public SourceReader<MqttMessage, MqttSplit> createReader(SourceReaderContext context) {
        return new MqttSourceReader(config, context);
    }

    @Override
    public SplitEnumerator<MqttSplit, MqttEnumeratorState> createEnumerator(SplitEnumeratorContext<MqttSplit> context) {
        return new MqttSplitEnumerator(context);
    }

    @Override
    public SplitEnumerator<MqttSplit, MqttEnumeratorState> restoreEnumerator(
            SplitEnumeratorContext<MqttSplit> context, MqttEnumeratorState checkpoint) {
        return new MqttSplitEnumerator(context);
    }

    @Override
    public SimpleVersionedSerializer<MqttSplit> getSplitSerializer() {
        return new MqttSplitSerializer();
    }

    @Override
    public SimpleVersionedSerializer<MqttEnumeratorState> getEnumeratorCheckpointSerializer() {
        return new MqttEnumeratorStateSerializer();
    }

    @Override
    public TypeInformation<MqttMessage> getProducedType() {
        return TypeInformation.of(MqttMessage.class);
    }

    /** Builds an {@link MqttSource}; only the server URI and topic filters are required. */
    public static final class Builder {
        private String serverUri;
        private List<String> topicFilters = List.of();
        private String clientIdPrefix = "hearth";
        private String sharedGroup = "hearth";
        private MqttSourceConfig.ShareMode shareMode = MqttSourceConfig.ShareMode.WHEN_PARALLEL;
        private Duration sessionExpiry = Duration.ofDays(1);
        private int receiveMaximum = 65535;
        private int connectionsPerReader = 1;
        private int bufferCapacity = 10_000;
        private Duration reconnectMin = Duration.ofMillis(250);
        private Duration reconnectMax = Duration.ofSeconds(30);
        private Duration keepAlive = Duration.ofSeconds(60);
        private MqttSecurity security = MqttSecurity.none();
        private Clock clock = Clock.systemUTC();
        private Clock realClock;
        private Duration progressEvery;

        private Builder() {}

        public Builder serverUri(String uri) {
            this.serverUri = uri;
            return this;
        }

        public Builder topicFilters(List<String> filters) {
            this.topicFilters = List.copyOf(filters);
            return this;
        }

        public Builder topicFilters(String... filters) {
            return topicFilters(List.of(filters));
        }

        /** The stable part of each reader's client id; use the job's name. */
        public Builder clientIdPrefix(String prefix) {
            this.clientIdPrefix = prefix;
            return this;
        }

        public Builder sharedGroup(String group) {
            this.sharedGroup = group;
            return this;
        }

        public Builder shareMode(MqttSourceConfig.ShareMode mode) {
            this.shareMode = mode;
            return this;
        }

        public Builder sessionExpiry(Duration expiry) {
            this.sessionExpiry = expiry;
            return this;
        }

        public Builder receiveMaximum(int max) {
            this.receiveMaximum = max;
            return this;
        }

        /**
         * Broker connections per reader, each its own session and {@link #receiveMaximum} window, all in the reader's
         * shared subscription: the reader may hold {@code k x receiveMaximum} unacknowledged messages (default 1).
         */
        public Builder connectionsPerReader(int connections) {
            this.connectionsPerReader = connections;
            return this;
        }

        public Builder bufferCapacity(int capacity) {
            this.bufferCapacity = capacity;
            return this;
        }

        public Builder reconnectBackoff(Duration min, Duration max) {
            this.reconnectMin = min;
            this.reconnectMax = max;
            return this;
        }

        public Builder keepAlive(Duration keepAlive) {
            this.keepAlive = keepAlive;
            return this;
        }

        public Builder security(MqttSecurity security) {
            this.security = security;
            return this;
        }

        /** The clock that stamps receive times; must be serializable. */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /**
         * The clock that times the reader's own waits (broker and network delays), when {@link #clock}
         * runs faster than real time (the demo's); must be serializable. By default the same clock.
         */
        public Builder realClock(Clock realClock) {
            this.realClock = realClock;
            return this;
        }

        /**
         * Readers tell the event-time step when they have caught up with the broker (every second),
         * so that live event time never jumps past a backlog still queued for Hearth after a
         * restart or an outage ({@link SourceProgress}). For the sensor source only.
         */
        public Builder reportProgress() {
            return reportProgress(Duration.ofSeconds(1));
        }

        public Builder reportProgress(Duration every) {
            this.progressEvery = every;
            return this;
        }

        public MqttSourceConfig config() {
            return new MqttSourceConfig(serverUri, topicFilters, clientIdPrefix, sharedGroup, shareMode, sessionExpiry,
                    receiveMaximum, connectionsPerReader, bufferCapacity, reconnectMin, reconnectMax, keepAlive, security, clock, progressEvery, realClock);
        }

        public MqttSource build() {
            return new MqttSource(config());
        }
    }
}
