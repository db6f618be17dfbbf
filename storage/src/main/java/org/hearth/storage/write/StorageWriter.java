package org.hearth.storage.write;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.hearth.models.time.Backoff;
import org.hearth.storage.StorageConfig;
import org.hearth.storage.point.Retention;
import org.hearth.storage.point.StoredPoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Buffers points and writes them in batches from one background thread, so that the caller (the
 * detection job's thread) never waits for the time-series server.
 *
 * <p>The outage policy (storage/README.md):
 * <ul>
 *   <li>{@link #offer} never blocks on the network. Raw sensor events wait in a bounded queue
 *       ({@code rawBufferLimit}); when it is full the newest are dropped and counted.</li>
 *   <li>Kept points (alerts, lifecycle, everything derived) wait in memory up to
 *       {@code keptMemoryLimit}, then go to an append-only spill file, forced to disk, which is
 *       replayed when the server answers again (also after a restart). They are never dropped.
 *       If even the disk fails, {@link #offer} throws, so the caller (Flink) fails and replays
 *       from its checkpoint rather than losing an alert.</li>
 *   <li>A failed write is retried with exponential backoff ({@code retryBackoff} doubling to
 *       {@code maxRetryBackoff}). A batch the server rejects as malformed (400/422) is split in
 *       halves until the bad lines are isolated; those are counted as rejected and kept in
 *       {@code rejected.lp}; the rest is written.</li>
 *   <li>A server that refuses the credentials (401, 403) is not an outage: retrying cannot help
 *       until the token is fixed, and spilling meanwhile would fill the disk. Each batch it
 *       refuses is given up and counted as {@code refused}; nothing is spilled while it refuses
 *       (kept points beyond {@code keptMemoryLimit} are refused too, oldest first); the writer
 *       keeps offering batches at the backoff's pace (a spill file from before is offered, and refused,
 *       the same way), and one accepted write ends the refusal. The
 *       alerts are still in {@code dataDir/alerts} and the SMS audit: storage is a copy.</li>
 *   <li>{@link #checkpoint()} makes kept points durable: written, or else spilled to disk.</li>
 * </ul>
 * Order: kept points go first, then the spill file, then raw events; every point carries its own
 * timestamp, so arrival order at the server does not matter.
 */
public final class StorageWriter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StorageWriter.class);

    private final StorageConfig config;
    private final String name;
    private final PointTransport transport;
    private final WriteListener listener;
    private final SpillFile spill;
    private final RejectedFile rejectedFile;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition work = lock.newCondition();
    private final Condition progress = lock.newCondition();
    private final ArrayDeque<StoredPoint> raw = new ArrayDeque<>();
    private final ArrayDeque<StoredPoint> kept = new ArrayDeque<>();
    private List<StoredPoint> inFlight = List.of();
    private int inFlightRaw;
    private int inFlightKept;
    private boolean flushRequested;
    private boolean closing;
    private boolean closed;

    private final AtomicLong offered = new AtomicLong();
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong retried = new AtomicLong();
    private final AtomicLong spilled = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    /** The server refused our credentials on the last write (401/403); cleared by an accepted write. */
    private volatile boolean refusing;
    /** Set by send() on a refusal, read by drain() on the flusher thread: back off, as after a failure. */
    private boolean refusedLastSend;
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();

    private final Thread flusher;

    /**
     * Starts a writer and its flusher thread.
     *
     * @param name distinguishes this writer's spill and rejected files in {@code spillDir} (one per
     *     sink instance, e.g. {@code events-0})
     */
    public StorageWriter(StorageConfig config, String name, PointTransport transport, WriteListener listener) {
        this.config = config;
        this.name = name;
        this.transport = transport;
        this.listener = listener;
        try {
            Path dir = config.spillPath();
            this.spill = new SpillFile(dir.resolve(name + ".spill.lp"));
            this.rejectedFile = new RejectedFile(dir.resolve(name + ".rejected.lp"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the storage spill folder " + config.spillDir(), e);
        }
        if (spill.pending() > 0) {
            LOG.info("storage writer {}: {} kept points from an earlier run will be replayed", name, spill.pending());
        }
        this.flusher = new Thread(this::runFlusher, "hearth-storage-" + name);
        this.flusher.setDaemon(true);
        this.flusher.start();
    }

    /** A writer that sends through influxdb-client-java, the token read from the process environment. */
    public static StorageWriter toInflux(StorageConfig config, String name, WriteListener listener) {
        return new StorageWriter(config, name, new InfluxTransport(config, System.getenv()), listener);
    }

    /**
     * Hands a point over without waiting for the network.
     *
     * @return false when a raw point was dropped because the buffer is full (counted)
     * @throws UncheckedIOException when a kept point can be neither held nor spilled to disk
     * @throws IllegalStateException after {@link #close()}
     */
    public boolean offer(StoredPoint point) {
        lock.lock();
        try {
            if (closing || closed) {
                throw new IllegalStateException("storage writer " + name + " is closed");
            }
            offered.incrementAndGet();
            if (point.retention() == Retention.DROPPABLE) {
                if (raw.size() + inFlightRaw >= config.rawBufferLimit()) {
                    dropped.incrementAndGet();
                    listener.dropped(1);
                    return false;
                }
                raw.addLast(point);
            } else if (refusing && kept.size() + inFlightKept >= config.keptMemoryLimit()) {
                // Refused credentials: no spill (it would grow until someone fixes the token); the oldest goes.
                if (!kept.isEmpty()) {
                    kept.pollFirst();
                    refused.incrementAndGet();
                    listener.refused(1);
                }
                kept.addLast(point);
            } else if (spill.pending() > 0 || kept.size() + inFlightKept >= config.keptMemoryLimit()) {
                // Once anything is on disk, later kept points follow it there, so nothing overtakes the spill.
                spillLines(List.of(point.line()));
            } else {
                kept.addLast(point);
            }
            if (raw.size() + kept.size() >= config.batchSize()) {
                work.signal();
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until everything offered so far is written, or the timeout passes (the server is away).
     *
     * @return true when nothing is left waiting
     */
    public boolean flush(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try {
            flushRequested = true;
            work.signal();
            while (bufferedLocked() > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || closed) {
                    return bufferedLocked() == 0;
                }
                progress.awaitNanos(left);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Makes every kept point offered so far durable: written within {@code flushTimeout}, or else
     * forced into the spill file. Raw events stay best effort. Called on each Flink checkpoint.
     */
    public void checkpoint() throws InterruptedException {
        if (flush(config.flushTimeout()) || refusing) {
            return; // refused credentials: nothing to make durable, the points are given up as they are refused
        }
        lock.lock();
        try {
            while (!inFlight.isEmpty() && !closed) {
                progress.await(); // a batch on the wire comes back (written or returned) within the HTTP timeouts
            }
            spillKeptLocked();
        } finally {
            lock.unlock();
        }
    }

    public StorageCounters counters() {
        lock.lock();
        try {
            return new StorageCounters(offered.get(), written.get(), retried.get(), bufferedLocked(), spilled.get(),
                    dropped.get(), rejected.get(), refused.get());
        } finally {
            lock.unlock();
        }
    }

    /** The file where rejected points are kept. */
    public Path rejectedFile() {
        return rejectedFile.path();
    }

    /**
     * Tries to write what is left within {@code flushTimeout}; then kept points still waiting go to
     * the spill file (replayed by the next writer with the same name) and raw events still waiting
     * are counted as dropped.
     */
    @Override
    public void close() throws InterruptedException {
        lock.lock();
        try {
            if (closing || closed) {
                return;
            }
        } finally {
            lock.unlock();
        }
        flush(config.flushTimeout());
        lock.lock();
        try {
            closing = true;
            work.signal();
        } finally {
            lock.unlock();
        }
        flusher.join();
        lock.lock();
        try {
            spillKeptLocked();
            if (!raw.isEmpty()) {
                int lost = raw.size();
                dropped.addAndGet(lost);
                listener.dropped(lost);
                LOG.warn("storage writer {}: {} raw events unsent at shutdown, counted as dropped", name, lost);
                raw.clear();
            }
            closed = true;
            progress.signalAll();
        } finally {
            lock.unlock();
            transport.close();
        }
    }

    // ---- the flusher thread ----

    private void runFlusher() {
        Backoff backoff = new Backoff(config.retryBackoff(), config.maxRetryBackoff());
        int retries = 0; // failed drains in a row
        long backoffNanos = 0;
        while (true) {
            lock.lock();
            try {
                long wait = backoffNanos > 0 ? backoffNanos : config.flushInterval().toNanos();
                boolean waitedForBackoff = backoffNanos > 0;
                while (!closing && wait > 0 && (waitedForBackoff || !readyLocked())) {
                    wait = work.awaitNanos(wait);
                }
                if (closing) {
                    return;
                }
                flushRequested = false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                lock.unlock();
            }
            retries = drain() ? 0 : retries + 1;
            backoffNanos = retries == 0 ? 0 : backoff.delay(retries).toNanos();
        }
    }

    private boolean readyLocked() {
        return flushRequested || raw.size() + kept.size() >= config.batchSize();
    }

    /** Writes until nothing is left. Returns false when the server failed us and we should back off. */
    private boolean drain() {
        while (true) {
            List<StoredPoint> batch;
            boolean fromSpill;
            lock.lock();
            try {
                if (!kept.isEmpty() || !raw.isEmpty()) {
                    batch = takeMemoryBatchLocked();
                    fromSpill = false;
                } else if (spill.pending() > 0) {
                    batch = peekSpill();
                    fromSpill = true;
                } else {
                    progress.signalAll();
                    return true;
                }
            } finally {
                lock.unlock();
            }
            List<StoredPoint> unwritten = send(batch);
            lock.lock();
            try {
                if (fromSpill) {
                    commitSpill(batch.size() - unwritten.size());
                } else {
                    returnToFrontLocked(unwritten);
                    inFlight = List.of();
                    inFlightKept = 0;
                    inFlightRaw = 0;
                }
                progress.signalAll();
            } finally {
                lock.unlock();
            }
            if (!unwritten.isEmpty()) {
                retried.incrementAndGet();
                listener.retried(unwritten.size());
                return false;
            }
            if (refusedLastSend) {
                refusedLastSend = false;
                return false;
            }
        }
    }

    private List<StoredPoint> takeMemoryBatchLocked() {
        List<StoredPoint> batch = new ArrayList<>(Math.min(config.batchSize(), kept.size() + raw.size()));
        while (batch.size() < config.batchSize() && !kept.isEmpty()) {
            batch.add(kept.pollFirst());
            inFlightKept++;
        }
        while (batch.size() < config.batchSize() && !raw.isEmpty()) {
            batch.add(raw.pollFirst());
            inFlightRaw++;
        }
        inFlight = batch;
        return batch;
    }

    private void returnToFrontLocked(List<StoredPoint> unwritten) {
        for (int i = unwritten.size() - 1; i >= 0; i--) {
            StoredPoint point = unwritten.get(i);
            (point.retention() == Retention.KEPT ? kept : raw).addFirst(point);
        }
    }

    /**
     * Sends a batch; on rejection splits it to isolate the bad lines. Returns the points still to
     * write after a retryable failure: always a suffix of {@code batch}, empty when all is done.
     */
    private List<StoredPoint> send(List<StoredPoint> batch) {
        if (batch.isEmpty()) {
            return List.of();
        }
        List<String> lines = new ArrayList<>(batch.size());
        batch.forEach(p -> lines.add(p.line()));
        try {
            transport.write(lines);
            written.addAndGet(batch.size());
            listener.written(batch.size());
            if (refusing) {
                refusing = false;
                LOG.info("storage writer {}: the server accepts Hearth's credentials again", name);
            }
            return List.of();
        } catch (WriteFailure failure) {
            if (failure.kind() == WriteFailure.Kind.REFUSED) {
                refused.addAndGet(batch.size());
                listener.refused(batch.size());
                if (!refusing) {
                    refusing = true;
                    LOG.error("storage writer {}: the server refuses Hearth's credentials (HTTP {}): check storage's token"
                            + " and its write permission on the bucket; points are counted as refused, not kept, until"
                            + " a write is accepted", name, failure.status());
                }
                refusedLastSend = true; // given up, not returned; drain() backs off before the next batch
                return List.of();
            }
            if (failure.kind() == WriteFailure.Kind.RETRYABLE) {
                LOG.warn("storage writer {}: write of {} points failed (status {}), will retry: {}", name, batch.size(),
                        failure.status(), failure.getMessage());
                return batch;
            }
            if (batch.size() == 1) {
                reject(batch.get(0), failure);
                return List.of();
            }
            int mid = batch.size() / 2;
            List<StoredPoint> rest = send(batch.subList(0, mid));
            if (!rest.isEmpty()) {
                List<StoredPoint> all = new ArrayList<>(rest);
                all.addAll(batch.subList(mid, batch.size()));
                return all;
            }
            return send(batch.subList(mid, batch.size()));
        }
    }

    private void reject(StoredPoint point, WriteFailure failure) {
        rejected.incrementAndGet();
        listener.rejected(1);
        String reason = "HTTP " + failure.status() + ": " + failure.getMessage();
        LOG.warn("storage writer {}: the server rejected a {} point, kept in {}: {}", name,
                point.line().substring(0, Math.max(0, point.line().indexOf(','))), rejectedFile.path(), reason);
        try {
            rejectedFile.append(point.line(), reason);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep a rejected point in " + rejectedFile.path(), e);
        }
    }

    // ---- spill ----

    private void spillKeptLocked() {
        if (kept.isEmpty()) {
            return;
        }
        List<String> lines = new ArrayList<>(kept.size());
        kept.forEach(p -> lines.add(p.line()));
        spillLines(lines);
        kept.clear();
    }

    private void spillLines(List<String> lines) {
        try {
            spill.append(lines);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot spill kept points to " + config.spillDir(), e);
        }
        spilled.addAndGet(lines.size());
        listener.spilled(lines.size());
    }

    private List<StoredPoint> peekSpill() {
        try {
            List<StoredPoint> batch = new ArrayList<>();
            for (String line : spill.peek(config.batchSize())) {
                batch.add(StoredPoint.kept(line));
            }
            return batch;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the spill file in " + config.spillDir(), e);
        }
    }

    private void commitSpill(int count) {
        try {
            spill.commit(count);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot advance the spill file in " + config.spillDir(), e);
        }
    }

    private long bufferedLocked() {
        return raw.size() + kept.size() + inFlightRaw + inFlightKept + spill.pending();
    }
}
