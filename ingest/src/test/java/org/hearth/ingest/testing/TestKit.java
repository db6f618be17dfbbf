package org.hearth.ingest.testing;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.hearth.ingest.decode.RoutingTable;
import org.hearth.ingest.source.MqttMessage;
import org.hearth.models.registry.KitRegistry;
import org.hearth.models.registry.RegistryLoader;

/** One registry with a home per hub format, named instants and message builders for ingest tests. */
public final class TestKit {

    public static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    public static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    /** h1 native, h2 Zigbee2MQTT, h3 Shelly + Tasmota. */
    public static final String HOMES_YAML = """
            homes:
              - id: h1
                timezone: Europe/London
                resident: {id: r1, alias: "J.S."}
                sensors:
                  - {id: bed, kind: bed, room: bedroom, role: bed}
                  - {id: kitchen-plug, kind: power, room: kitchen, role: kettle}
                  - {id: pir-kitchen, kind: motion, room: kitchen}
                  - {id: front-door, kind: contact, room: hall, role: front-door}
                  - {id: help, kind: button, room: lounge, role: help-button}
              - id: h2
                timezone: Europe/London
                resident: {id: r2, alias: "A.B."}
                hubs:
                  - {format: zigbee2mqtt, base: zigbee2mqtt/h2}
                sensors:
                  - {id: pir-hall, kind: motion, room: hall, device: hall/pir}
                  - {id: hall-temp, kind: temperature, room: hall, device: hall/pir}
                  - {id: hall-humidity, kind: humidity, room: hall, device: hall/pir}
                  - {id: front-door, kind: contact, room: hall, role: front-door, device: front_door}
                  - {id: kettle, kind: power, room: kitchen, role: kettle, device: kettle_plug}
                  - {id: help, kind: button, room: lounge, role: help-button, device: help_button}
              - id: h3
                timezone: Europe/London
                resident: {id: r3, alias: "C.D."}
                hubs:
                  - {format: shelly}
                  - {format: tasmota}
                sensors:
                  - {id: kettle, kind: power, room: kitchen, role: kettle, device: shellyplus1pm-441793d69718}
                  - {id: lamp-plug, kind: power, room: lounge, device: livingroom-lamp}
                  - {id: bed, kind: bed, room: bedroom, role: bed, device: tasmota_9CF9D1}
                  - {id: bed-plug-alive, kind: heartbeat, room: bedroom, device: tasmota_9CF9D1}
            """;

    public static final KitRegistry REGISTRY = new RegistryLoader().parse("homes.yaml", HOMES_YAML);
    public static final RoutingTable ROUTES = RoutingTable.of(REGISTRY);

    private TestKit() {}

    public static MqttMessage msg(String topic, String payload) {
        return MqttMessage.of(topic, payload, NOW);
    }
}
