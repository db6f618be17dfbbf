package org.hearth.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class PeakHourTest {

    @Test
    void findsTheBusiestHourAndItsRatePerHome() {
        // Night: one reading an hour; 07:00-08:00: 20 readings a minute apart; then one every 10 min.
        long h = 3_600_000;
        long[] t = new long[7 + 20 + 6];
        int i = 0;
        for (int k = 0; k < 7; k++) {
            t[i++] = k * h;
        }
        for (int k = 0; k < 20; k++) {
            t[i++] = 7 * h + 30_000 + k * 60_000L;
        }
        for (int k = 0; k < 6; k++) {
            t[i++] = 8 * h + k * 600_000L;
        }
        PeakHour peak = PeakHour.of(t, 2);
        assertEquals(7, peak.first()); // from 07:00:30: the 20 morning readings and 08:00's
        assertEquals(21, peak.count());
        assertEquals(21 / 3600.0 / 2, peak.perHomePerSecond(), 1e-12);
        assertEquals(21 / 3600.0 / 2 * 1_000_000, peak.rateFor(1_000_000), 1e-6);
    }

    @Test
    void refusesReadingsOutOfOrderOrNone() {
        assertThrows(IllegalArgumentException.class, () -> PeakHour.of(new long[] {2, 1}, 1));
        assertThrows(IllegalArgumentException.class, () -> PeakHour.of(new long[0], 1));
    }
}
