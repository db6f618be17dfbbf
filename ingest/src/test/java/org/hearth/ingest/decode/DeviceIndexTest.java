package org.hearth.ingest.decode;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneOffset;
import java.util.List;
import org.hearth.models.event.SensorKind;
import org.junit.jupiter.api.Test;

class DeviceIndexTest {

    private static final DeviceBinding PIR = device("h1", "hall/pir");
    private static final DeviceBinding DOOR = device("h1", "front_door");
    private static final DeviceBinding OTHER_PIR = device("h2", "hall/pir");
    private static final DeviceBinding WIDE = device("h3", "p\u0129r");
    private static final DeviceBinding LONG = device("h4", "x".repeat(250));

    private final DeviceIndex index = new DeviceIndex(List.of(new DeviceIndex.Entry("zigbee2mqtt/h1", PIR),
            new DeviceIndex.Entry("zigbee2mqtt/h1", DOOR), new DeviceIndex.Entry("zigbee2mqtt/h2", OTHER_PIR),
            new DeviceIndex.Entry("zigbee2mqtt/h3", WIDE), new DeviceIndex.Entry("zigbee2mqtt/h4", LONG)));

    @Test
    void get_findsTheDeviceByTheWholeTopic() {
        assertThat(index.get("zigbee2mqtt/h1/hall/pir")).isSameAs(PIR);
        assertThat(index.get("zigbee2mqtt/h1/front_door")).isSameAs(DOOR);
        assertThat(index.get("zigbee2mqtt/h2/hall/pir")).isSameAs(OTHER_PIR);
    }

    @Test
    void get_answersNullForAnyOtherTopic() {
        for (String topic : new String[] {"zigbee2mqtt/h1/hall/pi", "zigbee2mqtt/h1/hall/pirr", "zigbee2mqtt/h3/hall/pir",
                "zigbee2mqtt/h1hall/pir", "zigbee2mqtt/h2/front_door", "zigbee2mqtt/H1/hall/pir", "zigbee2mqtt/h1/hall/p\u0129r",
                "zigbee2mqtt/h1/hall/pir/availability", "zigbee2mqtt/h1", "zigbee2mqtt/h1/", ""}) {
            assertThat(index.get(topic)).as(topic).isNull();
        }
    }

    @Test
    void get_leavesTopicsBeyondOneByteOrOverLongToTheGeneralRoute() {
        // RoutingTable then finds the base by prefix and the device under it.
        assertThat(index.get("zigbee2mqtt/h3/p\u0129r")).isNull();
        assertThat(index.get("zigbee2mqtt/h4/" + "x".repeat(250))).isNull();
    }

    private static DeviceBinding device(String home, String name) {
        return new DeviceBinding(home, name, ZoneOffset.UTC, List.of(new SensorBinding(home, "s", SensorKind.MOTION)));
    }
}
