package org.hearth.live;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A wall clock for live-job tests: it stands at {@code frozenAt} (before any recorded event, so the
 * idle watermark never overtakes a recording being published) until {@link #set} writes an instant
 * into its file; from then on it stands at that instant. Flink tasks hold serialized copies of the
 * clock, so the instant lives in a file that every copy reads (as {@code DemoClock} does), not in
 * memory one copy would not share.
 */
final class FileClock extends Clock implements Serializable {

    private static final long serialVersionUID = 1L;

    private final String file;
    private final Instant frozenAt;

    private transient volatile Instant set;

    FileClock(Path file, Instant frozenAt) {
        this.file = file.toString();
        this.frozenAt = frozenAt;
    }

    /** Moves every copy of this clock to {@code instant} (once). */
    void set(Instant instant) {
        try {
            Path tmp = Path.of(file + ".tmp");
            Files.writeString(tmp, instant.toString());
            Files.move(tmp, Path.of(file), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Instant instant() {
        Instant at = set;
        if (at == null) {
            Path path = Path.of(file);
            if (!Files.exists(path)) {
                return frozenAt;
            }
            try {
                at = Instant.parse(Files.readString(path).trim());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            set = at;
        }
        return at;
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
