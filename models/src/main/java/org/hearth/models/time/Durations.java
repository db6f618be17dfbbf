package org.hearth.models.time;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as Hearth writes them everywhere (command line, hearth.yaml, alerts, thresholds.yaml,
 * detection settings): a number and a unit, {@code 90s}, {@code 10m}, {@code 2h}, {@code 3d}, and
 * {@code 250ms} for the few settings that need less than a second. The one parser: callers add
 * their own rules (alerts refuse zero) and their own error type (picocli's, a config exception
 * naming the file and field).
 */
public final class Durations {

    /** The accepted form, for error messages. */
    public static final String FORM_HINT = "write a number and a unit, e.g. 90s, 10m, 2h or 3d";

    private static final Pattern FORM = Pattern.compile("\\s*(\\d{1,9}(?:\\.\\d{1,9})?)\\s*(ms|s|m|h|d)\\s*");

    private Durations() {}

    /**
     * @throws IllegalArgumentException "'text' is not a duration: ..." when the text is not of the form
     */
    public static Duration parse(String text) {
        Matcher m = match(text);
        Duration unit = unit(m.group(2));
        if (!m.group(1).contains(".")) {
            return unit.multipliedBy(Long.parseLong(m.group(1)));
        }
        // Fractions (1.5h) come from thresholds.yaml; exact to the nanosecond, rounded down.
        BigDecimal nanos = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(unit.toNanos()));
        return Duration.ofNanos(nanos.longValue());
    }

    /**
     * The same form in minutes, as a double, for the thresholds (a margin of {@code 90s} is 1.5
     * minutes). Computed as n/60, n, n*60, n*1440 so that thresholds keep their exact values.
     */
    public static double minutes(String text) {
        Matcher m = match(text);
        double n = Double.parseDouble(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> n / 60_000;
            case "s" -> n / 60;
            case "m" -> n;
            case "h" -> n * 60;
            default -> n * 1440;
        };
    }

    /** The inverse of {@link #parse} for whole seconds, using the largest unit that divides the duration exactly. */
    public static String format(Duration duration) {
        long seconds = duration.toSeconds();
        if (seconds != 0 && seconds % 86_400 == 0) {
            return seconds / 86_400 + "d";
        }
        if (seconds != 0 && seconds % 3_600 == 0) {
            return seconds / 3_600 + "h";
        }
        if (seconds != 0 && seconds % 60 == 0) {
            return seconds / 60 + "m";
        }
        return seconds + "s";
    }

    private static Matcher match(String text) {
        Matcher m = FORM.matcher(text == null ? "" : text);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a duration: " + FORM_HINT);
        }
        return m;
    }

    private static Duration unit(String unit) {
        return switch (unit) {
            case "ms" -> Duration.ofMillis(1);
            case "s" -> Duration.ofSeconds(1);
            case "m" -> Duration.ofMinutes(1);
            case "h" -> Duration.ofHours(1);
            default -> Duration.ofDays(1);
        };
    }
}
