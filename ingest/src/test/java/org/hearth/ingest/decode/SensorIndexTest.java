package org.hearth.ingest.decode;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.hearth.models.event.SensorKind;
import org.junit.jupiter.api.Test;

class SensorIndexTest {

    private static final SensorBinding PIR = new SensorBinding("h1", "pir", SensorKind.MOTION);
    private static final SensorBinding BED = new SensorBinding("h1", "bed", SensorKind.BED);
    private static final SensorBinding OTHER_PIR = new SensorBinding("h2", "pir", SensorKind.MOTION);
    private static final SensorBinding WIDE = new SensorBinding("\u0127ome", "pir", SensorKind.MOTION);

    private final SensorIndex index = new SensorIndex(List.of(PIR, BED, OTHER_PIR, WIDE));

    @Test
    void get_findsTheSensorByTheTopicAfterTheRoot() {
        assertThat(index.get("hearth/h1/pir", 7)).isSameAs(PIR);
        assertThat(index.get("hearth/h1/bed", 7)).isSameAs(BED);
        assertThat(index.get("hearth/h2/pir", 7)).isSameAs(OTHER_PIR);
    }

    @Test
    void get_answersNullForAnyOtherTopic() {
        for (String topic : new String[] {"hearth/h1/pi", "hearth/h1/pirr", "hearth/h3/pir", "hearth/h1pir", "hearth/h2/bed",
                "hearth/H1/pir", "hearth/h1/p\u0129r", "hearth/"}) {
            assertThat(index.get(topic, 7)).as(topic).isNull();
        }
    }

    @Test
    void get_leavesIdsBeyondOneByteToTheGeneralLookUp() {
        // RegistryValidator keeps ids ASCII; a registry built without it still routes (RoutingTable looks further).
        assertThat(index.get("hearth/\u0127ome/pir", 7)).isNull();
    }
}
