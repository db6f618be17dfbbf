package org.hearth.simulator.calibration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class KettleCalibrationTest {

    /**
     * The data lives outside the repository ({@code ../shared} beside the clone, as on CI); the
     * environment variable {@code HEARTH_SHARED} points elsewhere when needed.
     */
    private static Path boilsCsv() {
        return Stream.of(System.getenv("HEARTH_SHARED"), "../../shared", "/work/shared")
                .filter(p -> p != null)
                .map(p -> Path.of(p, "data/kettle-uk/boils.csv"))
                .filter(Files::isRegularFile)
                .findFirst().orElse(null);
    }

    @Test
    void committed_followsFromTheUkDataWhenItIsPresent() throws Exception {
        Path csv = boilsCsv();
        assumeThat(csv).as("../shared/data/kettle-uk/boils.csv").isNotNull();

        assertThat(KettleCalibration.derive(csv)).isEqualTo(KettleParameters.committed());
    }

    @Test
    void committed_isPlausible() {
        KettleParameters p = KettleParameters.committed();
        assertThat(p.boils()).isEqualTo(4602);
        assertThat(p.meanBoilsPerDay()).isBetween(3.0, 10.0);
        assertThat(p.hourShareAfterFirst()).hasSize(24);
        assertThat(p.hourShareAfterFirst().stream().mapToDouble(Double::doubleValue).sum()).isBetween(0.99, 1.01);
        assertThat(p.durationMinuteShare().stream().mapToDouble(Double::doubleValue).sum()).isBetween(0.99, 1.01);
        assertThat(p.gapQuantilesMinutes()).isSorted();
    }

    @Test
    void derive_countsDaysBoilsGapsAndShortBoillessRuns() {
        List<KettleCalibration.Boil> boils = List.of(
                boil("A", "2014-01-06T07:00"), boil("A", "2014-01-06T09:00"), boil("A", "2014-01-06T13:00"),
                // 2014-01-07 has no boil: a run of one day counts as a day without boils
                boil("A", "2014-01-08T08:00"),
                // 2014-01-09..11 have none: a run of three is an absence and is not counted
                boil("A", "2014-01-12T08:30"), boil("A", "2014-01-12T10:30"));

        KettleParameters p = KettleCalibration.derive(boils);

        assertThat(p.daysWithBoils()).isEqualTo(3);
        assertThat(p.houseDays()).isEqualTo(7);
        assertThat(p.meanBoilsPerDay()).isEqualTo(2.0);
        assertThat(p.noBoilDayRate()).isEqualTo(0.25);
        assertThat(p.gapQuantilesMinutes().get(3)).isEqualTo(120.0);
        assertThat(p.firstBoilMedianMinute()).isEqualTo(480.0);
        assertThat(p.hourShareAfterFirst().get(9)).isEqualTo(0.3333);
        assertThat(p.hourShareAfterFirst().get(13)).isEqualTo(0.3333);
    }

    private static KettleCalibration.Boil boil(String house, String start) {
        return new KettleCalibration.Boil(house, LocalDateTime.parse(start), 2, 2200);
    }
}
