package org.hearth.models.rules;

import java.time.Instant;
import org.hearth.models.event.SensorEvent;
import org.hearth.models.event.SensorKind;
import org.hearth.models.registry.Home;
import org.hearth.models.registry.RegistryLoader;

/** One place that builds the test home and its events, with named instants. */
final class RuleFixtures {

    static final Instant MORNING = Instant.parse("2026-11-23T08:00:00Z");

    static final String HOMES = """
            homes:
              - id: h1
                timezone: Europe/London
                resident: {id: r1, alias: "J.S."}
                sensors:
                  - {id: bed, kind: bed, room: bedroom, role: bed}
                  - {id: kitchen-plug, kind: power, room: kitchen, role: kettle}
                  - {id: pir-kitchen, kind: motion, room: kitchen}
                  - {id: pir-bathroom, kind: motion, room: bathroom, role: bathroom}
                  - {id: front-door, kind: contact, room: hall, role: front-door}
                  - {id: button, kind: button, room: lounge, role: help-button}
                carers:
                  - {name: Sam, phone: "+447700900123"}
            """;

    static Home home() {
        return new RegistryLoader().parse("homes.yaml", HOMES).homes().get(0);
    }

    static SensorEvent event(String sensor, SensorKind kind, Instant ts, double value) {
        return SensorEvent.of("h1", sensor, ts, kind, value);
    }

    static SensorEvent motion(String sensor, Instant ts) {
        return event(sensor, SensorKind.MOTION, ts, 1);
    }

    static SensorEvent heartbeat(Instant ts) {
        return event("hub", SensorKind.HEARTBEAT, ts, 1);
    }

    private RuleFixtures() {}
}
