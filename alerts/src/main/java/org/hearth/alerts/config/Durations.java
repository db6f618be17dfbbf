package org.hearth.alerts.config;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as written in Hearth's files: {@code 90s}, {@code 10m}, {@code 2h}, {@code 3d}, {@code 250ms}. */
public final class Durations {

    private static final Pattern FORM = Pattern.compile("\\s*(\\d+)\\s*(ms|s|m|h|d)\\s*");

    private Durations() {}

    public static Duration parse(String setting, String text) {
        Matcher m = text == null ? null : FORM.matcher(text);
        if (m == null || !m.matches()) {
            throw new ConfigException(setting + ": '" + text + "' is not a duration like 90s, 10m, 2h, 3d");
        }
        long n = Long.parseLong(m.group(1));
        Duration d = switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
        if (d.isZero()) {
            throw new ConfigException(setting + ": must be more than zero");
        }
        return d;
    }
}
