package org.hearth.alerts.route;

import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.Objects;

/**
 * A carer's local {@code HH:mm-HH:mm} window in which only urgent alerts are sent. The window is
 * read in the resident's zone, may span midnight ({@code 22:00-07:00}) and is evaluated on local
 * wall-clock time, so a daylight-saving change neither shortens nor moves it. An empty window
 * ({@code 00:00-00:00} or null text) means "never quiet".
 */
public record QuietHours(LocalTime start, LocalTime end) implements Serializable {

    public static final QuietHours NONE = new QuietHours(LocalTime.MIDNIGHT, LocalTime.MIDNIGHT);

    public QuietHours {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
    }

    /**
     * Parses {@code HH:mm-HH:mm}; null or blank is {@link #NONE}.
     *
     * @throws IllegalArgumentException naming the text when it is malformed
     */
    public static QuietHours parse(String text) {
        if (text == null || text.isBlank()) {
            return NONE;
        }
        String[] parts = text.trim().split("\\s*-\\s*");
        if (parts.length != 2) {
            throw new IllegalArgumentException("quiet hours '" + text + "' must be HH:mm-HH:mm");
        }
        try {
            return new QuietHours(LocalTime.parse(parts[0]), LocalTime.parse(parts[1]));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("quiet hours '" + text + "' must be HH:mm-HH:mm", e);
        }
    }

    public boolean isNone() {
        return start.equals(end);
    }

    /** Whether the local wall-clock time of {@code at} in {@code zone} falls inside the window. */
    public boolean contains(Instant at, ZoneId zone) {
        if (isNone()) {
            return false;
        }
        LocalTime local = at.atZone(zone).toLocalTime();
        if (start.isBefore(end)) {
            return !local.isBefore(start) && local.isBefore(end);
        }
        return !local.isBefore(start) || local.isBefore(end); // spans midnight
    }

    /**
     * The first instant at or after {@code at} that is outside the window: {@code at} itself when
     * not quiet. A window end that falls in a spring-forward gap resolves to the first valid local
     * time after it (Java's {@link ZonedDateTime#of} rule).
     */
    public Instant endAfter(Instant at, ZoneId zone) {
        if (!contains(at, zone)) {
            return at;
        }
        ZonedDateTime local = at.atZone(zone);
        LocalDate day = local.toLocalDate();
        if (!start.isBefore(end) && !local.toLocalTime().isBefore(start)) {
            day = day.plusDays(1); // inside the evening part of a window that spans midnight
        }
        return ZonedDateTime.of(day, end, zone).toInstant();
    }

    @Override
    public String toString() {
        return start + "-" + end;
    }
}
