package org.hearth.ingest.decode;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Month;
import java.time.OffsetDateTime;
import java.time.Year;

/**
 * A fast path for the one timestamp shape devices send, {@code 2026-11-23T07:12:03.120Z} (or with
 * {@code +01:00}, or without an offset for local time), giving exactly what
 * {@link OffsetDateTime#parse} and {@link LocalDateTime#parse} give for it.
 *
 * <p>Why: {@code OffsetDateTime.parse} goes through the general {@code DateTimeFormatter} machinery
 * (a map of parsed fields, copied for each optional section, then resolved), about 3 times what
 * Jackson takes to parse the whole message into a tree (BENCHMARKS.md, section 1). This reads the
 * digits at fixed places instead.
 *
 * <p>The contract is narrow on purpose: a method returns null for anything it does not take
 * (lower-case {@code t} or {@code z}, a time without seconds, more than 9 fraction digits, a year
 * beyond 4 digits, an offset {@code +18:01}, 30 February, a letter among the digits...) and the
 * caller then parses with java.time as before, so every other spelling is accepted or refused
 * exactly as it was, with the same message. It never refuses what java.time accepts.
 * {@code IsoTimeTest} checks both against java.time on generated strings.
 */
final class IsoTime {

    /** {@code yyyy-MM-ddTHH:mm:ss}. */
    private static final int SECONDS_END = 19;

    private IsoTime() {}

    /** The instant of {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}](Z|±HH:MM)}, or null (parse it with java.time). */
    static Instant offsetInstant(String s) {
        int n = s.length();
        long local = localEpochSecond(s);
        if (local == Long.MIN_VALUE) {
            return null;
        }
        int end = fractionEnd(s);
        if (end < 0) {
            return null;
        }
        int offsetSeconds;
        if (end == n - 1 && s.charAt(end) == 'Z') {
            offsetSeconds = 0;
        } else if (end == n - 6 && (s.charAt(end) == '+' || s.charAt(end) == '-') && s.charAt(end + 3) == ':') {
            int hours = twoDigits(s, end + 1);
            int minutes = twoDigits(s, end + 4);
            // ZoneOffset's range is -18:00 to +18:00; beyond it java.time says why.
            if (hours < 0 || minutes < 0 || minutes > 59 || hours * 60 + minutes > 18 * 60) {
                return null;
            }
            offsetSeconds = (hours * 3600 + minutes * 60) * (s.charAt(end) == '-' ? -1 : 1);
        } else {
            return null;
        }
        return Instant.ofEpochSecond(local - offsetSeconds, nanos(s, end));
    }

    /** The local date-time {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}]} with nothing after it, or null. */
    static LocalDateTime localDateTime(String s) {
        int end = fractionEnd(s);
        if (end != s.length() || localEpochSecond(s) == Long.MIN_VALUE) {
            return null;
        }
        return LocalDateTime.of(number(s, 0, 4), twoDigits(s, 5), twoDigits(s, 8), twoDigits(s, 11), twoDigits(s, 14),
                twoDigits(s, 17), nanos(s, end));
    }

    /**
     * Seconds from the epoch of the date and time in the first 19 characters read as UTC, or
     * {@code Long.MIN_VALUE} when they are not a valid {@code yyyy-MM-ddTHH:mm:ss} (java.time's
     * strict resolver: day within the month, hour below 24, no leap second).
     */
    private static long localEpochSecond(String s) {
        if (s.length() < SECONDS_END || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T'
                || s.charAt(13) != ':' || s.charAt(16) != ':') {
            return Long.MIN_VALUE;
        }
        int year = number(s, 0, 4);
        int month = twoDigits(s, 5);
        int day = twoDigits(s, 8);
        int hour = twoDigits(s, 11);
        int minute = twoDigits(s, 14);
        int second = twoDigits(s, 17);
        if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59
                || second < 0 || second > 59 || day > Month.of(month).length(Year.isLeap(year))) {
            return Long.MIN_VALUE;
        }
        return LocalDate.of(year, month, day).toEpochDay() * 86_400L + hour * 3600L + minute * 60L + second;
    }

    /** Where the optional {@code .f{1,9}} after the seconds ends, or -1 when it is malformed. */
    private static int fractionEnd(String s) {
        int i = SECONDS_END;
        if (i >= s.length() || s.charAt(i) != '.') {
            return i;
        }
        int j = i + 1;
        while (j < s.length() && isDigit(s.charAt(j))) {
            j++;
        }
        int digits = j - i - 1;
        return digits >= 1 && digits <= 9 ? j : -1;
    }

    /** The fraction of a second between the seconds and {@code end}, in nanoseconds. */
    private static int nanos(String s, int end) {
        int nanos = 0;
        int scale = 100_000_000;
        for (int i = SECONDS_END + 1; i < end; i++, scale /= 10) {
            nanos += (s.charAt(i) - '0') * scale;
        }
        return nanos;
    }

    private static int twoDigits(String s, int at) {
        return number(s, at, at + 2);
    }

    /** The ASCII digits in {@code [from, to)} as a number, or -1 if any is not a digit. */
    private static int number(String s, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (!isDigit(c)) {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
