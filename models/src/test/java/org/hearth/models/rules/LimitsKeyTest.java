package org.hearth.models.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.hearth.models.alert.Rule;
import org.hearth.models.event.SensorKind;
import org.hearth.models.registry.Sensor;
import org.hearth.models.registry.SensorRole;
import org.hearth.models.testing.TestHomes;
import org.hearth.models.threshold.RuleSettings;
import org.hearth.models.threshold.Thresholds;
import org.junit.jupiter.api.Test;

/**
 * The hot limits' key is stored with every home's limits: the same kit and settings must give the same key in every
 * release, or every home recomputes its limits from its baseline at its first event after an upgrade.
 */
class LimitsKeyTest {

    @Test
    void theKeyOfAKnownKitAndTheDefaultSettingsIsTheOneStoredBefore() {
        assertThat(LearnedRules.limitsKey(TestHomes.standardHome(), Thresholds.defaults())).isEqualTo(-676_929_610); // computed with the records' own toString (Java 17)
    }

    @Test
    void theHashOfAConcatenationFromItsPartsIsTheStringsOwn() {
        String[] parts = {"4", "|", "Europe/London", "|", "", "RuleSettings[rule=NOT_UP, enabled=true]", "é€", "x".repeat(5_000)};
        LearnedRules.TextHash h = new LearnedRules.TextHash();
        StringBuilder whole = new StringBuilder();
        for (String p : parts) {
            h.append(p);
            whole.append(p);
            assertThat(h.hash).isEqualTo(whole.toString().hashCode());
        }
    }

    @Test
    void sensorsAndSettingsReadAsJava17WritesARecord() {
        assertThat(new Sensor("pir-kitchen", SensorKind.MOTION, "kitchen", null, null))
                .hasToString("Sensor[id=pir-kitchen, kind=MOTION, room=kitchen, role=null, device=null]");
        assertThat(new Sensor("bed", SensorKind.BED, "bedroom", SensorRole.BED, "0x00158d0001"))
                .hasToString("Sensor[id=bed, kind=BED, room=bedroom, role=BED, device=0x00158d0001]");
        assertThat(new RuleSettings(Rule.NOT_UP, true, 0.95, 1.5, Map.of("minutes", 30.0)))
                .hasToString("RuleSettings[rule=NOT_UP, enabled=true, quantile=0.95, margin=1.5, params={minutes=30.0}]");
    }
}
