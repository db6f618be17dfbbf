package org.hearth.installer.check;

import java.util.Locale;
import org.hearth.models.event.SensorKind;

/** A reading as an installer reads it: "open", "occupied", "2150 W", not "1.0". */
final class ValueText {

    private ValueText() {}

    static String of(SensorKind kind, double value) {
        boolean on = value >= 0.5;
        return switch (kind) {
            case MOTION -> on ? "motion" : "no motion";
            case CONTACT -> on ? "open" : "closed";
            case BED -> on ? "occupied" : "empty";
            case BUTTON -> on ? "pressed" : "released";
            case POWER -> number(value) + " W";
            case TEMPERATURE -> number(value) + " C";
            case HUMIDITY -> number(value) + " %";
            case HEARTBEAT -> "alive";
            case AVAILABILITY -> on ? "online" : "offline";
        };
    }

    static String number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e9
                ? Long.toString((long) value) : String.format(Locale.ROOT, "%.1f", value);
    }
}
