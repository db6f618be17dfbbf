package org.hearth.models.day;

import java.time.Duration;
import java.time.Instant;

/**
 * When a home's care day is learned: its close ({@link DayConfig#closeDelay} past the boundary) put off by a
 * per-home offset within {@link #WINDOW}, a stable hash of the home id. Care days turn at the same local hour for
 * every resident, and learning one (the baseline read, the day added, the baseline written, the limits recomputed)
 * costs far more than an event: with a million residents in one zone, closing them all at 12:30 would hold every
 * other event, a help press among them, behind minutes of learning (issue 18). Spread over the window, the same
 * work is a steady trickle. The offset depends on the id alone, so a home closes at the same moment in every run,
 * in every JVM and after every restore: replay and live decide alike.
 *
 * <p>While its close is put off the day stays open: an activity decided late for it is still counted, as
 * within the close delay.
 */
public final class CloseSpread {

    /** The window the closes are spread over, after the close delay. */
    public static final Duration WINDOW = Duration.ofMinutes(60);

    private CloseSpread() {}

    /** How long after the common close {@code homeId}'s care days close: in [0, {@link #WINDOW}), whole seconds. */
    public static Duration offset(String homeId) {
        long h = homeId.hashCode(); // String.hashCode is specified: the same in every JVM
        h ^= h >>> 33; // mixed (MurmurHash3's finalizer), so that ids alike ("h1", "h2") land far apart
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return Duration.ofSeconds(Math.floorMod(h, WINDOW.toSeconds()));
    }

    /** The watermark as the day tracker of a home with this {@code offset} sees it for closing days. */
    public static Instant closingWatermark(Instant now, Duration offset) {
        return now.minus(offset);
    }
}
