package org.hearth.ingest.source;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.core.io.InputStatus;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.groups.SourceReaderMetricGroup;
import org.hearth.ingest.source.internal.split.MqttSplit;

/**
 * Emits buffered MQTT messages into Flink and acknowledges them after the checkpoint that covers
 * their emission completes. The bookkeeping lives in {@link AckTracker}; the broker links in
 * {@link MqttConnection}: one per configured connection ({@link MqttSourceConfig#connectionsPerReader}),
 * each its own session and in-flight window, all feeding the one buffer. A message's {@link AckHandle}
 * carries the epoch of the connection that received it, and each connection sends only its own
 * epoch's PUBACKs. Runs on the task's mailbox thread, except the buffer's producer side.
 */
public final class MqttSourceReader implements SourceReader<MqttMessage, MqttSplit> {

    private static final CompletableFuture<Void> AVAILABLE = CompletableFuture.completedFuture(null);
    /** A drained session ends once everything it delivered is acknowledged and nothing came for this long. */
    private static final long DRAIN_QUIET_MILLIS = 2_000;

    private final BlockingQueue<Received> buffer;
    private final AckTracker acks = new AckTracker();
    /** This reader's own connections; connection 0 has the client id readers had before there were several. */
    private final List<MqttConnection> connections;
    private final ReaderSessions sessions;
    /** Completes once any own connection holds its subscriptions: from then on an orphan's may go. */
    private final CompletableFuture<Void> subscribed;
    private final Map<String, MqttSplit> splits = new LinkedHashMap<>();
    private final Object availability = new Object();
    private CompletableFuture<Void> available = new CompletableFuture<>();
    private final Counter emitted;
    private final MqttSourceConfig config;
    private final int subtask;
    private final int parallelism;
    private final List<String> allFilters;
    /** Sessions of readers that no longer exist, being drained by this one (see {@link #drainOrphans}). */
    private final List<MqttConnection> drains = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile boolean closing;
    /** Progress markers ({@link SourceProgress}): the wake-up timer, or null when not reported. */
    private final ScheduledExecutorService progressTimer;
    private boolean behindSent;
    private long lastReceived = Long.MIN_VALUE;
    private long lastProgress = Long.MIN_VALUE;
    private long lastAcked = Long.MIN_VALUE;

    public MqttSourceReader(MqttSourceConfig config, SourceReaderContext context) {
        this.buffer = new ArrayBlockingQueue<>(config.bufferCapacity());
        this.config = config;
        int subtask = context.getIndexOfSubtask();
        boolean shared = config.shared(context.currentParallelism());
        List<String> plain = config.topicFilters();
        List<String> sharedFilters = plain.stream().map(f -> "$share/" + config.sharedGroup() + "/" + f).toList();
        this.sessions = new ReaderSessions(config.clientIdPrefix(), subtask, context.currentParallelism(),
                config.connectionsPerReader());
        List<MqttConnection> own = new ArrayList<>();
        for (int c = 0; c < config.connectionsPerReader(); c++) {
            own.add(new MqttConnection(config, sessions.own(c), shared ? sharedFilters : plain, shared ? plain : sharedFilters,
                    buffer, this::signalAvailable));
        }
        this.connections = List.copyOf(own);
        this.subscribed = CompletableFuture.anyOf(connections.stream().map(MqttConnection::subscribed)
                .toArray(CompletableFuture[]::new)).thenApply(any -> null);
        this.subtask = subtask;
        this.parallelism = context.currentParallelism();
        this.allFilters = java.util.stream.Stream.concat(plain.stream(), sharedFilters.stream()).toList();
        SourceReaderMetricGroup metrics = context.metricGroup();
        this.emitted = metrics.counter("mqttMessagesEmitted");
        metrics.gauge("mqttPendingAcks", acks::pending);
        metrics.gauge("mqttBuffered", buffer::size);
        metrics.gauge("mqttConnections", connections::size);
        metrics.gauge("mqttReconnects", () -> sum(MqttConnection::reconnects));
        metrics.gauge("mqttAcksSent", () -> sum(MqttConnection::acksSent));
        metrics.gauge("mqttAcksSkippedStaleConnection", () -> sum(MqttConnection::acksSkipped));
        this.progressTimer = config.reportsProgress() ? Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "mqtt-progress-" + subtask);
            t.setDaemon(true);
            return t;
        }) : null;
    }

    private long sum(java.util.function.ToLongFunction<MqttConnection> counter) {
        return connections.stream().mapToLong(counter).sum();
    }

    /** This reader's own connections, connection 0 first (for tests: which connection received and acknowledged what). */
    List<MqttConnection> connections() {
        return connections;
    }

    @Override
    public void start() {
        connections.forEach(MqttConnection::start);
        drainOrphans(sessions.firstSubtask());
        if (progressTimer != null) {
            long every = config.progressEvery().toMillis();
            progressTimer.scheduleAtFixedRate(this::signalAvailable, every, every, TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public InputStatus pollNext(ReaderOutput<MqttMessage> output) {
        Received r = buffer.poll();
        if (r == null) {
            failIfRefused();
            reportProgress(output);
            return InputStatus.NOTHING_AVAILABLE;
        }
        lastReceived = config.realClock().millis();
        output.collect(r.message(), r.message().receivedAt().toEpochMilli());
        // Filed for acknowledgement only now that it is emitted: a snapshot taken while it was
        // still buffered does not cover it (see AckTracker).
        acks.emitted(r.ack());
        emitted.inc();
        return buffer.isEmpty() ? InputStatus.NOTHING_AVAILABLE : InputStatus.MORE_AVAILABLE;
    }

    /**
     * Scale without loss: with fewer readers or fewer connections than in an earlier run, the
     * sessions nobody owns now still hold what the broker queued for them (and, in a shared
     * subscription, the broker may go on routing new messages to them). This reader takes over its
     * own surplus connections' sessions and those of the subtasks {@code i + p}, {@code i + 2p}, ...
     * one subtask at a time, all of its connection slots at once ({@link ReaderSessions}): reads what
     * each holds into its own buffer (acknowledged at checkpoints like its own messages) and then ends
     * it. The next subtask is searched once every slot of this one was drained or found empty.
     */
    private void drainOrphans(int searched) {
        if (closing) {
            return;
        }
        List<ReaderSessions.Slot> slots = sessions.slotsOf(searched);
        if (slots.isEmpty()) { // its own subtask, every connection index in use
            sessions.nextSubtask(searched, false).ifPresent(this::drainOrphans);
            return;
        }
        java.util.concurrent.atomic.AtomicInteger left = new java.util.concurrent.atomic.AtomicInteger(slots.size());
        java.util.concurrent.atomic.AtomicBoolean anyFound = new java.util.concurrent.atomic.AtomicBoolean();
        List<MqttConnection> started = new ArrayList<>();
        for (ReaderSessions.Slot slot : slots) {
            // The orphan keeps its subscription until this reader's own holds (connection.subscribed()): a
            // 2 -> 1 restart moves this reader from the shared to the plain form, and in between nothing else
            // would take what is published. Its queue is read meanwhile, ahead of this reader's live messages,
            // so that the backlog is not overtaken by event time.
            started.add(MqttConnection.drain(config, sessions.clientId(slot), allFilters, buffer, this::signalAvailable, found -> {
                if (found) {
                    anyFound.set(true);
                }
                if (left.decrementAndGet() == 0) {
                    sessions.nextSubtask(searched, anyFound.get()).ifPresent(this::drainOrphans);
                }
            }, subscribed));
        }
        drains.addAll(started);
        drains.removeIf(d -> !d.isDraining() && !started.contains(d));
        started.forEach(MqttConnection::start);
    }

    /** Whether the search for orphan sessions (probes and drains) is still going on (for tests). */
    boolean drainingOrphans() {
        return drains.stream().anyMatch(MqttConnection::isDraining);
    }

    /** A broker that cannot serve the shared subscription this reader needs fails the job with a clear error. */
    private void failIfRefused() {
        for (MqttConnection connection : connections) {
            connection.refusal().ifPresent(why -> {
                throw new IllegalStateException(SharedSubscriptions.message(config.serverUri(), why,
                        config.connectionsPerReader(), parallelism));
            });
        }
    }

    /**
     * Emits a {@link SourceProgress} marker when due: {@code BEHIND} first of all, then
     * {@code CAUGHT_UP} while subscribed for a moment, with nothing buffered, nothing received and
     * nothing acknowledged for a moment, and no acknowledgement outstanding (the broker may hold
     * messages beyond its in-flight window until those are acknowledged at the next checkpoint,
     * and sends them only after the acknowledgements reach it).
     */
    private void reportProgress(ReaderOutput<MqttMessage> output) {
        if (progressTimer == null) {
            return;
        }
        // Quiet is judged on the real clock (broker and network delays); markers carry the config clock's time.
        long now = config.realClock().millis();
        if (!behindSent) {
            behindSent = true;
            output.collect(SourceProgress.behind(config.clock().instant()), config.clock().millis());
            return;
        }
        long quiet = config.progressEvery().toMillis();
        // Every own connection subscribed (the broker sends a resumed session's queue right after), the latest a moment ago.
        long subscribedAt = connections.stream().anyMatch(c -> c.subscribedAt() < 0) ? -1
                : connections.stream().mapToLong(MqttConnection::subscribedAt).max().orElse(-1);
        boolean caughtUp = subscribedAt >= 0 && now - subscribedAt >= quiet
                && (lastReceived == Long.MIN_VALUE || now - lastReceived >= quiet)
                && (lastAcked == Long.MIN_VALUE || now - lastAcked >= quiet)
                && buffer.isEmpty() && acks.pending() == 0
                && drains.stream().noneMatch(MqttConnection::isDraining);
        if (caughtUp && (lastProgress == Long.MIN_VALUE || now - lastProgress >= quiet)) {
            lastProgress = now;
            output.collect(SourceProgress.caughtUp(config.clock().instant()), config.clock().millis());
        }
    }

    @Override
    public CompletableFuture<Void> isAvailable() {
        synchronized (availability) {
            if (!buffer.isEmpty() || (progressTimer != null && !behindSent)) {
                return AVAILABLE;
            }
            if (available.isDone()) {
                available = new CompletableFuture<>();
            }
            return available;
        }
    }

    private void signalAvailable() {
        CompletableFuture<Void> toComplete;
        synchronized (availability) {
            toComplete = available;
        }
        toComplete.complete(null);
    }

    @Override
    public List<MqttSplit> snapshotState(long checkpointId) {
        acks.snapshot(checkpointId);
        return new ArrayList<>(splits.values());
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) {
        List<AckHandle> due = acks.complete(checkpointId);
        if (!due.isEmpty() && progressTimer != null) {
            lastAcked = config.realClock().millis(); // the broker may now send what it held back
        }
        // Grouped once: each connection then takes only its own epochs' handles (not k look-ups of every handle).
        Map<Long, List<AckHandle>> byEpoch = AckHandle.byEpoch(due);
        for (MqttConnection connection : connections) {
            connection.ack(byEpoch); // each sends the PUBACKs of what it received, and skips the rest
        }
        long now = config.realClock().millis();
        for (MqttConnection drain : drains) {
            drain.ack(byEpoch);
            drain.endIfDrained(now, DRAIN_QUIET_MILLIS);
        }
    }

    @Override
    public void addSplits(List<MqttSplit> newSplits) {
        newSplits.forEach(s -> splits.put(s.splitId(), s));
    }

    @Override
    public void notifyNoMoreSplits() {}

    @Override
    public void close() {
        closing = true;
        drains.forEach(MqttConnection::close);
        if (progressTimer != null) {
            progressTimer.shutdownNow();
        }
        connections.forEach(MqttConnection::close);
    }
}
