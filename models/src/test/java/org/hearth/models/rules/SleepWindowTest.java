package org.hearth.models.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Map;
import java.util.Optional;
import org.hearth.models.baseline.Baseline;
import org.hearth.models.baseline.BaselineConfig;
import org.hearth.models.day.DayProfile;
import org.junit.jupiter.api.Test;

/** Night without a bed sensor: the person's sleep, not whenever the home is quiet. */
class SleepWindowTest {

    /** Days active in every half-hour except the given quiet ones (local slots, 0 = 00:00). */
    private static Baseline days(int[]... quietRuns) {
        Baseline b = new Baseline(BaselineConfig.defaults());
        long active = (1L << DayProfile.SLOTS) - 1;
        for (int[] run : quietRuns) {
            for (int s = run[0]; s != run[1]; s = (s + 1) % DayProfile.SLOTS) {
                active &= ~(1L << s);
            }
        }
        for (int i = 0; i < 14; i++) {
            b.add(new DayProfile(LocalDate.of(2026, 10, 1).plusDays(i), 1440, -1, -1, 0, 0, -1, 0, 0, 0, 0, 0, 0, 0,
                    active, Map.of(), Map.of()));
        }
        return b;
    }

    @Test
    void withoutABedSensor_aLongerQuietAfternoonOut_isNotTakenForTheNight() {
        // asleep 23:30-06:00 (13 slots), out 10:00-17:30 every day (15 slots, the longer quiet run)
        Baseline b = days(new int[] {47, 12}, new int[] {20, 35});

        Optional<SleepWindow> w = SleepWindow.of(b, 0.95, LocalTime.NOON);

        assertThat(w).contains(new SleepWindow(23 * 60 + 30, 6 * 60));
        assertThat(w.get().contains(14 * 60 + 47)).isFalse();
    }

    @Test
    void withoutABedSensor_busySmallHours_giveNoNight() {
        Baseline b = days(new int[] {20, 35}); // quiet afternoons only

        assertThat(SleepWindow.of(b, 0.95, LocalTime.NOON)).isEmpty();
    }
}
