package org.hearth.models.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.hearth.models.event.SensorKind;
import org.junit.jupiter.api.Test;

class RegistryLoaderTest {

    private static final String DESIGN_EXAMPLE = """
            homes:
              - id: h1
                timezone: Europe/London
                resident: {id: r1, alias: "J.S."}
                sensors:                      # role is optional; rooms are free names
                  - {id: bed, kind: bed, room: bedroom, role: bed}
                  - {id: kitchen-plug, kind: power, room: kitchen, role: kettle}
                  - {id: pir-kitchen, kind: motion, room: kitchen}
                  - {id: pir-bathroom, kind: motion, room: bathroom, role: bathroom}
                  - {id: front-door, kind: contact, room: hall, role: front-door}
                carers:                       # escalation order
                  - {name: Sam, phone: "+447700900123", quietHours: "22:00-07:00"}
                overrides: {}                 # per-resident rule settings, same keys as thresholds.yaml
            """;

    private final RegistryLoader loader = new RegistryLoader();

    @Test
    void parse_readsTheDesignExample() {
        KitRegistry registry = loader.parse("homes.yaml", DESIGN_EXAMPLE);

        Home home = registry.home("h1").orElseThrow();
        assertThat(home.zone().getId()).isEqualTo("Europe/London");
        assertThat(home.residentAlias()).isEqualTo("J.S.");
        assertThat(home.sensors()).hasSize(5);
        assertThat(home.sensorWithRole(SensorRole.KETTLE).orElseThrow().kind()).isEqualTo(SensorKind.POWER);
        assertThat(home.carers().get(0).quietHours()).isEqualTo("22:00-07:00");
    }

    @Test
    void parse_theSameTextAgain_isTheSameRegistry_anotherTextOrABrokenOneIsParsedAnew() {
        // a job's functions each parse the registry they are given at open: one parse serves them all
        KitRegistry first = loader.parse("homes.yaml", DESIGN_EXAMPLE);
        assertThat(new RegistryLoader().parse("homes.yaml", new String(DESIGN_EXAMPLE.toCharArray()))).isSameAs(first);

        String broken = DESIGN_EXAMPLE.replace("kind: motion", "kind: moton");
        assertThatThrownBy(() -> loader.parse("homes.yaml", broken)).isInstanceOf(RegistryException.class);
        assertThatThrownBy(() -> loader.parse("homes.yaml", broken)).as("a failure is not kept").isInstanceOf(RegistryException.class);

        KitRegistry other = loader.parse("homes.yaml", DESIGN_EXAMPLE.replace("J.S.", "A.B."));
        assertThat(other.home("h1").orElseThrow().residentAlias()).isEqualTo("A.B.");
        assertThat(loader.parse("other.yaml", DESIGN_EXAMPLE)).as("a registry that parses names no file: the same under any name")
                .isSameAs(loader.parse("homes.yaml", DESIGN_EXAMPLE));
        assertThatThrownBy(() -> loader.parse("kit.yaml", broken)).as("a broken text's problems name the caller's file")
                .hasMessageContaining("kit.yaml:");
    }

    /** The design example as one JSON document (a YAML document too), a home's sensors each on a line of their own. */
    private static final String DESIGN_EXAMPLE_JSON = """
            {"homes": [
              {"id": "h1", "timezone": "Europe/London", "resident": {"id": "r1", "alias": "J.S."},
               "sensors": [
                 {"id": "bed", "kind": "bed", "room": "bedroom", "role": "bed"},
                 {"id": "kitchen-plug", "kind": "power", "room": "kitchen", "role": "kettle"},
                 {"id": "pir-kitchen", "kind": "motion", "room": "kitchen"},
                 {"id": "pir-bathroom", "kind": "motion", "room": "bathroom", "role": "bathroom"},
                 {"id": "front-door", "kind": "contact", "room": "hall", "role": "front-door"}
               ],
               "carers": [{"name": "Sam", "phone": "+447700900123", "quietHours": "22:00-07:00"}],
               "overrides": {}}
            ]}
            """;

    @Test
    void parse_aRegistryWrittenAsJson_isTheSameRegistryAsItsYaml() {
        // JSON is read by the JSON parser (the job's start at a large fleet): what it gives must be what YAML gives
        assertThat(loader.parse("homes.yaml", DESIGN_EXAMPLE_JSON)).isEqualTo(loader.parse("homes.yaml", DESIGN_EXAMPLE));
        assertThat(loader.parse("homes.yaml", "  \n" + DESIGN_EXAMPLE_JSON + "\n\n")).isEqualTo(loader.parse("homes.yaml", DESIGN_EXAMPLE));
    }

    @Test
    void parse_aJsonRegistrysProblems_nameFileLineHomeAndField_asYamls() {
        String badKind = DESIGN_EXAMPLE_JSON.replace("\"kind\": \"motion\", \"room\": \"kitchen\"", "\"kind\": \"moton\", \"room\": \"kitchen\"");
        assertThatThrownBy(() -> loader.parse("homes.yaml", badKind))
                .isInstanceOf(RegistryException.class)
                .hasMessageStartingWith("homes.yaml:6: home h1, sensors[2].kind: unknown kind 'moton'");
        String badPhone = DESIGN_EXAMPLE_JSON.replace("+447700900123", "07700 900123");
        assertThatThrownBy(() -> loader.parse("homes.yaml", badPhone))
                .hasMessage("homes.yaml:10: home h1, carers[0].phone: phone must be in E.164 form, e.g. +447700900123");
    }

    @Test
    void parse_brokenJson_isReadAsYaml_andNamesTheLine() {
        String unclosed = DESIGN_EXAMPLE_JSON.substring(0, DESIGN_EXAMPLE_JSON.lastIndexOf(']'));
        assertThatThrownBy(() -> loader.parse("homes.yaml", unclosed))
                .isInstanceOf(RegistryException.class)
                .hasMessageStartingWith("homes.yaml:12: not valid YAML");
        // flow-style YAML that is not JSON (unquoted keys, a comment) still reads as the YAML it is
        String flowYaml = "{homes: [{id: h1, resident: {id: r1, alias: J.S.}, # a comment\n"
                + "  sensors: [{id: bed, kind: bed, room: bedroom}]}]}\n";
        assertThat(loader.parse("homes.yaml", flowYaml).home("h1")).isPresent();
    }

    @Test
    void parse_keepsWorkingWithKeysItDoesNotKnow() {
        KitRegistry registry = loader.parse("homes.yaml", DESIGN_EXAMPLE.replace("    overrides: {}",
                "    overrides: {}\n    futureKey: {whatever: 1}"));
        assertThat(registry.homes()).hasSize(1);
    }

    @Test
    void parse_unknownKindNamesFileLineHomeAndField() {
        String text = DESIGN_EXAMPLE.replace("{id: pir-kitchen, kind: motion", "{id: pir-kitchen, kind: moton");
        assertThatThrownBy(() -> loader.parse("homes.yaml", text))
                .isInstanceOf(RegistryException.class)
                .hasMessageStartingWith("homes.yaml:8: home h1, sensors[2].kind: unknown kind 'moton'");
    }

    @Test
    void parse_reportsEverySemanticProblemWithItsLine() {
        String text = DESIGN_EXAMPLE
                .replace("timezone: Europe/London", "timezone: Europe/Londn")
                .replace("+447700900123", "07700 900123")
                .replace("{id: front-door, kind: contact, room: hall, role: front-door}",
                        "{id: bed, kind: contact, room: hall, role: kettle}");

        assertThatThrownBy(() -> loader.parse("homes.yaml", text))
                .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.problems())
                        .extracting(RegistryProblem::toString)
                        .containsExactly(
                                "homes.yaml:3: home h1, timezone: unknown time zone 'Europe/Londn' (use an IANA name such as Europe/London)",
                                "homes.yaml:10: home h1, sensors[4].id: duplicate sensor id 'bed'",
                                "homes.yaml:10: home h1, sensors[4].role: role 'kettle' needs a power sensor, not contact",
                                "homes.yaml:12: home h1, carers[0].phone: phone must be in E.164 form, e.g. +447700900123"));
    }

    @Test
    void parse_brokenYamlNamesTheLine() {
        assertThatThrownBy(() -> loader.parse("homes.yaml", "homes:\n  - id: h1\n    sensors: [\n"))
                .isInstanceOf(RegistryException.class)
                .hasMessageStartingWith("homes.yaml:4: not valid YAML");
    }

    @Test
    void parse_missingHomesListIsExplained() {
        assertThatThrownBy(() -> loader.parse("homes.yaml", "home:\n  - id: h1\n"))
                .hasMessage("homes.yaml:1: homes: expected a list of homes under 'homes:'");
    }

    @Test
    void carer_toStringNeverShowsThePhoneNumber() {
        assertThat(new Carer("Sam", "+447700900123", null).toString()).doesNotContain("7700").doesNotContain("Sam");
    }

    @Test
    void parse_readsARegistryLargerThanSnakeYamlsDefaultLimit() {
        // A council's 10,000 homes make a homes.yaml of several MiB, and SnakeYAML refuses more than
        // 3 MiB by default. Comment lines count towards that limit and cost little to parse.
        String comment = "# " + "x".repeat(1000) + "\n";
        String yaml = comment.repeat(4 * 1024) + DESIGN_EXAMPLE;

        KitRegistry registry = loader.parse("homes.yaml", yaml);

        assertThat(yaml.length()).as("over SnakeYAML's default 3 MiB").isGreaterThan(3 * 1024 * 1024);
        assertThat(registry.home("h1")).isPresent();
    }

    @Test
    void parse_refusesHomeIdsReservedForHearthsOwnTopics() {
        assertThatThrownBy(() -> loader.parse("homes.yaml", DESIGN_EXAMPLE.replace("id: h1", "id: status")))
                .hasMessageStartingWith("homes.yaml:2: home status, id: home id 'status' is reserved");
    }

    private static final String HUBS = """
            homes:
              - id: h3
                resident: {id: r3, alias: "C.D."}
                hubs:
                  - {format: tasmota, timezone: "+01:00"}
                  - {format: zigbee2mqtt, base: zigbee2mqtt/h3, occupancyTimeout: 120}
                  - {format: shelly}
                sensors:
                  - {id: bed, kind: bed, room: bedroom, device: tasmota_9CF9D1}
            """;

    @Test
    void parse_hubTimezoneAndOccupancyTimeoutAreOptionalHubKeys() {
        Home home = loader.parse("homes.yaml", HUBS).home("h3").orElseThrow();
        assertThat(home.hubs().get(0).zone(home.zone())).isEqualTo(java.time.ZoneOffset.ofHours(1));
        assertThat(home.hubs().get(1).occupancyTimeoutSeconds()).isEqualTo(120);
        // Neither key given: the home's zone, and Zigbee2MQTT's default of 90 s.
        assertThat(home.hubs().get(2).zone(home.zone())).isEqualTo(home.zone());
        assertThat(home.hubs().get(2).occupancyTimeoutSeconds()).isEqualTo(90);
    }

    @Test
    void parse_badHubTimezoneNamesFileLineHomeAndField() {
        assertThatThrownBy(() -> loader.parse("homes.yaml", HUBS.replace("\"+01:00\"", "CEST+1")))
                .isInstanceOf(RegistryException.class)
                .hasMessageContaining("homes.yaml:5: home h3, hubs[0].timezone: unknown time zone or offset 'CEST+1'");
        assertThatThrownBy(() -> loader.parse("homes.yaml", HUBS.replace("occupancyTimeout: 120", "occupancyTimeout: -5")))
                .isInstanceOf(RegistryException.class)
                .hasMessageContaining("homes.yaml:6: home h3, hubs[1].occupancyTimeout:");
    }

    @Test
    void parse_askListsDevicesToBlinkOnlyWhereHearthCanCommandThem() {
        Home home = loader.parse("homes.yaml", HUBS.replace("{format: tasmota, timezone: \"+01:00\"}",
                "{format: tasmota, timezone: \"+01:00\", ask: [hall_lamp]}")).home("h3").orElseThrow();
        assertThat(home.hubs().get(0).ask()).containsExactly("hall_lamp");
        assertThat(home.hubs().get(1).ask()).isEmpty();

        assertThatThrownBy(() -> loader.parse("homes.yaml", HUBS.replace("{format: shelly}", "{format: shelly, ask: [shellyplus1-a]}")))
                .isInstanceOf(RegistryException.class)
                .hasMessageContaining("homes.yaml:7: home h3, hubs[2].ask:").hasMessageContaining("only zigbee2mqtt and tasmota");
        assertThatThrownBy(() -> loader.parse("homes.yaml", HUBS.replace("{format: tasmota, timezone: \"+01:00\"}",
                "{format: tasmota, ask: [\"lamps/+\"]}")))
                .isInstanceOf(RegistryException.class)
                .hasMessageContaining("home h3, hubs[0].ask[0]: a device id is needed");
    }
}
