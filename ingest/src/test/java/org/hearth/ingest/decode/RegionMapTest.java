package org.hearth.ingest.decode;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RegionMapTest {

    @Test
    void dense_findsEveryKeyByItsRegionAndNoOtherAtEverySizeUpToThreeQuartersFull() {
        for (int size = 0; size <= 40; size++) {
            Map<String, Integer> sensors = new HashMap<>();
            for (int i = 0; i < size; i++) {
                sensors.put("sensor-" + i, i);
            }
            RegionMap<Integer> dense = RegionMap.dense(sensors);
            RegionMap<Integer> half = RegionMap.of(sensors);

            assertThat(dense.size()).isEqualTo(size);
            assertThat(dense.keys()).containsExactlyInAnyOrderElementsOf(sensors.keySet());
            for (int i = 0; i < size; i++) {
                String topic = "hearth/h1/sensor-" + i;
                assertThat(dense.get(topic, 10, topic.length())).isEqualTo(i);
                assertThat(dense.get("sensor-" + i)).isEqualTo(half.get("sensor-" + i));
            }
            for (String absent : new String[] {"sensor-" + size, "sensor-", "", "sensor-10x", "hub"}) {
                assertThat(dense.get(absent)).as("%s in %d", absent, size).isNull();
            }
        }
    }
}
