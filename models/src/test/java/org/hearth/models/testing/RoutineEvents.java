package org.hearth.models.testing;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.hearth.models.event.SensorEvent;

/**
 * Sensor events of one care day of a plain routine for {@link TestHomes#standardHome()}, with
 * seeded jitter: lunch, an afternoon in the lounge, an outing some days, bed around 22:45, one
 * night bathroom trip, rise at a given local time, morning tea. Times are local wall-clock times,
 * so the routine does not move when the clocks change.
 */
public final class RoutineEvents {

    private final Random random;

    public RoutineEvents(long seed) {
        this.random = new Random(seed);
    }

    private int jitter(int sd) {
        return (int) Math.round(random.nextGaussian() * sd);
    }

    /** Events from {@code d} 12:00 to the next day 12:00; the resident gets up at {@code riseMinute}. */
    public List<SensorEvent> day(LocalDate d, int riseMinute) {
        List<SensorEvent> out = new ArrayList<>();
        LocalDate n = d.plusDays(1);
        int lunch = 12 * 60 + 25 + Math.abs(jitter(10));
        add(out, d, lunch, "pir-kitchen", 1);
        add(out, d, lunch + 1, "kettle", 2100);
        add(out, d, lunch + 4, "kettle", 0);
        add(out, d, lunch + 15, "pir-lounge", 1);
        for (int m = lunch + 40; m < 17 * 60; m += Math.max(5, 25 + jitter(8))) {
            add(out, d, m, "pir-lounge", 1);
        }
        if (random.nextDouble() < 0.4) {
            int go = 14 * 60 + jitter(20);
            add(out, d, go, "pir-hall", 1);
            add(out, d, go + 1, "front-door", 1);
            add(out, d, go + 2, "front-door", 0);
            int back = go + 60 + Math.abs(jitter(30));
            add(out, d, back, "front-door", 1);
            add(out, d, back + 1, "front-door", 0);
            add(out, d, back + 2, "pir-hall", 1);
            add(out, d, back + 3, "pir-lounge", 1);
        }
        int tea = 17 * 60 + 30 + jitter(15);
        add(out, d, tea, "pir-kitchen", 1);
        add(out, d, tea + 2, "kettle", 2150);
        add(out, d, tea + 5, "kettle", 0);
        add(out, d, tea + 20, "pir-lounge", 1);
        for (int m = tea + 45; m < 22 * 60; m += Math.max(5, 30 + jitter(8))) {
            add(out, d, m, "pir-lounge", 1);
        }
        int bed = 22 * 60 + 40 + jitter(15);
        add(out, d, bed - 10, "pir-bathroom", 1);
        add(out, d, bed - 3, "pir-bedroom", 1);
        add(out, d, bed, "bed", 1);
        int trip = 3 * 60 + jitter(40);
        add(out, n, trip, "bed", 0);
        add(out, n, trip + 1, "pir-bathroom", 1);
        add(out, n, trip + 5, "pir-bedroom", 1);
        add(out, n, trip + 6, "bed", 1);
        int rise = riseMinute;
        add(out, n, rise, "bed", 0);
        add(out, n, rise + 1, "pir-bedroom", 1);
        add(out, n, rise + 3, "pir-bathroom", 1);
        add(out, n, rise + 12, "pir-kitchen", 1);
        add(out, n, rise + 14, "kettle", 2200);
        add(out, n, rise + 17, "kettle", 0);
        for (int m = rise + 30; m < 11 * 60 + 50; m += Math.max(5, 30 + jitter(8))) {
            add(out, n, m, "pir-lounge", 1);
        }
        out.sort(Comparator.comparing(SensorEvent::ts));
        return out;
    }

    private void add(List<SensorEvent> out, LocalDate d, int minute, String sensor, double value) {
        int m = Math.floorMod(minute, 1440);
        int second = random.nextInt(50);
        Instant t = LocalDateTime.of(d, LocalTime.of(m / 60, m % 60, second)).atZone(TestHomes.LONDON).toInstant();
        out.add(TestHomes.event(t, sensor, value));
    }
}
