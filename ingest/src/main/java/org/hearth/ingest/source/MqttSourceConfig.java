package org.hearth.ingest.source;

import java.io.Serializable;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Everything the MQTT source needs, as one value (built by {@link MqttSource#builder()}).
 *
 * @param serverUri {@code tcp://host:1883} or {@code ssl://host:8883}
 * @param topicFilters what to subscribe to (e.g. {@code RoutingTable.topicFilters()}), at QoS 1
 * @param clientIdPrefix the stable part of each reader's client id; reader {@code i} connects as
 *     {@code {prefix}-{i}} so that after a restart it finds its broker session and its unacknowledged
 *     messages again. Use the job name.
 * @param sharedGroup the MQTT 5 shared-subscription group used when the source runs in parallel
 * @param shareMode when to use {@code $share/{group}/{filter}}
 * @param sessionExpiry how long the broker keeps the session (and queues for it) while Hearth is away
 * @param receiveMaximum unacknowledged QoS 1 messages the broker may have in flight to one reader
 *     (MQTT 5 Receive Maximum, at most 65535): must cover rate × checkpoint interval
 * @param connectionsPerReader broker connections (sessions) each reader holds, 1..{@value #MAX_CONNECTIONS_PER_READER},
 *     each with its own {@code receiveMaximum} window and all in one shared subscription (so above 1 the subscription
 *     is {@code $share/{group}/...} even with one reader, and {@link ShareMode#NEVER} is refused). Connection 0 is
 *     {@code {prefix}-{i}}, the others {@code {prefix}-{i}-c{n}} ({@link ReaderSessions})
 * @param bufferCapacity messages buffered between the MQTT client and Flink; when full, the client's
 *     thread waits, which stops reading the socket (backpressure reaches the broker as TCP flow control)
 * @param reconnectMin first reconnect delay
 * @param reconnectMax longest reconnect delay (doubling in between)
 * @param keepAlive MQTT keep-alive
 * @param security credentials and TLS
 * @param clock gives each message its receive time (must be serializable; {@code Clock.systemUTC()} is)
 * @param progressEvery how often a caught-up reader says so in its record stream ({@link SourceProgress}),
 *     or null for never (control and carers' sources, whose decoders expect device topics only)
 * @param realClock times the reader's own waits (quiet before "caught up", the end of a drained
 *     session), which are physical delays of the broker and the network; null for {@code clock}.
 *     Differs only where {@code clock} runs faster than real time ({@code hearth demo}: at 120x a
 *     second of its time is 8 ms of the broker's)
 */
public record MqttSourceConfig(
        String serverUri,
        List<String> topicFilters,
        String clientIdPrefix,
        String sharedGroup,
        ShareMode shareMode,
        Duration sessionExpiry,
        int receiveMaximum,
        int connectionsPerReader,
        int bufferCapacity,
        Duration reconnectMin,
        Duration reconnectMax,
        Duration keepAlive,
        MqttSecurity security,
        Clock clock,
        Duration progressEvery,
        Clock realClock) implements Serializable {

    /** When to subscribe through an MQTT 5 shared subscription. */
    public enum ShareMode {
        /**
         * Shared when the source's parallelism or its connections per reader are above 1 (plain subscriptions also
         * receive retained messages).
         */
        WHEN_PARALLEL,
        ALWAYS,
        NEVER
    }

    /**
     * The most connections one reader holds: 16 x 65,535 unacknowledged messages per checkpoint interval is about
     * 3.6 million homes' morning peak at 10 s; past that, more readers (flink.parallelism).
     */
    public static final int MAX_CONNECTIONS_PER_READER = 16;

    public MqttSourceConfig {
        Objects.requireNonNull(serverUri, "serverUri");
        topicFilters = List.copyOf(topicFilters);
        if (topicFilters.isEmpty()) {
            throw new IllegalArgumentException("at least one topic filter is needed");
        }
        Objects.requireNonNull(clientIdPrefix, "clientIdPrefix");
        if (receiveMaximum < 1 || receiveMaximum > 65535) {
            throw new IllegalArgumentException("receiveMaximum must be 1..65535, got " + receiveMaximum);
        }
        if (connectionsPerReader < 1 || connectionsPerReader > MAX_CONNECTIONS_PER_READER) {
            throw new IllegalArgumentException("connectionsPerReader must be 1.." + MAX_CONNECTIONS_PER_READER + ", got "
                    + connectionsPerReader);
        }
        if (connectionsPerReader > 1 && shareMode == ShareMode.NEVER) {
            // Each connection would hold its own plain subscription and receive every message: k copies, no wider window.
            throw new IllegalArgumentException("connectionsPerReader " + connectionsPerReader
                    + " needs a shared subscription; shareMode NEVER allows one connection per reader");
        }
        if (bufferCapacity < 1) {
            throw new IllegalArgumentException("bufferCapacity must be positive");
        }
        Objects.requireNonNull(clock, "clock");
        realClock = realClock == null ? clock : realClock;
        security = security == null ? MqttSecurity.none() : security;
        if (progressEvery != null && (progressEvery.isZero() || progressEvery.isNegative())) {
            throw new IllegalArgumentException("progressEvery must be positive, got " + progressEvery);
        }
    }

    /** Whether the readers subscribe through {@code $share/{group}/...}, given the source's parallelism. */
    public boolean shared(int parallelism) {
        return switch (shareMode) {
            case ALWAYS -> true;
            case NEVER -> false;
            case WHEN_PARALLEL -> parallelism > 1 || connectionsPerReader > 1;
        };
    }

    /** True when readers emit {@link SourceProgress} markers. */
    public boolean reportsProgress() {
        return progressEvery != null;
    }
}
