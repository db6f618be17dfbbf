package org.hearth.ingest.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.hearth.ingest.testing.TestKit;
import org.hearth.models.registry.RegistryLoader;
import org.junit.jupiter.api.Test;

class RoutingTableTest {

    @Test
    void topicFilters_coverNativeEveryHubBaseAndDevice() {
        // h3 has a Shelly and a Tasmota hub; a sensor names only its device, so each device is
        // subscribed in both dialects (harmless: a device only ever publishes one of them).
        assertThat(TestKit.ROUTES.topicFilters()).containsExactly(
                "hearth/+/+",
                "zigbee2mqtt/h2/#",
                "livingroom-lamp/status/+",
                "livingroom-lamp/events/rpc",
                "livingroom-lamp/online",
                "shellies/livingroom-lamp/#",
                "shellyplus1pm-441793d69718/status/+",
                "shellyplus1pm-441793d69718/events/rpc",
                "shellyplus1pm-441793d69718/online",
                "shellies/shellyplus1pm-441793d69718/#",
                "tasmota_9CF9D1/status/+",
                "tasmota_9CF9D1/events/rpc",
                "tasmota_9CF9D1/online",
                "shellies/tasmota_9CF9D1/#",
                "tele/livingroom-lamp/+",
                "stat/livingroom-lamp/+",
                "tele/shellyplus1pm-441793d69718/+",
                "stat/shellyplus1pm-441793d69718/+",
                "tele/tasmota_9CF9D1/+",
                "stat/tasmota_9CF9D1/+");
    }

    @Test
    void of_refusesTwoHomesOnOneZigbeeBase() {
        String twoHomes = TestKit.HOMES_YAML.replace("id: h1\n    timezone: Europe/London\n",
                "id: h1\n    timezone: Europe/London\n    hubs: [{format: zigbee2mqtt, base: zigbee2mqtt/h2/}]\n");
        assertThatThrownBy(() -> RoutingTable.of(new RegistryLoader().parse("homes.yaml", twoHomes)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("zigbee2mqtt/h2");
    }

    @Test
    void zigbeeBaseOf_prefersTheLongestRegisteredBase() {
        // One home's base lies under another's: "z2m/flat2/pir" belongs to z2m/flat2, not to z2m's device "flat2/pir".
        RoutingTable table = RoutingTable.of(new RegistryLoader().parse("homes.yaml", """
                homes:
                  - id: a
                    resident: {id: ra, alias: "A.A."}
                    hubs: [{format: zigbee2mqtt, base: z2m}]
                    sensors: [{id: pir, kind: motion, room: hall, device: flat2/pir}]
                  - id: b
                    resident: {id: rb, alias: "B.B."}
                    hubs: [{format: zigbee2mqtt, base: z2m/flat2/}]
                    sensors: [{id: pir, kind: motion, room: hall, device: pir}]
                """));

        assertThat(table.zigbeeBaseOf("z2m/flat2/pir")).contains("z2m/flat2");
        assertThat(table.zigbeeBaseOf("z2m/flat3/pir")).contains("z2m");
        assertThat(table.zigbeeBaseOf("z2m")).isEmpty();
        assertThat(table.zigbeeBaseOf("other/flat2/pir")).isEmpty();
    }

    @Test
    void zigbeeDeviceAt_goesStraightOnlyWhereThePrefixRouteWouldGo() {
        // Home a's device "flat2/pir" under z2m is shadowed by home b's base z2m/flat2 (which has no "pir"),
        // and names read as commands or availability are never a device's state.
        RoutingTable table = RoutingTable.of(new RegistryLoader().parse("homes.yaml", """
                homes:
                  - id: a
                    resident: {id: ra, alias: "A.A."}
                    hubs: [{format: zigbee2mqtt, base: z2m}]
                    sensors:
                      - {id: pir, kind: motion, room: hall, device: flat2/pir}
                      - {id: door, kind: contact, room: hall, device: door}
                      - {id: lamp, kind: power, room: hall, device: lamp/set}
                      - {id: plug, kind: power, room: hall, device: plug/availability}
                  - id: b
                    resident: {id: rb, alias: "B.B."}
                    hubs: [{format: zigbee2mqtt, base: z2m/flat2}]
                    sensors: [{id: kettle, kind: power, room: kitchen, device: kettle}]
                """));

        assertThat(table.zigbeeDeviceAt("z2m/door")).extracting(DeviceBinding::homeId, DeviceBinding::device).containsExactly("a", "door");
        assertThat(table.zigbeeDeviceAt("z2m/flat2/kettle")).extracting(DeviceBinding::homeId).isEqualTo("b");
        assertThat(table.zigbeeDeviceAt("z2m/flat2/pir")).isNull();
        assertThat(table.zigbeeDeviceAt("z2m/lamp/set")).isNull();
        assertThat(table.zigbeeDeviceAt("z2m/plug/availability")).isNull();
        assertThat(table.zigbeeDeviceAt("z2m/door/availability")).isNull();
        assertThat(table.zigbeeDeviceAt("z2m/doo")).isNull();

        // And the decoder agrees with the prefix route it stands in for: flat2/pir is no device of z2m/flat2.
        DecodeResult shadowed = new MessageDecoder(table).decode(
                org.hearth.ingest.source.MqttMessage.of("z2m/flat2/pir", "{\"occupancy\":true}", java.time.Instant.EPOCH));
        assertThat(shadowed.deadLetters()).singleElement().satisfies(d ->
                assertThat(d.detail()).isEqualTo("no sensor is bound to zigbee2mqtt device 'pir' under 'z2m/flat2'"));
    }
}
