package org.hearth.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.hearth.alerts.lifecycle.LifecycleEvent;
import org.hearth.alerts.lifecycle.LifecycleEventType;
import org.hearth.models.alert.Alert;
import org.hearth.models.alert.Rule;
import org.hearth.models.registry.Home;
import org.hearth.models.registry.RegistryLoader;
import org.hearth.models.testing.TestHomes;
import org.junit.jupiter.api.Test;

/** Delivery addresses a lifecycle step to the home as registered now, and only while it is the home's business. */
class AddressedAlertTest {

    private static final Instant AT = Instant.parse("2026-11-23T09:05:00Z");
    private static final String HOMES_R1 = TestHomes.KITCHEN_PIR_HOME_YAML;
    private static final String HOMES_R9 = HOMES_R1.replace("{id: r1, alias: \"J.S.\"}", "{id: r9, alias: \"K.M.\"}")
            .replace("+447700900123", "+447700900456");

    @Test
    void ifStillTheHomes_aNewResidentsCarersAreNotEscalatedToForThePreviousResidentsAlert() {
        Home r1 = home(HOMES_R1);
        Home r9 = home(HOMES_R9);
        assertThat(r9.residentId()).isEqualTo("r9");

        assertThat(AddressedAlert.ifStillTheHomes(step(Rule.NOT_UP, "r1"), r1)).hasValueSatisfying(a -> {
            assertThat(a.home()).isEqualTo(r1);
            assertThat(a.event().alert().residentId()).isEqualTo("r1");
        });
        assertThat(AddressedAlert.ifStillTheHomes(step(Rule.NOT_UP, "r1"), r9)).as("r1's alert escalating after r9 moved in")
                .isEmpty();
        assertThat(AddressedAlert.ifStillTheHomes(step(Rule.SENSOR_OFFLINE, "r1"), r9)).as("the kit: duty line, whoever lives there")
                .hasValueSatisfying(a -> assertThat(a.home()).isEqualTo(r9));
        assertThat(AddressedAlert.ifStillTheHomes(step(Rule.NOT_UP, "r9"), r9)).isPresent();
    }

    private static Home home(String yaml) {
        return new RegistryLoader().parse("homes.yaml", yaml).homes().get(0);
    }

    private static LifecycleEvent step(Rule rule, String resident) {
        Alert alert = new Alert("a-" + rule.wireName() + "-" + resident, "h1", resident, rule, rule.severity(), AT,
                "usually up by 08:10", "no movement since 22:41", "Hearth: not up yet. Reply OK 4821 to take this.");
        return new LifecycleEvent(LifecycleEventType.ESCALATED, AT, alert, 1, List.of(), null, null);
    }
}
