package org.hearth.replay;

import java.nio.file.Path;
import java.util.Locale;
import org.hearth.models.registry.Home;
import org.hearth.models.registry.KitRegistry;

/** The line formats {@code hearth replay} reads. */
public enum ReplayFormat {
    /** One native event per line (DESIGN.md, Event files for replay). */
    NATIVE,
    /** CASAS smart-home lines, mapped through the homes file (see {@link CasasLines}). */
    CASAS,
    /** Raw MQTT messages recorded by {@code hearth capture} (see {@link MqttLines}), through ingest's decoders. */
    MQTT;

    public static ReplayFormat fromName(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown format '" + name + "' (one of native, casas, mqtt)");
        }
    }

    LineDecoder decoderFor(Path file, KitRegistry registry) {
        return switch (this) {
            case NATIVE -> new NativeLines(file.getFileName().toString(), registry);
            case CASAS -> new CasasLines(file.getFileName().toString(), casasHome(file, registry));
            case MQTT -> new MqttLines(file.getFileName().toString(), registry);
        };
    }

    /**
     * The home a CASAS file belongs to (CASAS lines name no home): the home whose id is the file's
     * name without extension, or the only home of the registry.
     *
     * @throws IllegalArgumentException when neither applies
     */
    public static Home casasHome(Path file, KitRegistry registry) {
        String name = file.getFileName().toString();
        String stem = name.contains(".") ? name.substring(0, name.indexOf('.')) : name;
        return registry.home(stem).orElseGet(() -> {
            if (registry.homes().size() == 1) {
                return registry.homes().get(0);
            }
            throw new IllegalArgumentException("CASAS file '" + name + "' names no home: call it <homeId>.txt (e.g. "
                    + registry.homes().get(0).id() + ".txt) or give a homes file with a single home");
        });
    }
}
