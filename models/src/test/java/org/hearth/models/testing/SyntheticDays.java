package org.hearth.models.testing;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.hearth.models.day.DayProfile;
import org.hearth.models.day.RoomBand;
import org.hearth.models.day.TimeBand;
import org.hearth.models.day.Transition;

/**
 * Day profiles of a plausible, noisy routine, drawn from a seeded random source (for baseline
 * tests that need many days; the simulator's event-level histories are another module's work).
 */
public final class SyntheticDays {

    private final Random random;
    /** Mean rise time, local minutes; tests move it to model drift. */
    public double riseMean = 7 * 60 + 30;

    public SyntheticDays(long seed) {
        this.random = new Random(seed);
    }

    private int normal(double mean, double sd) {
        return (int) Math.round(mean + sd * random.nextGaussian());
    }

    private int count(double mean) {
        return Math.max(0, normal(mean, Math.sqrt(mean)));
    }

    public DayProfile normalDay(LocalDate date) {
        return day(date, normal(riseMean, 15), 0);
    }

    /** A normal day except that the resident got up {@code lateBy} minutes later than they would have. */
    public DayProfile day(LocalDate date, int rise, int lateBy) {
        rise = Math.floorMod(rise + lateBy, 1440);
        int bedtime = Math.floorMod(normal(22 * 60 + 50, 25), 1440);
        int careBed = Math.floorMod(bedtime - 720, 1440);
        int careRise = Math.floorMod(rise - 720, 1440);
        int inBed = Math.max(0, careRise - careBed);
        int night = count(1.2);
        long slots = 0;
        for (int s = 0; s < 48; s++) {
            int minute = s * 30 + 15;
            boolean awake = Math.floorMod(minute - 720, 1440) < careBed || Math.floorMod(minute - 720, 1440) > careRise;
            if (awake ? random.nextDouble() < 0.93 : random.nextDouble() < 0.04) {
                slots |= 1L << s;
            }
        }
        Map<RoomBand, Integer> still = new HashMap<>();
        still.put(new RoomBand("lounge", TimeBand.AFTERNOON), Math.max(300, normal(3600, 900)));
        still.put(new RoomBand("lounge", TimeBand.EVENING), Math.max(300, normal(2400, 600)));
        still.put(new RoomBand("bathroom", TimeBand.MORNING), Math.max(300, normal(600, 120)));
        Map<Transition, Integer> moves = new HashMap<>();
        put(moves, "bedroom", "bathroom", count(2 + night));
        put(moves, "bathroom", "bedroom", count(2 + night));
        put(moves, "bedroom", "kitchen", count(1.5));
        put(moves, "kitchen", "lounge", count(5));
        put(moves, "lounge", "kitchen", count(5));
        put(moves, "lounge", "bathroom", count(3));
        put(moves, "bathroom", "lounge", count(3));
        put(moves, "lounge", "hall", count(1));
        put(moves, "hall", "lounge", count(1));
        put(moves, "lounge", "bedroom", count(1));
        boolean out = random.nextDouble() < 0.4;
        int firstKettle = Math.floorMod(rise + Math.max(2, normal(12, 5)), 1440);
        return new DayProfile(date, 1440, rise, bedtime, inBed, night, firstKettle, count(5), count(4), night,
                Math.max(60, normal(300, 60)), 1500, out ? Math.max(20, normal(90, 30)) : 0, 0, slots, still, moves);
    }

    private static void put(Map<Transition, Integer> moves, String from, String to, int n) {
        if (n > 0) {
            moves.put(new Transition(from, to), n);
        }
    }
}
