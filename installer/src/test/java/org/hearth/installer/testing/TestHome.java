package org.hearth.installer.testing;

import java.time.Instant;
import org.hearth.models.registry.Home;
import org.hearth.models.registry.KitRegistry;
import org.hearth.models.registry.RegistryLoader;

/**
 * The commissioning test home: h1 mixes native sensors, a Zigbee2MQTT hub and a Shelly plug (the
 * kettle), so one check exercises every path; h2 is a neighbour whose traffic must stay out.
 */
public final class TestHome {

    public static final Instant START = Instant.parse("2026-11-23T10:00:00Z");

    public static final String YAML = """
            homes:
              - id: h1
                timezone: Europe/London
                resident: {id: r1, alias: "J.S."}
                hubs:
                  - {format: zigbee2mqtt, base: zigbee2mqtt/h1}
                  - {format: shelly}
                sensors:
                  - {id: bed, kind: bed, room: bedroom, role: bed}
                  - {id: kitchen-plug, kind: power, room: kitchen, role: kettle, device: shellyplus1pm-kettle1}
                  - {id: pir-kitchen, kind: motion, room: kitchen}
                  - {id: pir-bathroom, kind: motion, room: bathroom, role: bathroom, device: bathroom/pir}
                  - {id: front-door, kind: contact, room: hall, role: front-door, device: front_door}
                  - {id: help, kind: button, room: lounge, role: help-button}
                  - {id: hall-temp, kind: temperature, room: hall}
                carers:
                  - {name: Sam, phone: "+447700900123", quietHours: "22:00-07:00"}
              - id: h2
                timezone: Europe/London
                resident: {id: r2, alias: "A.B."}
                sensors:
                  - {id: pir-kitchen, kind: motion, room: kitchen}
            """;

    public static final KitRegistry REGISTRY = new RegistryLoader().parse("homes.yaml", YAML);
    public static final Home H1 = REGISTRY.home("h1").orElseThrow();

    private TestHome() {}

    /** A native message body. */
    public static String nativeJson(Instant ts, String kind, double value, Integer battery) {
        return "{\"ts\":\"" + ts + "\",\"kind\":\"" + kind + "\",\"value\":" + value
                + (battery == null ? "" : ",\"battery\":" + battery) + "}";
    }
}
