package org.hearth.alerts.config;

import java.time.Duration;

/**
 * Durations in alerts' settings ({@code 90s}, {@code 10m}, {@code 2h}, {@code 3d}, {@code 250ms}),
 * read by models' one parser; alerts add that a duration must be more than zero and name the setting.
 */
public final class Durations {

    private Durations() {}

    public static Duration parse(String setting, String text) {
        Duration d;
        try {
            d = org.hearth.models.time.Durations.parse(text);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(setting + ": '" + text + "' is not a duration like 90s, 10m, 2h, 3d");
        }
        if (d.isZero()) {
            throw new ConfigException(setting + ": must be more than zero");
        }
        return d;
    }
}
