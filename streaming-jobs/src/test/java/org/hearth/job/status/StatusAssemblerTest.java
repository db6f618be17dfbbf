package org.hearth.job.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Optional;
import org.hearth.models.status.BaselineSummary;
import org.hearth.models.status.HomeStatus;
import org.hearth.models.status.LearningState;
import org.junit.jupiter.api.Test;

/** Detector and alert facts become a home's status, emitted when it changes, not per fact. */
class StatusAssemblerTest {

    private static final Instant T = Instant.parse("2026-11-23T09:00:00Z");
    private static final LocalDate DAY = LocalDate.of(2026, 11, 22);
    private static final BaselineSummary USUAL = new BaselineSummary(LocalTime.of(7, 40), LocalTime.of(22, 30), null);

    private final StatusMemory memory = new StatusMemory();

    private static DetectorFacts facts(int days, List<String> silent, LocalDate careDay, Instant at) {
        return new DetectorFacts("h1", days, 7, days >= 7, USUAL, silent, careDay, at);
    }

    @Test
    void onDetector_emitsTheFirstStatusAndThenOnlyChanges() {
        Optional<HomeStatus> first = StatusAssembler.onDetector(memory, facts(3, List.of(), DAY, T));
        Optional<HomeStatus> same = StatusAssembler.onDetector(memory, facts(3, List.of(), DAY, T.plusSeconds(60)));
        Optional<HomeStatus> silent = StatusAssembler.onDetector(memory, facts(3, List.of("pir-kitchen"), DAY, T.plusSeconds(120)));

        assertThat(first).contains(new HomeStatus("h1", LearningState.LEARNING, 3, 7, USUAL, List.of(), List.of(), T));
        assertThat(same).isEmpty();
        assertThat(silent).get().satisfies(s -> {
            assertThat(s.silentSensors()).containsExactly("pir-kitchen");
            assertThat(s.updatedAt()).isEqualTo(T.plusSeconds(120));
            assertThat(s.stateText()).isEqualTo("learning 3 of 7 days");
        });
    }

    @Test
    void onDetector_republishesAnUnchangedStatusOnANewCareDay() {
        StatusAssembler.onDetector(memory, facts(7, List.of(), DAY, T));

        Optional<HomeStatus> nextDay = StatusAssembler.onDetector(memory, facts(7, List.of(), DAY.plusDays(1), T.plusSeconds(86_400)));

        assertThat(nextDay).get().satisfies(s -> {
            assertThat(s.state()).isEqualTo(LearningState.WATCHING);
            assertThat(s.updatedAt()).isEqualTo(T.plusSeconds(86_400));
        });
    }

    @Test
    void aNewCareDay_isNotRepublishedWhenAnAlertFactOfThatDayAlreadyFreshenedTheStatus() {
        StatusAssembler.onDetector(memory, facts(7, List.of(), DAY, T));
        StatusAssembler.onAlert(memory, new AlertFact("h1", "no-kettle", true, T.plusSeconds(86_500)));
        StatusAssembler.onAlert(memory, new AlertFact("h1", "no-kettle", false, T.plusSeconds(86_600)));

        // the detector's first facts of the new day are older than the alert facts the status already shows
        Optional<HomeStatus> nextDay = StatusAssembler.onDetector(memory, facts(7, List.of(), DAY.plusDays(1), T.plusSeconds(86_400)));
        Optional<HomeStatus> later = StatusAssembler.onDetector(memory, facts(7, List.of(), DAY.plusDays(1), T.plusSeconds(90_000)));

        assertThat(nextDay).isEmpty();
        assertThat(later).isEmpty(); // the day's fresh status was already sent
    }

    @Test
    void onAlert_addsAndRemovesOpenAlertsAndIgnoresRepeats() {
        StatusAssembler.onDetector(memory, facts(8, List.of(), DAY, T));

        Optional<HomeStatus> opened = StatusAssembler.onAlert(memory, new AlertFact("h1", "no-kettle", true, T.plusSeconds(10)));
        Optional<HomeStatus> again = StatusAssembler.onAlert(memory, new AlertFact("h1", "no-kettle", true, T.plusSeconds(20)));
        Optional<HomeStatus> second = StatusAssembler.onAlert(memory, new AlertFact("h1", "battery-low", true, T.plusSeconds(30)));
        Optional<HomeStatus> closed = StatusAssembler.onAlert(memory, new AlertFact("h1", "no-kettle", false, T.plusSeconds(40)));

        assertThat(opened).get().extracting(HomeStatus::openAlerts).isEqualTo(List.of("no-kettle"));
        assertThat(again).isEmpty();
        assertThat(second).get().extracting(HomeStatus::openAlerts).isEqualTo(List.of("battery-low", "no-kettle"));
        assertThat(closed).get().extracting(HomeStatus::openAlerts).isEqualTo(List.of("battery-low"));
    }

    @Test
    void onAlert_beforeTheDetectorsFirstFactsIsKeptAndShownWithThem() {
        Optional<HomeStatus> early = StatusAssembler.onAlert(memory, new AlertFact("h1", "help-button", true, T));
        Optional<HomeStatus> first = StatusAssembler.onDetector(memory, facts(0, List.of(), DAY, T.plusSeconds(5)));

        assertThat(early).isEmpty();
        assertThat(first).get().extracting(HomeStatus::openAlerts).isEqualTo(List.of("help-button"));
    }

    @Test
    void updatedAt_neverGoesBackWhenFactsArriveSlightlyOutOfOrder() {
        StatusAssembler.onDetector(memory, facts(2, List.of(), DAY, T));

        Optional<HomeStatus> older = StatusAssembler.onAlert(memory, new AlertFact("h1", "stillness", true, T.minusSeconds(30)));

        assertThat(older).get().extracting(HomeStatus::updatedAt).isEqualTo(T);
    }

    @Test
    void alertFact_ifChanged_readsHomeAndRuleFromTheLifecycleKey() {
        assertThat(AlertFact.ifChanged("h|1|no-kettle", false, true, T)).isEqualTo(new AlertFact("h|1", "no-kettle", true, T));
        assertThat(AlertFact.ifChanged("h1|no-kettle", true, false, T)).isEqualTo(new AlertFact("h1", "no-kettle", false, T));
        assertThat(AlertFact.ifChanged("h1|no-kettle", true, true, T)).isNull();
    }
}
