package org.hearth.models.registry;

import static org.assertj.core.api.Assertions.assertThat;

import org.hearth.models.json.HearthJson;
import org.junit.jupiter.api.Test;

/** A parsed registry shares equal values between its homes, and is the same value as the registry bound as written. */
class SharedValuesTest {

    private static final String HOMES = """
            homes:
              - id: h1
                timezone: Europe/London
                resident: {id: r1, alias: "J.S."}
                sensors:
                  - {id: pir-kitchen, kind: motion, room: kitchen, role: kitchen}
                  - {id: help-button, kind: button, room: living, role: help-button}
                carers:
                  - {name: Ann, phone: "+447700900001", quietHours: "22:00-07:00"}
              - id: h2
                timezone: Europe/London
                resident: {id: r2, alias: "J.S."}
                sensors:
                  - {id: pir-kitchen, kind: motion, room: kitchen, role: kitchen}
                  - {id: help-button, kind: button, room: living, role: help-button}
                carers:
                  - {name: Bob, phone: "+447700900002", quietHours: "22:00-07:00"}
              - id: h3
                timezone: Europe/London
                resident: {id: r3, alias: "K.M."}
                hubs: [{format: zigbee2mqtt, base: z2m/h3}]
                sensors:
                  - {id: pir-kitchen, kind: motion, room: kitchen, role: kitchen, device: kitchen-pir}
                  - {id: help-button, kind: button, room: hall, role: help-button}
                carers:
                  - {name: Ann, phone: "+447700900001", quietHours: "22:00-07:00"}
                overrides: {stillnessHours: 10}
            """;

    @Test
    void parse_theRegistryIsTheValueAsWritten() throws Exception {
        KitRegistry parsed = new RegistryLoader().parse("homes.yaml", HOMES);
        KitRegistry asWritten = HearthJson.yaml().readValue(HOMES, KitRegistry.class);

        assertThat(parsed).isEqualTo(asWritten);
        assertThat(parsed.homes()).extracting(Home::id).containsExactly("h1", "h2", "h3");
    }

    @Test
    void parse_equalKitsAndValuesAreHeldOnce() {
        KitRegistry r = new RegistryLoader().parse("homes.yaml", HOMES);
        Home h1 = r.home("h1").orElseThrow();
        Home h2 = r.home("h2").orElseThrow();
        Home h3 = r.home("h3").orElseThrow();

        assertThat(h2.sensors()).isSameAs(h1.sensors()); // the same kit: one list
        assertThat(h2.timezone()).isSameAs(h1.timezone());
        assertThat(h2.resident().alias()).isSameAs(h1.resident().alias());
        assertThat(h3.carers().get(0)).isSameAs(h1.carers().get(0)); // the same carer in two homes
        assertThat(h2.carers().get(0).quietHours()).isSameAs(h1.carers().get(0).quietHours());
        // A kit that differs keeps what differs and shares the rest.
        assertThat(h3.sensors()).isNotEqualTo(h1.sensors());
        assertThat(h3.sensors().get(0).device()).isEqualTo("kitchen-pir");
        assertThat(h3.sensors().get(0).id()).isSameAs(h1.sensors().get(0).id());
        assertThat(h3.sensors().get(1).room()).isEqualTo("hall");
        assertThat(h3.sensors().get(1).id()).isSameAs(h1.sensors().get(1).id());
        assertThat(h2.carers().get(0).phone()).isEqualTo("+447700900002");
        assertThat(h3.overrides()).containsEntry("stillnessHours", 10);
        assertThat(h3.hubs()).containsExactly(new Hub(HubFormat.ZIGBEE2MQTT, "z2m/h3"));
    }
}
