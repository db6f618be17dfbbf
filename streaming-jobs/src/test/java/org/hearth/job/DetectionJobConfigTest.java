package org.hearth.job;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.flink.util.InstantiationUtil;
import org.hearth.alerts.route.EscalationPolicy;
import org.junit.jupiter.api.Test;

class DetectionJobConfigTest {

    private static String registry(int homes) {
        StringBuilder text = new StringBuilder("homes:\n");
        for (int i = 0; i < homes; i++) {
            text.append("  - {id: h").append(i).append(", resident: {id: r").append(i).append(", alias: \"A.B.\"}, sensors: [")
                    .append("{id: bed, kind: bed, room: bedroom, role: bed}, {id: pir-kitchen, kind: motion, room: kitchen}]}\n");
        }
        return text.toString();
    }

    @Test
    void javaSerialization_keepsEveryField_andEveryCopyCarriesTheOneRegistryText() throws Exception {
        // Flink serializes each function with its copy of the configuration: the registry text must not go in full each time
        String homes = registry(1_000);
        DetectionJobConfig config = new DetectionJobConfig(homes, "safety:\n  stillness: 10h\n", EscalationPolicy.defaults(), false);

        byte[] bytes = InstantiationUtil.serializeObject(config);
        DetectionJobConfig one = InstantiationUtil.deserializeObject(bytes, getClass().getClassLoader());
        DetectionJobConfig two = InstantiationUtil.deserializeObject(InstantiationUtil.serializeObject(config), getClass().getClassLoader());

        assertThat(one).usingRecursiveComparison().isEqualTo(config);
        assertThat(one.urgentOnArrival()).isFalse();
        assertThat(one.thresholdsYaml()).isEqualTo(config.thresholdsYaml());
        assertThat(one.homesYaml()).isSameAs(homes);
        assertThat(two.homesYaml()).isSameAs(homes);
        assertThat(bytes.length).as("compressed").isLessThan(homes.length() / 4);
    }
}
