package org.hearth.installer.control;

import static org.assertj.core.api.Assertions.assertThat;

import org.hearth.models.registry.KitRegistry;
import org.hearth.models.registry.RegistryLoader;
import org.junit.jupiter.api.Test;

class RegistryDiffTest {

    private static final String BEFORE = """
            homes:
              - id: h1
                resident: {id: r1, alias: "J.S."}
                sensors:
                  - {id: bed, kind: bed, room: bedroom, role: bed}
                  - {id: kitchen-plug, kind: power, room: kitchen, role: kettle, device: plug-a}
                  - {id: pir-kitchen, kind: motion, room: kitchen}
                carers:
                  - {name: Sam, phone: "+447700900123"}
              - id: h2
                resident: {id: r2, alias: "A.B."}
                sensors:
                  - {id: pir-hall, kind: motion, room: hall}
            """;

    @Test
    void between_sameRegistryIsNoChange() {
        RegistryDiff diff = RegistryDiff.between(parse(BEFORE), parse(BEFORE));

        assertThat(diff.isEmpty()).isTrue();
        assertThat(diff.lines()).containsExactly("no change");
    }

    @Test
    void between_firstApplyAddsEveryHome() {
        RegistryDiff diff = RegistryDiff.between(new KitRegistry(java.util.List.of()), parse(BEFORE));

        assertThat(diff.homesAdded()).containsExactly("h1", "h2");
        assertThat(diff.homesRemoved()).isEmpty();
    }

    @Test
    void between_homesAddedAndRemoved() {
        String after = BEFORE.replace("id: h2", "id: h3").replace("id: r2", "id: r3");

        RegistryDiff diff = RegistryDiff.between(parse(BEFORE), parse(after));

        assertThat(diff.homesAdded()).containsExactly("h3");
        assertThat(diff.homesRemoved()).containsExactly("h2");
        assertThat(diff.homesChanged()).isEmpty();
        assertThat(diff.lines()).containsExactly("home h3 added: learning starts", "home h2 removed: its state is dropped");
    }

    @Test
    void between_swappedDeviceKeepsTheBaselineAndTheSensorState() {
        String after = BEFORE.replace("device: plug-a", "device: plug-b");

        HomeChange h1 = RegistryDiff.between(parse(BEFORE), parse(after)).homesChanged().get(0);

        assertThat(h1.residentChanged()).isFalse();
        assertThat(h1.sensorsChanged()).singleElement().satisfies(c -> {
            assertThat(c.sensorId()).isEqualTo("kitchen-plug");
            assertThat(c.fields()).containsExactly("device");
            assertThat(c.resetsSensorState()).isFalse();
        });
        assertThat(h1.sensorStateToDrop()).isEmpty();
        assertThat(h1.lines()).containsExactly("home h1: sensor kitchen-plug changed (device): baseline kept");
    }

    @Test
    void between_replacedSensorUnderANewIdIsAddedAndRemovedButKeepsTheBaseline() {
        String after = BEFORE.replace("{id: pir-kitchen, kind: motion, room: kitchen}", "{id: pir-kitchen-2, kind: motion, room: kitchen}");

        HomeChange h1 = RegistryDiff.between(parse(BEFORE), parse(after)).homesChanged().get(0);

        assertThat(h1.sensorsAdded()).containsExactly("pir-kitchen-2");
        assertThat(h1.sensorsRemoved()).containsExactly("pir-kitchen");
        assertThat(h1.sensorStateToDrop()).containsExactly("pir-kitchen");
        assertThat(h1.residentChanged()).isFalse();
    }

    @Test
    void between_kindOrRoomChangeIsReportedAndOnlyKindResetsSensorState() {
        String after = BEFORE.replace("{id: pir-kitchen, kind: motion, room: kitchen}", "{id: pir-kitchen, kind: contact, room: hall}");

        HomeChange h1 = RegistryDiff.between(parse(BEFORE), parse(after)).homesChanged().get(0);

        assertThat(h1.sensorsChanged()).singleElement().satisfies(c -> assertThat(c.fields()).containsExactly("kind", "room"));
        assertThat(h1.sensorStateToDrop()).containsExactly("pir-kitchen");
        assertThat(h1.lines()).containsExactly("home h1: sensor pir-kitchen changed (kind, room): its readings start afresh");
    }

    @Test
    void between_newResidentIsTheOnlyChangeThatRestartsLearning() {
        String after = BEFORE.replace("id: r1, alias: \"J.S.\"", "id: r9, alias: \"M.K.\"");

        HomeChange h1 = RegistryDiff.between(parse(BEFORE), parse(after)).homesChanged().get(0);

        assertThat(h1.residentChanged()).isTrue();
        assertThat(h1.residentBefore()).isEqualTo("r1");
        assertThat(h1.residentAfter()).isEqualTo("r9");
        assertThat(h1.settingsChanged()).containsExactly("alias");
        assertThat(h1.lines()).containsExactly("home h1: resident changed (r1 -> r9): learning starts again for r9",
                "home h1: alias changed");
    }

    @Test
    void between_carerChangeIsASettingNotASensorChange() {
        String after = BEFORE.replace("+447700900123", "+447700900456");

        HomeChange h1 = RegistryDiff.between(parse(BEFORE), parse(after)).homesChanged().get(0);

        assertThat(h1.settingsChanged()).containsExactly("carers");
        assertThat(h1.sensorsChanged()).isEmpty();
        assertThat(h1.residentChanged()).isFalse();
        assertThat(h1.lines()).containsExactly("home h1: carers changed");
    }

    private static KitRegistry parse(String yaml) {
        return new RegistryLoader().parse("homes.yaml", yaml);
    }
}
