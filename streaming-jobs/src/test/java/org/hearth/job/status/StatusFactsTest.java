package org.hearth.job.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import org.hearth.models.event.SensorEvent;
import org.hearth.models.rules.DetectionSettings;
import org.hearth.models.rules.HomeRules;
import org.hearth.models.rules.HomeRulesState;
import org.hearth.models.rules.RuleSettings;
import org.hearth.models.testing.RoutineEvents;
import org.hearth.models.testing.TestHomes;
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
    void changed_carriesEveryLearnedRulesThresholdOnceWatching_computedWithTheBaseline() {
        HomeRules standard = new HomeRules(TestHomes.standardHome(), RuleSettings.DEFAULTS);
        HomeRulesState watching = new HomeRulesState();
        RoutineEvents routine = new RoutineEvents(3);
        LocalDate first = LocalDate.of(2026, 6, 1);
        Optional<DetectorFacts> learning = Optional.empty();
        for (int i = 0; i < 10; i++) {
            for (SensorEvent e : routine.day(first.plusDays(i), 7 * 60 + 30)) {
                standard.onEvent(watching, e);
                standard.advanceTo(watching, e.ts());
            }
            if (i == 2) {
                learning = facts.changed(standard, watching, T);
            }
        }

        Optional<DetectorFacts> ready = facts.changed(standard, watching, T.plusSeconds(60));

        assertThat(learning).get().satisfies(f -> assertThat(f.baseline().ruleThresholds()).isEmpty());
        assertThat(ready).get().satisfies(f -> {
            assertThat(f.ready()).isTrue();
            assertThat(f.baseline().ruleThresholds())
                    .isEqualTo(standard.learned().thresholds(watching.learned))
                    .containsKeys("not-up", "no-kettle", "stillness", "not-home", "night-door", "night-activity",
                            "unusual-routes", "unusual-day", "bathroom-trend", "kettle-trend", "sleep-trend");
        });
        // unchanged facts are not reported again, thresholds included
        assertThat(facts.changed(standard, watching, T.plusSeconds(120))).isEmpty();
    }

    @Test
    void changed_seesEachPartThatItComparesInPlace_andNothingElse() {
        state.lastCareDay = LocalDate.of(2026, 11, 22);
        assertThat(facts.changed(rules, state, T)).isPresent();

        state.safety.offline.put("pir-kitchen", T.minusSeconds(3600));
        Optional<DetectorFacts> oneSilent = facts.changed(rules, state, T.plusSeconds(60));
        state.safety.offline.put("pir-bathroom", T.minusSeconds(60));
        Optional<DetectorFacts> twoSilent = facts.changed(rules, state, T.plusSeconds(120));
        state.safety.offline.put("swapped-out-plug", T); // not in the registry: not shown, so no change
        Optional<DetectorFacts> unregistered = facts.changed(rules, state, T.plusSeconds(180));
        state.safety.offline.clear();
        Optional<DetectorFacts> allBack = facts.changed(rules, state, T.plusSeconds(240));
        state.learned.watch.residentOks.add(new org.hearth.models.rules.ResidentOk(
                org.hearth.models.alert.Rule.NO_KETTLE, T.plusSeconds(250)));
        Optional<DetectorFacts> answered = facts.changed(rules, state, T.plusSeconds(300));
        Optional<DetectorFacts> answeredAgainAsked = facts.changed(rules, state, T.plusSeconds(360));
        state.learned.watch.residentOks.add(new org.hearth.models.rules.ResidentOk(
                org.hearth.models.alert.Rule.NO_KETTLE, T.plusSeconds(370)));
        Optional<DetectorFacts> answeredTwice = facts.changed(rules, state, T.plusSeconds(420));
        state.learned.watch.residentOks.clear();
        Optional<DetectorFacts> forgotten = facts.changed(rules, state, T.plusSeconds(480));

        assertThat(oneSilent).get().extracting(DetectorFacts::silentSensors).asList().containsExactly("pir-kitchen");
        assertThat(twoSilent).get().extracting(DetectorFacts::silentSensors).asList()
                .containsExactly("pir-bathroom", "pir-kitchen");
        assertThat(unregistered).isEmpty();
        assertThat(allBack).get().extracting(DetectorFacts::silentSensors).asList().isEmpty();
        assertThat(answered).get().satisfies(f -> assertThat(f.baseline().residentOks()).containsEntry("no-kettle", 1));
        assertThat(answeredAgainAsked).isEmpty();
        assertThat(answeredTwice).get().satisfies(f -> assertThat(f.baseline().residentOks()).containsEntry("no-kettle", 2));
        assertThat(forgotten).get().satisfies(f -> assertThat(f.baseline().residentOks()).isEmpty());
    }

    @Test
    void silentSensors_listsOnlySensorsTheRegistryStillHas() {
        state.safety.offline.put("pir-bathroom", T);
        state.safety.offline.put("swapped-out-plug", T);

        assertThat(StatusFacts.silentSensors(rules, state)).containsExactly("pir-bathroom");
    }
}
