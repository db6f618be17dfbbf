package org.hearth.demo;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.hearth.models.time.ScaledClock;

/**
 * The demo's clock: it stands still before the simulated history while the history is published and
 * learned (so that the idle watermark, which follows this clock, never overtakes the history and
 * makes it late), then, once {@link #start} has been called, runs {@code speed} times faster than
 * the wall clock from the live morning.
 *
 * <p>The simulator, the ingest validation, the idle watermark and the delivery all read copies of
 * this clock inside Flink tasks; they agree because the moment it started is kept in a file that
 * every copy reads, not in memory that a copy would not share.
 */
final class DemoClock extends Clock implements Serializable {

    private static final long serialVersionUID = 1L;

    private final String startFile;
    private final Instant frozenAt;
    private final Instant liveStart;
    private final double speed;
    private final Clock base;

    private transient volatile ScaledClock running;

    /**
     * @param startFile where {@link #start} records the moment the clock began to run
     * @param frozenAt the instant shown until then: before the history starts
     * @param liveStart the instant shown when the clock starts
     * @param speed simulated seconds per real second once running
     * @param base the real clock (serializable)
     */
    DemoClock(Path startFile, Instant frozenAt, Instant liveStart, double speed, Clock base) {
        this.startFile = startFile.toString();
        this.frozenAt = frozenAt;
        this.liveStart = liveStart;
        this.speed = speed;
        this.base = base;
    }

    /** Starts the clock now; every copy of it runs from this moment. */
    void start() {
        try {
            Files.writeString(Path.of(startFile), Long.toString(base.millis()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    boolean started() {
        return running() != null;
    }

    @Override
    public Instant instant() {
        ScaledClock clock = running();
        return clock == null ? frozenAt : clock.instant();
    }

    private ScaledClock running() {
        ScaledClock clock = running;
        if (clock == null) {
            Path file = Path.of(startFile);
            if (Files.exists(file)) {
                try {
                    Instant startedAt = Instant.ofEpochMilli(Long.parseLong(Files.readString(file).trim()));
                    Instant shownNow = liveStart.plusNanos((long) (java.time.Duration.between(startedAt, base.instant()).toNanos() * speed));
                    clock = new ScaledClock(base, shownNow, speed);
                    running = clock;
                } catch (IOException | NumberFormatException e) {
                    return null; // being written: still standing
                }
            }
        }
        return clock;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        if (zone.equals(ZoneOffset.UTC)) {
            return this;
        }
        throw new UnsupportedOperationException("Hearth keeps clocks in UTC");
    }
}
