package org.hearth.job.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import org.hearth.models.rules.DetectionSettings;
import org.hearth.models.rules.HomeRules;
import org.hearth.models.rules.HomeRulesState;
import org.junit.jupiter.api.Test;

/** What the detector reports for a home's status, and that it reports only changes. */
class StatusFactsTest {

    private static final String HOMES = """
            homes:
              - id: h1
                timezone: Europe/London
                resident: {id: r1, alias: "J.S."}
                sensors:
                  - {id: pir-kitchen, kind: motion, room: kitchen}
                  - {id: pir-bathroom, kind: motion, room: bathroom, role: bathroom}
                carers:
                  - {name: Sam, phone: "+447700900123"}
            """;
    private static final Instant T = Instant.parse("2026-11-23T09:00:00Z");

    private final HomeRules rules = DetectionSettings.parse(HOMES, null).rules("h1").orElseThrow();
    private final HomeRulesState state = new HomeRulesState();
    private final StatusFacts facts = new StatusFacts();

    @Test
    void changed_reportsOnceThenOnlyWhenSomethingShownChanges() {
        state.lastCareDay = LocalDate.of(2026, 11, 22);

        Optional<DetectorFacts> first = facts.changed(rules, state, T);
        Optional<DetectorFacts> same = facts.changed(rules, state, T.plusSeconds(60));
        state.safety.offline.put("pir-kitchen", T.minusSeconds(3600));
        Optional<DetectorFacts> silent = facts.changed(rules, state, T.plusSeconds(120));
        state.lastCareDay = LocalDate.of(2026, 11, 23);
        Optional<DetectorFacts> newDay = facts.changed(rules, state, T.plusSeconds(180));

        assertThat(first).get().satisfies(f -> {
            assertThat(f.homeId()).isEqualTo("h1");
            assertThat(f.daysLearned()).isZero();
            assertThat(f.daysNeeded()).isEqualTo(7);
            assertThat(f.ready()).isFalse();
            assertThat(f.silentSensors()).isEmpty();
            assertThat(f.at()).isEqualTo(T);
        });
        assertThat(same).isEmpty();
        assertThat(silent).get().extracting(DetectorFacts::silentSensors).asList().containsExactly("pir-kitchen");
        assertThat(newDay).get().extracting(DetectorFacts::careDay).isEqualTo(LocalDate.of(2026, 11, 23));
    }

    @Test
    void silentSensors_listsOnlySensorsTheRegistryStillHas() {
        state.safety.offline.put("pir-bathroom", T);
        state.safety.offline.put("swapped-out-plug", T);

        assertThat(StatusFacts.silentSensors(rules, state)).containsExactly("pir-bathroom");
    }
}
