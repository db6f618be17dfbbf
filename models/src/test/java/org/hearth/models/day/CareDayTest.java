package org.hearth.models.day;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hearth.models.testing.TestHomes.LONDON;
import static org.hearth.models.testing.TestHomes.at;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import org.junit.jupiter.api.Test;

class CareDayTest {

    private static final LocalTime NOON = CareDay.DEFAULT_BOUNDARY;

    @Test
    void length_is23HoursOverSpringForwardAnd25OverFallBack() {
        assertThat(CareDay.of(LocalDate.of(2026, 3, 28)).length(LONDON, NOON)).isEqualTo(Duration.ofHours(23));
        assertThat(CareDay.of(LocalDate.of(2026, 10, 24)).length(LONDON, NOON)).isEqualTo(Duration.ofHours(25));
        assertThat(CareDay.of(LocalDate.of(2026, 11, 23)).length(LONDON, NOON)).isEqualTo(Duration.ofHours(24));
    }

    @Test
    void containing_putsTheNightInTheDayItBegan() {
        LocalDate d = LocalDate.of(2026, 11, 23);
        assertThat(CareDay.containing(at(d, "23:50", LONDON), LONDON, NOON)).isEqualTo(CareDay.of(d));
        assertThat(CareDay.containing(at(d.plusDays(1), "00:10", LONDON), LONDON, NOON)).isEqualTo(CareDay.of(d));
        assertThat(CareDay.containing(at(d.plusDays(1), "11:59", LONDON), LONDON, NOON)).isEqualTo(CareDay.of(d));
        assertThat(CareDay.containing(at(d.plusDays(1), "12:00", LONDON), LONDON, NOON)).isEqualTo(CareDay.of(d.plusDays(1)));
    }

    @Test
    void careMinute_keepsMidnightNeighboursClose() {
        int before = CareDay.careMinute(23 * 60 + 50, NOON);
        int after = CareDay.careMinute(10, NOON);

        assertThat(after - before).isEqualTo(20);
        assertThat(CareDay.localMinute(after, NOON)).isEqualTo(10);
    }

    @Test
    void instantAt_findsTheWallClockTimeInTheRightHalfOfTheDay() {
        CareDay day = CareDay.of(LocalDate.of(2026, 3, 28));

        assertThat(day.instantAt(7 * 60 + 30, LONDON, NOON)).isEqualTo(at(LocalDate.of(2026, 3, 29), "07:30", LONDON));
        assertThat(day.instantAt(22 * 60, LONDON, NOON)).isEqualTo(at(LocalDate.of(2026, 3, 28), "22:00", LONDON));
    }
}
