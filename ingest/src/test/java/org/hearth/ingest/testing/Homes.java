package org.hearth.ingest.testing;

import java.time.Instant;
import org.hearth.models.event.SensorEvent;
import org.hearth.models.event.SensorKind;
import org.hearth.models.json.HearthJson;
import org.hearth.models.event.NativeMessage;
import org.hearth.models.registry.KitRegistry;
import org.hearth.models.registry.RegistryLoader;

/** A native home per test, so tests sharing a broker never read each other's topics. */
public final class Homes {

    private Homes() {}

    /** A home {@code id} with a motion sensor {@code pir} and a power sensor {@code plug}. */
    public static KitRegistry nativeHome(String id) {
        return new RegistryLoader().parse("homes.yaml", """
                homes:
                  - id: %s
                    resident: {id: r-%s, alias: "T.T."}
                    sensors:
                      - {id: pir, kind: motion, room: kitchen}
                      - {id: plug, kind: power, room: kitchen, role: kettle}
                """.formatted(id, id));
    }

    /** The i-th distinct event of a sequence: unique timestamps, so none is a duplicate of another. */
    public static SensorEvent event(String home, Instant start, int i) {
        return i % 2 == 0
                ? SensorEvent.of(home, "pir", start.plusMillis(i), SensorKind.MOTION, i % 4 == 0 ? 1 : 0)
                : new SensorEvent(home, "plug", start.plusMillis(i), SensorKind.POWER, i % 3000, 80, null);
    }

    public static String topic(SensorEvent e) {
        return "hearth/" + e.homeId() + "/" + e.sensorId();
    }

    public static String payload(SensorEvent e) {
        try {
            return HearthJson.json().writeValueAsString(NativeMessage.of(e));
        } catch (Exception ex) {
            throw new IllegalStateException(ex);
        }
    }
}
