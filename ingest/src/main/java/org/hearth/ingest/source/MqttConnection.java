package org.hearth.ingest.source;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.hearth.models.time.Backoff;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One reader's link to the broker: connects a Paho MQTT 5 client with a persistent session and
 * manual acknowledgements, puts what arrives into the reader's bounded buffer, sends PUBACKs when
 * told, and reconnects with backoff when the link drops.
 *
 * <p>Each connection attempt uses a fresh Paho client and a new epoch number. A message is tagged
 * with the epoch of the client that received it, and an ack is sent only if that client is still
 * the current one: a packet id means nothing on another connection, where the broker may already
 * have reused it for a different message. Messages received on an old connection are redelivered
 * by the broker on the new one (same client id, session kept), so skipping their acks loses
 * nothing. Paho's own automatic reconnect is not used because it keeps the client, and with it
 * packet ids, across connections.
 *
 * <p>Threads: Paho's callback thread calls {@link Callback#messageArrived} and blocks while the
 * buffer is full (backpressure: Paho stops reading the socket, TCP stops the broker). The
 * reconnect thread is this class's own single-thread scheduler. {@link #ack} is called from the
 * Flink mailbox thread; {@code lock} guards the switch from one client to the next.
 */
public final class MqttConnection implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MqttConnection.class);
    /** Epochs are unique across a reader's connections (its own and the sessions it drains), so acks find theirs. */
    private static final AtomicLong EPOCHS = new AtomicLong();

    private final MqttSourceConfig config;
    private final String clientId;
    private final List<String> subscribeFilters;
    private final List<String> unsubscribeFilters;
    private final BlockingQueue<Received> buffer;
    private final Runnable onArrival;
    private final Backoff backoff;
    /** Reconnect attempts since the last successful connect. */
    private int retries;
    private final ScheduledExecutorService connector;
    private final Object lock = new Object();
    private final java.util.Set<Long> ownEpochs = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /** Null for a reader's own connection; else called once with whether an orphan session was drained. */
    private final java.util.function.Consumer<Boolean> onDrained;
    private final java.util.concurrent.atomic.AtomicInteger unacknowledged = new java.util.concurrent.atomic.AtomicInteger();
    private volatile long lastArrival = Long.MIN_VALUE;
    private volatile boolean draining;
    private volatile boolean drained;
    private final AtomicLong reconnects = new AtomicLong();
    private final AtomicLong acksSent = new AtomicLong();
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong acksSkipped = new AtomicLong();

    private MqttAsyncClient client;
    private long currentEpoch = -1;
    private volatile boolean closed;
    /** Why the broker cannot serve this connection's shared subscription, once it said so (then no more reconnects). */
    private volatile String refusal;
    /** When the current connection finished subscribing (its real clock's millis), or -1 while there is none. */
    private volatile long subscribedAt = -1;
    /** For a drain: the draining reader's own subscription, before which the orphan's is kept. */
    private java.util.concurrent.CompletableFuture<Void> unsubscribeAfter = java.util.concurrent.CompletableFuture.completedFuture(null);
    /** Completed when a connection of this reader first holds its subscriptions. */
    private final java.util.concurrent.CompletableFuture<Void> subscribed = new java.util.concurrent.CompletableFuture<>();

    /**
     * @param subscribeFilters the filters to hold (already {@code $share/...}-prefixed when shared)
     * @param unsubscribeFilters filters of the other form to drop from a resumed session (after a
     *     rescale between shared and plain), once the new ones hold
     * @param onArrival called after each message is buffered (wakes the Flink reader)
     */
    public MqttConnection(MqttSourceConfig config, String clientId, List<String> subscribeFilters,
                          List<String> unsubscribeFilters, BlockingQueue<Received> buffer, Runnable onArrival) {
        this(config, clientId, subscribeFilters, unsubscribeFilters, buffer, onArrival, null);
    }

    /**
     * A connection that drains the session of a reader that no longer exists (the job runs with a
     * lower parallelism than before): it resumes that session, unsubscribes its filters so that the
     * broker routes nothing new to it, hands what the session held to this reader's buffer, and once
     * all of it is acknowledged and nothing more arrives, ends the session (session expiry 0). If
     * the broker holds no such session, it ends the one the probe created at once.
     *
     * @param filters every form of the source's filters (shared and plain), to unsubscribe
     * @param onDrained called once, with true if a session was found and drained
     * @param unsubscribeAfter the draining reader's own subscription: the orphan's filters are dropped
     *     only once it holds, so that a message published meanwhile still has a subscriber
     */
    public static MqttConnection drain(MqttSourceConfig config, String clientId, List<String> filters,
                                       BlockingQueue<Received> buffer, Runnable onArrival,
                                       java.util.function.Consumer<Boolean> onDrained,
                                       java.util.concurrent.CompletableFuture<Void> unsubscribeAfter) {
        MqttConnection c = new MqttConnection(config, clientId, List.of(), filters, buffer, onArrival,
                java.util.Objects.requireNonNull(onDrained));
        c.unsubscribeAfter = java.util.Objects.requireNonNull(unsubscribeAfter);
        return c;
    }

    private MqttConnection(MqttSourceConfig config, String clientId, List<String> subscribeFilters,
                           List<String> unsubscribeFilters, BlockingQueue<Received> buffer, Runnable onArrival,
                           java.util.function.Consumer<Boolean> onDrained) {
        this.onDrained = onDrained;
        this.config = config;
        this.clientId = clientId;
        this.subscribeFilters = List.copyOf(subscribeFilters);
        this.unsubscribeFilters = List.copyOf(unsubscribeFilters);
        this.buffer = buffer;
        this.onArrival = onArrival;
        // at least a millisecond: the scheduler takes whole milliseconds
        this.backoff = new Backoff(config.reconnectMin().toMillis() < 1 ? Duration.ofMillis(1) : config.reconnectMin(),
                config.reconnectMax());
        this.connector = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "mqtt-connect-" + clientId);
            t.setDaemon(true);
            return t;
        });
    }

    /** Completes (on the connecting thread) once this reader's connection first holds its subscriptions. */
    public java.util.concurrent.CompletableFuture<Void> subscribed() {
        return subscribed;
    }

    /** Connects in the background; returns at once. */
    public void start() {
        connector.execute(this::connect);
    }

    private void connect() {
        if (closed) {
            return;
        }
        long epoch = EPOCHS.incrementAndGet();
        ownEpochs.add(epoch);
        MqttAsyncClient c = null;
        try {
            c = new MqttAsyncClient(config.serverUri(), clientId, new MemoryPersistence());
            c.setManualAcks(true);
            c.setCallback(new Callback(epoch));
            IMqttToken connected = c.connect(options());
            connected.waitForCompletion(30_000);
            if (onDrained != null && !connected.getSessionPresent()) {
                // No reader of that index left anything (or, on a reconnect, the session was ended
                // meanwhile): the session this connection just created goes at once.
                endSession(c);
                finishDrain(draining);
                return;
            }
            if (onDrained == null) {
                MqttProperties connack = connected.getResponseProperties();
                if (refused(c, SharedSubscriptions.refusal(subscribeFilters,
                        connack == null || connack.isSharedSubscriptionAvailable()))) {
                    return;
                }
            }
            unacknowledged.set(0); // the broker redelivers whatever an earlier connection had not acknowledged
            synchronized (lock) {
                if (closed) {
                    closeQuietly(c);
                    return;
                }
                client = c;
                currentEpoch = epoch;
            }
            if (onDrained != null) {
                // Its queue flows from the CONNACK on; its subscription is dropped once the reader's own holds.
                while (!closed && !unsubscribeAfter.isDone()) {
                    try {
                        unsubscribeAfter.get(1, java.util.concurrent.TimeUnit.SECONDS);
                    } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException notYet) {
                        // keep waiting while open
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
                if (!unsubscribeFilters.isEmpty()) {
                    c.unsubscribe(unsubscribeFilters.toArray(String[]::new)).waitForCompletion(30_000);
                }
                if (!draining) {
                    LOG.info("MQTT {} is the session of a reader that no longer exists (the job runs with fewer readers): "
                            + "reading what it holds, then ending it", clientId);
                }
                draining = true;
                lastArrival = config.realClock().millis();
                retries = 0;
                return;
            }
            MqttSubscription[] subs = subscribeFilters.stream().map(f -> {
                MqttSubscription s = new MqttSubscription(f, 1);
                s.setRetainHandling(1); // retained messages only for a new subscription, not on every reconnect
                return s;
            }).toArray(MqttSubscription[]::new);
            IMqttToken sub = c.subscribe(subs);
            sub.waitForCompletion(30_000);
            if (refused(c, SharedSubscriptions.refusal(subscribeFilters, true, sub.getReasonCodes()))) {
                return;
            }
            for (int code : sub.getReasonCodes()) {
                if (code >= 0x80) {
                    throw new MqttException(code);
                }
            }
            // The other form (after a rescale between shared and plain) goes only now that these hold:
            // dropped first, a message published in between would match no subscription and be lost
            // (measured: 4 events at a 2 -> 1 restart). One that matches both meanwhile arrives twice,
            // and ingest's de-duplication keeps one.
            if (!unsubscribeFilters.isEmpty()) {
                c.unsubscribe(unsubscribeFilters.toArray(String[]::new)).waitForCompletion(30_000);
            }
            retries = 0;
            subscribedAt = config.realClock().millis();
            LOG.info("MQTT reader {} connected to {} (epoch {}), subscribed to {} filter(s)", clientId,
                    config.serverUri(), epoch, subs.length);
            subscribed.complete(null);
        } catch (MqttException | RuntimeException e) {
            if (e instanceof MqttException m && onDrained == null
                    && refused(c, SharedSubscriptions.refusal(subscribeFilters, true, m.getReasonCode()))) {
                return;
            }
            LOG.warn("MQTT reader {} could not connect to {}: {}", clientId, config.serverUri(), e.toString());
            synchronized (lock) {
                if (client == c) {
                    client = null;
                }
            }
            closeQuietly(c);
            scheduleReconnect();
        }
    }

    /**
     * If the broker refused the shared subscription: stops this connection for good (a retry gets the same answer),
     * keeps the reason for the reader ({@link #refusal()}) and wakes it. The session is left as it is.
     *
     * @param c the client being connected, or null from Paho's callback thread (the current client, then closed on
     *     the connector: closing a Paho client from its own callback thread deadlocks)
     */
    private boolean refused(MqttAsyncClient c, java.util.Optional<String> why) {
        if (why.isEmpty()) {
            return false;
        }
        refusal = why.get();
        LOG.error("MQTT reader {}: broker {} does not support shared subscriptions ({}); not reconnecting", clientId,
                config.serverUri(), refusal);
        MqttAsyncClient toClose;
        synchronized (lock) {
            closed = true;
            toClose = c != null ? c : client;
            if (client == toClose) {
                client = null;
                subscribedAt = -1;
            }
        }
        if (c != null) {
            closeQuietly(c);
        } else {
            try {
                connector.execute(() -> closeQuietly(toClose));
            } catch (java.util.concurrent.RejectedExecutionException e) {
                // closing
            }
        }
        onArrival.run();
        return true;
    }

    /** Why the broker cannot serve this connection's shared subscription, or empty (see {@link SharedSubscriptions}). */
    public java.util.Optional<String> refusal() {
        return java.util.Optional.ofNullable(refusal);
    }

    private MqttConnectionOptions options() {
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setCleanStart(false);
        o.setSessionExpiryInterval(config.sessionExpiry().toSeconds());
        o.setReceiveMaximum(config.receiveMaximum());
        o.setAutomaticReconnect(false);
        o.setKeepAliveInterval((int) config.keepAlive().toSeconds());
        o.setConnectionTimeout(30);
        if (config.security().username() != null) {
            o.setUserName(config.security().username());
        }
        if (config.security().password() != null) {
            o.setPassword(config.security().password().getBytes(StandardCharsets.UTF_8));
        }
        if (config.security().customTls()) {
            try {
                o.setSocketFactory(TlsSockets.socketFactory(config.security()));
            } catch (Exception e) {
                throw new IllegalStateException("cannot set up TLS from " + config.security(), e);
            }
        } else if (config.serverUri().startsWith("tcp://")) {
            o.setSocketFactory(new BufferedSockets()); // Paho refuses a plain factory for ssl:// (the JVM's TLS one is kept)
        }
        return o;
    }

    private void scheduleReconnect() {
        if (closed) {
            return;
        }
        long delay = backoff.delay(++retries).toMillis();
        reconnects.incrementAndGet();
        try {
            connector.schedule(this::connect, delay, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // closing
        }
    }

    /**
     * Sends PUBACKs for the handles received on the current connection; skips those of this connection's earlier
     * links (see class doc). Takes the due handles grouped by epoch ({@link AckHandle#byEpoch}), so that each of a
     * reader's connections looks up only the epochs, not every handle: the other connections' handles cost nothing.
     */
    public void ack(java.util.Map<Long, List<AckHandle>> byEpoch) {
        if (byEpoch.isEmpty()) {
            return;
        }
        synchronized (lock) {
            for (java.util.Map.Entry<Long, List<AckHandle>> epoch : byEpoch.entrySet()) {
                boolean current = client != null && epoch.getKey() == currentEpoch;
                if (!current) {
                    if (ownEpochs.contains(epoch.getKey())) {
                        acksSkipped.addAndGet(epoch.getValue().size());
                    } // else another connection of this reader (its others, a drained session) received them
                    continue;
                }
                for (AckHandle h : epoch.getValue()) {
                    try {
                        client.messageArrivedComplete(h.messageId(), h.qos());
                        acksSent.incrementAndGet();
                        unacknowledged.decrementAndGet();
                    } catch (MqttException | RuntimeException e) {
                        // The link is going down; the broker will redeliver on reconnect.
                        acksSkipped.incrementAndGet();
                    }
                }
            }
        }
    }

    /**
     * For a draining connection: ends the session once everything it delivered is acknowledged
     * and nothing arrived for {@code quiet}. Called on the reader's thread after acks.
     */
    public void endIfDrained(long now, long quiet) {
        if (onDrained == null || !draining || drained || unacknowledged.get() > 0 || now - lastArrival < quiet) {
            return;
        }
        MqttAsyncClient c;
        synchronized (lock) {
            c = client;
            if (c == null || !c.isConnected()) {
                return;
            }
            client = null;
            closed = true;
        }
        connector.execute(() -> { // not on the reader's thread: a DISCONNECT may take a moment
            endSession(c);
            LOG.info("MQTT {}: drained and ended", clientId);
            finishDrain(true);
        });
    }

    /** True while a draining connection has not yet ended its session. */
    public boolean isDraining() {
        return onDrained != null && !drained;
    }

    private void finishDrain(boolean found) {
        if (!drained) {
            closed = true;
            connector.shutdown();
            try {
                onDrained.accept(found); // the next probes start first: the reader never sees a moment without drains
            } finally {
                drained = true;
            }
        }
    }

    /** Disconnects with session expiry 0: the broker forgets the session and its queue. */
    private void endSession(MqttAsyncClient c) {
        try {
            MqttProperties props = new MqttProperties();
            props.setSessionExpiryInterval(0L);
            c.disconnect(2_000, null, null, 0, props).waitForCompletion(3_000);
        } catch (MqttException | RuntimeException e) {
            LOG.debug("MQTT {} end of session: {}", clientId, e.toString());
        }
        closeQuietly(c);
    }

    public long reconnects() {
        return reconnects.get();
    }

    public long acksSent() {
        return acksSent.get();
    }

    /** Messages this connection received (over all its epochs), redeliveries included. */
    public long received() {
        return received.get();
    }

    public long acksSkipped() {
        return acksSkipped.get();
    }

    /**
     * When the current connection finished subscribing (the config's real clock millis), or -1 while
     * disconnected: the broker sends a resumed session's queue right after that.
     */
    public long subscribedAt() {
        return subscribedAt;
    }

    public boolean isConnected() {
        synchronized (lock) {
            return client != null && client.isConnected();
        }
    }

    /**
     * Disconnects without acknowledging anything further: what was not acknowledged stays in the
     * broker session for the next reader with this client id.
     */
    @Override
    public void close() {
        closed = true;
        connector.shutdownNow();
        MqttAsyncClient c;
        synchronized (lock) {
            c = client;
            client = null;
        }
        if (c != null) {
            try {
                c.disconnect(2_000).waitForCompletion(3_000);
            } catch (MqttException | RuntimeException e) {
                LOG.debug("MQTT reader {} disconnect: {}", clientId, e.toString());
            }
            closeQuietly(c);
        }
    }

    private static void closeQuietly(MqttAsyncClient c) {
        if (c == null) {
            return;
        }
        try {
            if (c.isConnected()) {
                c.disconnectForcibly(0, 1_000, false);
            }
        } catch (MqttException | RuntimeException ignored) {
            // best effort
        }
        try {
            c.close(true);
        } catch (MqttException | RuntimeException ignored) {
            // best effort
        }
    }

    /** Paho callbacks for one connection epoch. */
    private final class Callback implements MqttCallback {
        private final long epoch;

        Callback(long epoch) {
            this.epoch = epoch;
        }

        @Override
        public void messageArrived(String topic, org.eclipse.paho.mqttv5.common.MqttMessage m) throws InterruptedException {
            Received r = new Received(new MqttMessage(topic, m.getPayload(), config.clock().instant(), m.isRetained()),
                    new AckHandle(epoch, m.getId(), m.getQos()));
            if (m.getQos() > 0) {
                unacknowledged.incrementAndGet();
            }
            lastArrival = config.realClock().millis();
            received.incrementAndGet();
            // Block while the buffer is full, but give up when the reader closes: the message is
            // not acknowledged, so the broker keeps it for the next session.
            while (!closed) {
                if (buffer.offer(r, 200, TimeUnit.MILLISECONDS)) {
                    onArrival.run();
                    return;
                }
            }
        }

        @Override
        public void disconnected(MqttDisconnectResponse response) {
            if (onDrained == null && isCurrent() && refused(null,
                    SharedSubscriptions.refusal(subscribeFilters, true, response.getReturnCode()))) {
                return;
            }
            lost("disconnected: " + response);
        }

        @Override
        public void mqttErrorOccurred(MqttException e) {
            LOG.warn("MQTT reader {} error: {}", clientId, e.toString());
        }

        private boolean isCurrent() {
            synchronized (lock) {
                return epoch == currentEpoch;
            }
        }

        private void lost(String why) {
            boolean reconnect;
            synchronized (lock) {
                reconnect = !closed && epoch == currentEpoch;
                if (reconnect) {
                    subscribedAt = -1;
                    closeLater(client);
                    client = null;
                }
            }
            if (reconnect) {
                LOG.warn("MQTT reader {} lost its connection ({}); reconnecting", clientId, why);
                scheduleReconnect();
            }
        }

        private void closeLater(MqttAsyncClient c) {
            // Closing a Paho client from its own callback thread deadlocks; do it on the connector.
            try {
                connector.execute(() -> closeQuietly(c));
            } catch (java.util.concurrent.RejectedExecutionException e) {
                // closing
            }
        }

        @Override
        public void deliveryComplete(IMqttToken token) {}

        @Override
        public void connectComplete(boolean reconnect, String serverURI) {}

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {}
    }
}
