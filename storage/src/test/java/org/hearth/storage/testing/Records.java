package org.hearth.storage.testing;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import org.hearth.models.baseline.Baseline;
import org.hearth.models.baseline.BaselineConfig;
import org.hearth.models.day.DayProfile;
import org.hearth.models.alert.Alert;
import org.hearth.models.alert.Rule;
import org.hearth.models.event.SensorEvent;
import org.hearth.models.event.SensorKind;

/** The one place storage tests build events and alerts. */
public final class Records {

    public static final Instant MORNING = Instant.parse("2026-11-23T07:00:00Z");

    private Records() {
    }

    /** The n-th kettle reading in home {@code home}, one second apart. */
    public static SensorEvent kettle(String home, int n) {
        return new SensorEvent(home, "kitchen-plug", MORNING.plusSeconds(n), SensorKind.POWER, 2000.0 + n, 80, 120);
    }

    /** A plain care day: up at {@code rise} local minutes, kettle a quarter of an hour later. */
    public static DayProfile day(LocalDate date, int rise) {
        return new DayProfile(date, 1440, rise, 1350, 480, 1, rise + 15, 5, 4, 1, 300, 900, 60, 0, 0b111L, Map.of(), Map.of());
    }

    /** A baseline that has learned ten plain days, rising between 07:00 and 07:45. */
    public static Baseline baseline() {
        Baseline baseline = new Baseline(BaselineConfig.defaults());
        for (int i = 0; i < 10; i++) {
            baseline.add(day(LocalDate.of(2026, 11, 1).plusDays(i), 420 + 5 * i));
        }
        return baseline;
    }

    /** The n-th alert in home {@code home}, one minute apart. */
    public static Alert alert(String home, int n) {
        return new Alert("a-" + home + "-" + n, home, "r-" + home, Rule.NOT_UP, Rule.NOT_UP.severity(),
                MORNING.plus(Duration.ofMinutes(n)), "usually up by 08:10", "no movement since 22:41",
                "Hearth: J.S. not up yet (usually by 08:10). Reply OK 4821 to take this.");
    }
}
