package org.hearth.replay;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.hearth.models.event.SensorKind;

/**
 * The value of a CASAS line, read according to the sensor's kind, from the fields after the sensor's
 * name. CASAS homes were logged by several generations of software, and real logs are not clean:
 * <ul>
 *   <li>some put the sensor's location (one or two words) between its name and its value
 *       ({@code M003 Kitchen ON Control4-Motion}), so the value is the first field after the name
 *       that reads as the kind's value, and the words around it are left alone;</li>
 *   <li>the Aruba log of 2010-12-13 garbles on and off for about ten hours ({@code ONc},
 *       {@code OFF5cc}, {@code OFcF}), and elsewhere a value runs into the next sensor's name
 *       ({@code ONM026}); dropping those motions would be a false silence, so a word that is an on/off
 *       word once its stray lowercase {@code c} and {@code 5} are dropped, or that starts with one and
 *       continues with a sensor name, is read as that word. {@code OF} is a cut {@code OFF}; a lone
 *       {@code O} could be either and is refused.</li>
 * </ul>
 */
final class CasasValue {

    private static final Pattern STRAY = Pattern.compile("[c5]");
    private static final Pattern SWITCH_THEN_SENSOR = Pattern.compile("(ON|OFF|OPEN|CLOSED?)[A-Z]+\\d+");

    private CasasValue() {}

    /** The value of {@code fields} (the line's fields after the sensor name) for a sensor of {@code kind}. */
    static Optional<Double> read(SensorKind kind, List<String> fields) {
        for (String f : fields) {
            Optional<Double> v = exact(kind, f);
            if (v.isPresent()) {
                return v;
            }
        }
        if (!switches(kind)) {
            return Optional.empty();
        }
        for (String f : fields) {
            Optional<Double> v = exact(kind, repaired(f));
            if (v.isPresent()) {
                return v;
            }
        }
        return Optional.empty();
    }

    /** The on/off word a garbled one stands for, or the word itself. */
    static String repaired(String word) {
        String w = STRAY.matcher(word).replaceAll("");
        var m = SWITCH_THEN_SENSOR.matcher(w);
        if (m.matches()) {
            w = m.group(1);
        }
        return w.equals("OF") ? "OFF" : w;
    }

    private static boolean switches(SensorKind kind) {
        return switch (kind) {
            case MOTION, BED, BUTTON, AVAILABILITY, CONTACT -> true;
            default -> false;
        };
    }

    private static Optional<Double> exact(SensorKind kind, String raw) {
        String word = raw.toUpperCase(Locale.ROOT);
        switch (kind) {
            case MOTION, BED, BUTTON, AVAILABILITY -> {
                return switch (word) {
                    case "ON", "1", "TRUE" -> Optional.of(1.0);
                    case "OFF", "0", "FALSE" -> Optional.of(0.0);
                    default -> Optional.empty();
                };
            }
            case CONTACT -> {
                return switch (word) {
                    case "OPEN", "1" -> Optional.of(1.0);
                    case "CLOSE", "CLOSED", "0" -> Optional.of(0.0);
                    default -> Optional.empty();
                };
            }
            default -> {
                try {
                    double v = Double.parseDouble(raw);
                    return Double.isFinite(v) ? Optional.of(v) : Optional.empty();
                } catch (NumberFormatException e) {
                    return Optional.empty();
                }
            }
        }
    }
}
