package org.hearth.models.day;

import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;

/**
 * A stretch of time in which a zone's offset from UTC does not change (between two daylight-saving
 * transitions), so that local dates and times inside it are plain arithmetic. {@link CareDay} asks a
 * zone's local time several times per event ({@code ZonedDateTime} looks the offset up in the
 * zone's rules each time); it keeps the window it last used and falls back to {@code java.time}
 * where the window does not answer.
 *
 * <p>Exact by construction: only instants at least {@link #MARGIN_S} inside the window take the
 * fast path ({@link #fast}), more than any offset change (at most 36 h, offsets being within
 * ±18 h), so neither an instant nor a local time near a transition (a gap, an overlap) is ever
 * judged here. Immutable: shared between threads through a plain field, a stale one is only a miss.
 *
 * @param from the transition that began this offset, epoch second ({@code Long.MIN_VALUE}: none)
 * @param to the next transition, epoch second ({@code Long.MAX_VALUE}: none)
 */
record ZoneWindow(ZoneId zone, long from, long to, int offsetSeconds) {

    /** Two days: beyond any offset change, so the offset is certain this far inside the window. */
    static final long MARGIN_S = 2 * 86_400;

    /** Each zone's window last used (a few zones at most: the homes' own). */
    private static final java.util.concurrent.ConcurrentHashMap<ZoneId, ZoneWindow> LAST = new java.util.concurrent.ConcurrentHashMap<>();

    /** {@code zone}'s window that holds the instant at {@code epochSecond}: the last one used, or a new one. */
    static ZoneWindow of(ZoneId zone, long epochSecond) {
        ZoneWindow w = lastUsed;
        if (w != null && w.holds(zone, epochSecond)) { // most homes of a deployment share one zone
            return w;
        }
        w = LAST.get(zone);
        if (w == null || !w.holds(zone, epochSecond)) {
            w = around(epochSecond, zone);
            LAST.put(zone, w);
        }
        lastUsed = w;
        return w;
    }

    /** The window last answered, of any zone: checked before the map. */
    private static ZoneWindow lastUsed;

    /** The window around the instant at {@code epochSecond} (for a zone with no transitions, all time). */
    static ZoneWindow around(long epochSecond, ZoneId zone) {
        ZoneRules rules = zone.getRules();
        java.time.Instant t = java.time.Instant.ofEpochSecond(epochSecond);
        int offset = rules.getOffset(t).getTotalSeconds();
        if (rules.isFixedOffset()) {
            return new ZoneWindow(zone, Long.MIN_VALUE, Long.MAX_VALUE, offset);
        }
        ZoneOffsetTransition before = rules.previousTransition(t);
        ZoneOffsetTransition after = rules.nextTransition(t);
        // At a transition's own second, previousTransition gives the one before it: then the window starts here.
        long from = before == null ? Long.MIN_VALUE
                : before.getOffsetAfter().getTotalSeconds() == offset ? before.getInstant().getEpochSecond() : epochSecond;
        long to = after == null ? Long.MAX_VALUE
                : after.getOffsetBefore().getTotalSeconds() == offset ? after.getInstant().getEpochSecond() : epochSecond + 1;
        return new ZoneWindow(zone, from, to, offset);
    }

    /** Whether this is {@code zone}'s window and holds the instant at {@code epochSecond} (near its ends too). */
    boolean holds(ZoneId zone, long epochSecond) {
        return (zone == this.zone || zone.equals(this.zone)) && epochSecond >= from && epochSecond < to;
    }

    /** Whether the offset at {@code epochSecond} (any nanoseconds) is certainly this window's: well inside it. */
    boolean fast(long epochSecond) {
        return epochSecond >= from + MARGIN_S && epochSecond < to - MARGIN_S;
    }

    /** Seconds since the local epoch (1970-01-01T00:00 local) of an instant the window is {@link #fast} for. */
    long localSecond(long epochSecond) {
        return epochSecond + offsetSeconds;
    }
}
