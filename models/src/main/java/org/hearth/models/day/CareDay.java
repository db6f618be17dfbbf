package org.hearth.models.day;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Objects;

/**
 * A care day: from a local hour (default 12:00) on {@code date} to the same local hour the next
 * day, so that a night is never split in two. It is named by the local date on which it starts.
 *
 * <p>All arithmetic goes through the resident's zone, so a care day that contains a daylight-saving
 * change is 23 or 25 hours long and local wall-clock times keep their meaning on either side.
 */
public record CareDay(LocalDate date) implements Comparable<CareDay> {

    public static final LocalTime DEFAULT_BOUNDARY = LocalTime.NOON;

    public CareDay {
        Objects.requireNonNull(date, "date");
    }

    public static CareDay of(LocalDate date) {
        return new CareDay(date);
    }

    /** The care day containing the instant {@code t} for a resident in {@code zone}. */
    public static CareDay containing(Instant t, ZoneId zone, LocalTime boundary) {
        long second = t.getEpochSecond();
        ZoneWindow w = ZoneWindow.of(zone, second);
        if (w.fast(second)) { // the same answer as below, without the zone rules' look-up (several per event)
            long local = w.localSecond(second);
            long day = Math.floorDiv(local, DAY_S);
            int secondOfDay = (int) Math.floorMod(local, DAY_S);
            int b = boundary.toSecondOfDay();
            boolean beforeBoundary = secondOfDay < b || (secondOfDay == b && t.getNano() < boundary.getNano());
            return ofEpochDay(beforeBoundary ? day - 1 : day);
        }
        ZonedDateTime local = t.atZone(zone);
        LocalDate d = local.toLocalDate();
        return new CareDay(local.toLocalTime().isBefore(boundary) ? d.minusDays(1) : d);
    }

    private static final long DAY_S = 86_400;

    /** The care day last named by {@link #ofEpochDay}: most calls in a row name the same day. */
    private static CareDay lastNamed;

    /** The care day starting on the local date {@code epochDay}; {@code LocalDate.ofEpochDay} only when the day changes. */
    private static CareDay ofEpochDay(long epochDay) {
        CareDay last = lastNamed;
        if (last != null && last.date.toEpochDay() == epochDay) {
            return last;
        }
        CareDay day = new CareDay(LocalDate.ofEpochDay(epochDay));
        lastNamed = day;
        return day;
    }

    /** When this care day starts. A boundary inside a spring-forward gap moves forward by the gap. */
    public Instant start(ZoneId zone, LocalTime boundary) {
        long local = date.toEpochDay() * DAY_S + boundary.toSecondOfDay();
        // as instantAt: the local time read as UTC is within a day of the instant, the window there gives the offset
        ZoneWindow w = ZoneWindow.of(zone, local);
        long second = local - w.offsetSeconds();
        if (w.fast(second)) { // the only valid offset this far from a transition (the day tracker asks twice per event)
            return Instant.ofEpochSecond(second, boundary.getNano());
        }
        return ZonedDateTime.of(date, boundary, zone).toInstant();
    }

    /** When this care day ends (the next one's start). */
    public Instant end(ZoneId zone, LocalTime boundary) {
        return next().start(zone, boundary);
    }

    /** 24 hours, or 23 / 25 across a daylight-saving change. */
    public Duration length(ZoneId zone, LocalTime boundary) {
        return Duration.between(start(zone, boundary), end(zone, boundary));
    }

    public CareDay next() {
        return new CareDay(date.plusDays(1));
    }

    public CareDay previous() {
        return new CareDay(date.minusDays(1));
    }

    public boolean contains(Instant t, ZoneId zone, LocalTime boundary) {
        return !t.isBefore(start(zone, boundary)) && t.isBefore(end(zone, boundary));
    }

    /**
     * A local minute of the day (0-1439) as minutes since the care day's boundary (0-1439), the
     * scale on which times that straddle midnight are compared: with a 12:00 boundary 23:50 is 710
     * and 00:10 is 730, twenty minutes apart.
     */
    public static int careMinute(int localMinuteOfDay, LocalTime boundary) {
        int b = boundary.getHour() * 60 + boundary.getMinute();
        return Math.floorMod(localMinuteOfDay - b, 1440);
    }

    /** The inverse of {@link #careMinute}. */
    public static int localMinute(int careMinute, LocalTime boundary) {
        int b = boundary.getHour() * 60 + boundary.getMinute();
        return Math.floorMod(careMinute + b, 1440);
    }

    /** The local wall-clock minute of the day (0-1439) of an instant. */
    public static int localMinuteOf(Instant t, ZoneId zone) {
        long second = t.getEpochSecond();
        ZoneWindow w = ZoneWindow.of(zone, second);
        if (w.fast(second)) {
            return (int) (Math.floorMod(w.localSecond(second), DAY_S) / 60);
        }
        LocalTime lt = t.atZone(zone).toLocalTime();
        return lt.getHour() * 60 + lt.getMinute();
    }

    /**
     * The instant at which this care day's wall clock shows {@code localMinuteOfDay} (the first such
     * instant in a fall-back overlap; the instant after the gap in a spring-forward gap).
     */
    public Instant instantAt(int localMinuteOfDay, ZoneId zone, LocalTime boundary) {
        int care = careMinute(localMinuteOfDay, boundary);
        int b = boundary.getHour() * 60 + boundary.getMinute();
        long epochDay = b + care >= 1440 ? date.toEpochDay() + 1 : date.toEpochDay();
        long local = epochDay * DAY_S + localMinuteOfDay * 60L;
        // the local time read as UTC is within a day of the instant: the window there gives the offset
        ZoneWindow w = ZoneWindow.of(zone, local);
        long second = local - w.offsetSeconds();
        if (w.fast(second) && localMinuteOfDay >= 0 && localMinuteOfDay < 1440) {
            // the only valid offset this far from a transition: the same instant as below
            return Instant.ofEpochSecond(second);
        }
        LocalDate d = LocalDate.ofEpochDay(epochDay);
        LocalTime lt = LocalTime.of(localMinuteOfDay / 60, localMinuteOfDay % 60);
        return ZonedDateTime.of(d, lt, zone).toInstant();
    }

    @Override
    public int compareTo(CareDay o) {
        return date.compareTo(o.date);
    }

    @Override
    public String toString() {
        return date.toString();
    }
}
