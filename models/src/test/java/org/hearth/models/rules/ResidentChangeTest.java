package org.hearth.models.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class ResidentChangeTest {

    @Test
    void learnFor_aNewStateOrAnOlderOneWithoutAResidentIsAdoptedAsItIs() {
        HomeRulesState state = new HomeRulesState();
        LearnedState learned = state.learned;

        assertThat(ResidentChange.learnFor(state, "r1")).isFalse();
        assertThat(state.learnedFor).isEqualTo("r1");
        assertThat(state.learned).isSameAs(learned);
    }

    @Test
    void learnFor_theSameResidentKeepsWhatWasLearned() {
        HomeRulesState state = new HomeRulesState();
        ResidentChange.learnFor(state, "r1");
        state.learned.upDay = LocalDate.of(2026, 11, 20);
        LearnedState learned = state.learned;

        assertThat(ResidentChange.learnFor(state, "r1")).isFalse();
        assertThat(state.learned).isSameAs(learned);
    }

    @Test
    void learnFor_aDifferentResidentStartsLearningAgainButKeepsTheKitsMemory() {
        HomeRulesState state = new HomeRulesState();
        ResidentChange.learnFor(state, "r1");
        state.learned.upDay = LocalDate.of(2026, 11, 20);
        state.safety.lastMessage = Instant.parse("2026-11-20T09:00:00Z");
        SafetyState safety = state.safety;

        assertThat(ResidentChange.learnFor(state, "r9")).isTrue();
        assertThat(state.learnedFor).isEqualTo("r9");
        assertThat(state.learned.upDay).isNull();
        assertThat(state.safety).isSameAs(safety);
        assertThat(ResidentChange.learnFor(state, "r9")).isFalse();
    }
}
