package org.hearth.live.sidepath;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Optional;
import org.hearth.ingest.deadletter.SafeText;

/**
 * Keeps a side path's faults from reaching detection: every exception from its {@link SideWriter}
 * (creating it, writing, flushing) is caught, counted and turned into a {@link SideFault} on the
 * change from working to failing and back. Records not taken are held (up to {@code maxHeld}; past
 * that the oldest are counted lost) and retried with a backoff from 1 s to 1 min, so a path that
 * stays down costs bounded memory and one attempt a minute, not one per record. Plain Java, not
 * thread-safe: one per writer subtask.
 */
public final class SidePathGuard<T> implements AutoCloseable {

    static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    static final Duration MAX_BACKOFF = Duration.ofMinutes(1);
    /** Attempts at the same record before it is given up as one the writer can never take. */
    static final int POISON_AFTER = 3;

    private final String path;
    private final int subtask;
    private final SideWriterFactory<T> factory;
    private final int maxHeld;
    private final ArrayDeque<T> held = new ArrayDeque<>();
    private SideWriter<T> writer;
    private boolean failing;
    private String error;
    private Instant retryAt;
    private Duration backoff = FIRST_BACKOFF;
    private long written;
    private long failures;
    private long lost;
    private int headFailures;

    public SidePathGuard(String path, int subtask, SideWriterFactory<T> factory, int maxHeld) {
        this.path = path;
        this.subtask = subtask;
        this.factory = factory;
        this.maxHeld = maxHeld;
    }

    /** Writes (or holds) one record. @return a fault when the path just started or stopped failing */
    public Optional<SideFault> offer(T value, Instant now) {
        held.addLast(value);
        while (held.size() > maxHeld) {
            held.removeFirst();
            lost++;
        }
        if (failing && now.isBefore(retryAt)) {
            return Optional.empty();
        }
        return drain(now, false);
    }

    /** At every checkpoint: writes what is held and flushes. @return a fault on a change */
    public Optional<SideFault> checkpoint(Instant now) {
        if (failing && now.isBefore(retryAt)) {
            return Optional.empty();
        }
        return drain(now, true);
    }

    private Optional<SideFault> drain(Instant now, boolean flush) {
        try {
            if (writer == null) {
                writer = factory.create(subtask);
            }
            while (!held.isEmpty()) {
                try {
                    writer.write(held.peekFirst());
                } catch (Exception e) {
                    // A record refused again and again is poison, not an outage: give it up, counted.
                    if (++headFailures >= POISON_AFTER) {
                        held.removeFirst();
                        lost++;
                        headFailures = 0;
                    }
                    throw e;
                }
                held.removeFirst();
                headFailures = 0;
                written++;
            }
            if (flush || failing) {
                writer.flush();
            }
        } catch (Exception e) {
            return fail(now, e);
        }
        if (failing) {
            failing = false;
            backoff = FIRST_BACKOFF;
            return Optional.of(fault(now));
        }
        return Optional.empty();
    }

    private Optional<SideFault> fail(Instant now, Exception e) {
        failures++;
        error = SafeText.detail(e.getClass().getSimpleName() + ": " + e.getMessage());
        retryAt = now.plus(backoff);
        backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
        if (writer != null && !(e instanceof HeldByWriter)) {
            // A writer that threw may be broken (a closed channel, a dead connection): start afresh.
            closeQuietly();
        }
        if (!failing) {
            failing = true;
            return Optional.of(fault(now));
        }
        return Optional.empty();
    }

    private SideFault fault(Instant now) {
        return new SideFault(path, subtask, failing, failing ? error : null, held.size(), lost, now);
    }

    private void closeQuietly() {
        try {
            writer.close();
        } catch (Exception ignored) {
            // already failing; the first error is the one reported
        }
        writer = null;
    }

    @Override
    public void close() {
        if (writer != null) {
            try {
                writer.flush();
            } catch (Exception e) {
                failures++;
            }
            closeQuietly();
        }
        lost += held.size();
        held.clear();
    }

    public boolean failing() {
        return failing;
    }

    public long written() {
        return written;
    }

    public long failures() {
        return failures;
    }

    public long lost() {
        return lost;
    }

    public int held() {
        return held.size();
    }

    /**
     * Thrown by a writer that keeps the failed records itself (a {@code LineFile} holds its lines):
     * the path is failing, but the writer is fine to keep and nothing is lost by keeping it.
     */
    public static final class HeldByWriter extends Exception {
        public HeldByWriter(String message) {
            super(message, null, false, false);
        }
    }
}
