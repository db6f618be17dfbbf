package org.hearth.installer.check;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.hearth.models.registry.Sensor;

/**
 * The words an installer uses for a sensor ("kettle plug", "kitchen motion"), so that a verdict
 * reads "kitchen motion silent" rather than a device id. Two sensors that would share a label get
 * their ids added, so a label always names exactly one sensor.
 */
public final class SensorLabel {

    private SensorLabel() {}

    /** Labels for every sensor of a kit, keyed by sensor id, unique within the kit. */
    public static Map<String, String> of(List<Sensor> sensors) {
        Map<String, Integer> uses = new HashMap<>();
        sensors.forEach(s -> uses.merge(plain(s), 1, Integer::sum));
        Map<String, String> labels = new HashMap<>();
        for (Sensor s : sensors) {
            String label = plain(s);
            labels.put(s.id(), uses.get(label) > 1 ? label + " (" + s.id() + ")" : label);
        }
        return labels;
    }

    /** The label before disambiguation: by role when it has one, else room and kind. */
    static String plain(Sensor s) {
        if (s.role() != null) {
            switch (s.role()) {
                case KETTLE -> {
                    return "kettle plug";
                }
                case BED -> {
                    return "bed sensor";
                }
                case FRONT_DOOR -> {
                    return "front door contact";
                }
                case HELP_BUTTON -> {
                    return "help button";
                }
                case OK_BUTTON -> {
                    return "\"I'm OK\" button";
                }
                case BATHROOM -> {
                    return "bathroom motion";
                }
                case KITCHEN -> {
                    return "kitchen motion";
                }
            }
        }
        String room = s.room() == null || s.room().isBlank() ? "" : s.room().toLowerCase(Locale.ROOT) + " ";
        return room + s.kind().wireName();
    }
}
